/// A layer's activations with every column centred, plus the row statistics the
/// estimators need.
///
/// Shape: `matrix` is N×D (`Float`), the centred activations Xc = X − 1μᵀ. The means are
/// computed in double precision and the centred values rounded once to `Float`, so a
/// constant column centres to exactly zero. `rowSquaredNorms[i]` = ‖xc_i‖² and
/// `squaredNorm` = ‖Xc‖²_F are accumulated in double from the unrounded centred values.
/// For the linear kernel these are diag(HKH) and tr(HKH), where K = XXᵀ.
public struct CenteredActivations: Sendable {
    public let matrix: Matrix<Float>
    /// μ, the column means (length D).
    public let means: [Double]
    /// ‖xc_i‖² for every sample i (length N).
    public let rowSquaredNorms: [Double]
    /// ‖Xc‖²_F = Σ_i ‖xc_i‖².
    public let squaredNorm: Double

    public var sampleCount: Int { matrix.rows }
    public var width: Int { matrix.cols }

    /// Centres the columns of `x` (N×D).
    /// - Throws: `SimilarityError.nonFinite` when `x` holds NaN or ±Inf, with their count.
    /// - Complexity: O(N·D).
    public init(_ x: Matrix<Float>) throws {
        let n = x.rows, d = x.cols
        let means = try ColumnMeans.of(x)
        var out = [Float](repeating: 0, count: n * d)
        var rowNorms = [Double](repeating: 0, count: n)
        x.storage.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { q in
                for i in 0..<n {
                    let base = i * d
                    var acc = 0.0
                    for j in 0..<d {
                        let c = Double(p[base + j]) - means[j]
                        acc += c * c
                        q[base + j] = Float(c)
                    }
                    rowNorms[i] = acc
                }
            }
        }
        self.matrix = Matrix(rows: n, cols: d, storage: out)
        self.means = means
        self.rowSquaredNorms = rowNorms
        self.squaredNorm = rowNorms.reduce(0, +)
    }

    /// True when every column is constant (the centred matrix is all zeros).
    public var isConstant: Bool { squaredNorm == 0 }
}
