/// Pearson correlation between every live neuron of X and every live neuron of Y.
///
///     r_ij = ⟨xc_i, yc_j⟩ / (‖xc_i‖ ‖yc_j‖)
///
/// for the column-centred neurons xc_i (length N). The inner products come from one
/// double-precision product XcᵀYc (see `CentredCrossProduct`); the norms were accumulated
/// in double when the layers were centred. Constant (dead) neurons, whose correlation is
/// undefined, are left out: rows and columns follow `liveX` and `liveY`. Values are clamped
/// to [−1, 1] against rounding.
public struct NeuronCorrelation: Sendable {
    /// `liveX.count × liveY.count`: r between live neuron `liveX[a]` of X and `liveY[b]` of Y.
    public let matrix: Matrix<Double>
    /// Original indices of X's live neurons, ascending.
    public let liveX: [Int]
    /// Original indices of Y's live neurons, ascending.
    public let liveY: [Int]

    /// - Complexity: O(N·D_X·D_Y).
    public init(_ x: CentredColumns, _ y: CentredColumns) {
        precondition(x.sampleCount == y.sampleCount,
                     "X has \(x.sampleCount) rows while Y has \(y.sampleCount)")
        let lx = x.liveColumns, ly = y.liveColumns
        let cross = CentredCrossProduct.product(x, y)
        let normX = x.columnSquaredNorms.map { $0.squareRoot() }
        let normY = y.columnSquaredNorms.map { $0.squareRoot() }
        var r = Matrix<Double>(rows: lx.count, cols: ly.count)
        for (a, i) in lx.enumerated() {
            for (b, j) in ly.enumerated() {
                let v = cross[i, j] / (normX[i] * normY[j])
                r.storage[a * ly.count + b] = min(1, max(-1, v))
            }
        }
        matrix = r
        liveX = lx
        liveY = ly
    }
}

extension NeuronCorrelation {
    /// A layer centred for correlating its neurons (`matched-corr`, `max-corr`).
    /// - Throws: `SimilarityError.nonFinite`; `.degenerate` when it has no neurons, or no live
    ///   (non-constant) neuron.
    public static func prepared(_ x: Matrix<Float>) throws -> CentredColumns {
        let c = try CentredColumns(x)
        if c.width == 0 { throw SimilarityError.degenerate("has no neurons") }
        if c.deadColumnCount == c.width {
            throw SimilarityError.degenerate("has no live neuron: all \(c.width) neurons are constant over the samples")
        }
        return c
    }
}
