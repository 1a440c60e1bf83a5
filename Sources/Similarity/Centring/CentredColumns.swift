/// A layer whose columns are centred in double precision, kept as the original `Float`
/// activations plus the `Double` column means, so it costs no more memory than the layer.
///
/// Shape: `raw` is N×D. The centred value of (i, j) is `Double(raw[i, j]) − means[j]`,
/// computed in double whenever it is needed (`centredRows`), so the measures built on it
/// (Procrustes, MMD, kNN, neuron matching, the CKA split) see the float64 values a numpy
/// reference would, with no single-precision rounding after centring. A constant column
/// centres to exactly zero: the double mean of equal floats is that float.
///
/// Besides the means, the norms the measures normalise by are accumulated here once:
/// ‖xc_j‖² per column, ‖xc_i‖² per row, and ‖Xc‖²_F.
public struct CentredColumns: Sendable {
    /// The uncentred activations, N×D.
    public let raw: Matrix<Float>
    /// μ_j, the column means (length D).
    public let means: [Double]
    /// ‖xc_j‖² = Σ_i (x_ij − μ_j)² for every neuron j (length D).
    public let columnSquaredNorms: [Double]
    /// ‖xc_i‖² = Σ_j (x_ij − μ_j)² for every sample i (length N).
    public let rowSquaredNorms: [Double]
    /// ‖Xc‖²_F.
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

    /// Rows `range` of Xc, widened to double and centred: a `range.count × D` matrix.
    public func centredRows(_ range: Range<Int>) -> Matrix<Double> {
        let d = width
        var out = Matrix<Double>(rows: range.count, cols: d)
        raw.storage.withUnsafeBufferPointer { p in
            out.storage.withUnsafeMutableBufferPointer { q in
                for (k, i) in range.enumerated() {
                    let src = i * d, dst = k * d
                    for j in 0..<d { q[dst + j] = Double(p[src + j]) - means[j] }
                }
            }
        }
        return out
    }

    /// The whole of Xc in double precision (N×D). Holds 8·N·D bytes: prefer `centredRows`
    /// in blocks where the algorithm allows.
    public func centred() -> Matrix<Double> { centredRows(0..<sampleCount) }

    /// Indices of the neurons with non-zero variance, ascending.
    public var liveColumns: [Int] { columnSquaredNorms.indices.filter { columnSquaredNorms[$0] > 0 } }

    /// Number of constant (dead) neurons: zero variance over the samples.
    public var deadColumnCount: Int { columnSquaredNorms.reduce(0) { $0 + ($1 > 0 ? 0 : 1) } }
}
