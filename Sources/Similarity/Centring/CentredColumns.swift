/// A layer whose columns are centred: the one centring every measure uses.
///
/// Shape: `raw` is the layer as read, N×D `Float`; `means` are μ_j, the column means in
/// double precision. The centred value of (i, j) is xc_ij = `Double(raw[i, j]) − means[j]`.
/// It is computed in double whenever it is needed, in the form each measure wants:
/// - `centredRows` / `centred()`: double, no rounding after centring (the CCA family,
///   regression, Procrustes, MMD, kNN, neuron matching, the CKA split), so those measures
///   see the float64 values a numpy reference would;
/// - `roundedCentred()`: rounded once to `Float` (the linear and RBF kernels, whose products
///   run in single precision).
/// Keeping `raw` rather than a centred copy costs no more memory than the layer itself.
///
/// A constant column centres to exactly zero: the double mean of equal floats is that float.
/// Besides the means, the norms the measures normalise by are accumulated here once, from
/// the unrounded centred values: ‖xc_j‖² per column, ‖xc_i‖² per row, and ‖Xc‖²_F. For the
/// linear kernel K = XXᵀ, the row norms are diag(HKH) and ‖Xc‖²_F is tr(HKH).
public struct CentredColumns: Sendable {
    /// The uncentred activations, N×D.
    public let raw: Matrix<Float>
    /// μ_j, the column means (length D).
    public let means: [Double]
    /// ‖xc_j‖² = Σ_i (x_ij − μ_j)² for every neuron j (length D).
    public let columnSquaredNorms: [Double]
    /// ‖xc_i‖² = Σ_j (x_ij − μ_j)² for every sample i (length N).
    public let rowSquaredNorms: [Double]
    /// ‖Xc‖²_F = Σ_i ‖xc_i‖².
    public let squaredNorm: Double

    /// N, the number of samples.
    public var sampleCount: Int { raw.rows }
    /// D, the number of neurons.
    public var width: Int { raw.cols }

    /// Centres the columns of `x` (N×D) in double precision.
    /// - Throws: `SimilarityError.nonFinite` when `x` holds NaN or ±Inf, with their count.
    /// - Complexity: O(N·D).
    public init(_ x: Matrix<Float>) throws {
        let n = x.rows, d = x.cols
        let means = try ColumnMeans.of(x)
        var columnNorms = [Double](repeating: 0, count: d)
        var rowNorms = [Double](repeating: 0, count: n)
        x.storage.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let base = i * d
                var acc = 0.0
                for j in 0..<d {
                    let c = Double(p[base + j]) - means[j]
                    acc += c * c
                    columnNorms[j] += c * c
                }
                rowNorms[i] = acc
            }
        }
        self.raw = x
        self.means = means
        self.columnSquaredNorms = columnNorms
        self.rowSquaredNorms = rowNorms
        self.squaredNorm = rowNorms.reduce(0, +)
    }

    /// True when every column is constant (Xc is all zeros).
    public var isConstant: Bool { squaredNorm == 0 }

    /// Indices of the neurons with non-zero variance, ascending.
    public var liveColumns: [Int] { columnSquaredNorms.indices.filter { columnSquaredNorms[$0] > 0 } }

    /// Number of constant (dead) neurons: zero variance over the samples.
    public var deadColumnCount: Int { columnSquaredNorms.reduce(0) { $0 + ($1 > 0 ? 0 : 1) } }
}
