/// A layer's neurons as points for Neuron Selectivity Transfer's MMD: neuron j of an N×D
/// layer is its **raw** length-N response vector scaled to unit length, x̂_j = x_j / ‖x_j‖,
/// with no mean removed (NST's `F.normalize`). A neuron that is zero on every sample (a dead
/// ReLU unit) stays the zero vector, a point at the origin.
///
/// Kept in double precision: the mean point m = (1/D) Σ_j x̂_j (the linear kernel needs only
/// this) and, for the Gaussian kernel, the N×D matrix X̂ (row-major) with its D×D Gram X̂ᵀX̂.
public struct UnitNeurons: Sendable {
    /// X̂, N×D; 0×0 when built without the Gram matrix.
    public let points: Matrix<Double>
    /// X̂ᵀX̂, D×D: the inner products of every pair of points; 0×0 when not asked for.
    public let gram: Matrix<Double>
    /// ‖x̂_j‖²: 1 for a live neuron, 0 for a dead one.
    public let squaredNorms: [Double]
    /// The mean point (1/D) Σ_j x̂_j, length N.
    public let mean: [Double]
    /// Neurons that are zero on every sample.
    public let deadCount: Int

    /// The layer's width d (dead neurons included).
    public let width: Int

    public var sampleCount: Int { mean.count }

    /// - Throws: `SimilarityError.nonFinite`; `.degenerate` when the layer has no neurons or
    ///   every neuron is zero.
    /// - Parameter wantsGram: keep X̂ and X̂ᵀX̂ (the Gaussian kernel); without it only the mean
    ///   point is kept.
    /// - Complexity: O(N·D²) for the Gram matrix; memory 8·(N·D + D²) bytes with it, 8·N without.
    public init(_ x: Matrix<Float>, gram wantsGram: Bool = true) throws {
        let c = try CentredColumns(uncentred: x)
        let n = c.sampleCount, d = c.width
        if d == 0 { throw SimilarityError.degenerate("has no neurons") }
        if c.deadColumnCount == d {
            throw SimilarityError.degenerate("has no live neuron: all \(d) neurons are zero on every sample")
        }
        let inverse = c.columnSquaredNorms.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var u = Matrix<Double>(rows: n, cols: d)
        var mean = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var acc = 0.0
            for j in 0..<d {
                let v = Double(x[i, j]) * inverse[j]
                u.storage[i * d + j] = v
                acc += v
            }
            mean[i] = acc / Double(d)
        }
        points = wantsGram ? u : Matrix<Double>(rows: 0, cols: 0)
        gram = wantsGram ? BLAS.product(u, transposeA: true, u) : Matrix<Double>(rows: 0, cols: 0)
        // Unit length for a live neuron, zero for a dead one (exactly, as the kernels take them).
        squaredNorms = inverse.map { $0 > 0 ? 1 : 0 }
        width = d
        self.mean = mean
        deadCount = c.deadColumnCount
    }
}
