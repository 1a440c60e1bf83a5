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

/// Each live X neuron matched to its most correlated live Y neuron, many to one: the mean of
/// the row maxima of |r| and how many distinct Y neurons they use (`max-corr`, and the
/// drill-down's reading beside the one-to-one matching).
public struct ManyToOneMatching: Sendable, Equatable {
    /// (1/|L_X|) Σ_i max_j |r_ij|.
    public let meanAbsCorrelation: Double
    /// |{argmax_j |r_ij|}|; ties go to the lower column.
    public let distinctY: Int

    public init(meanAbsCorrelation: Double, distinctY: Int) {
        self.meanAbsCorrelation = meanAbsCorrelation
        self.distinctY = distinctY
    }
}

extension NeuronCorrelation {
    /// The many-to-one matching of these correlations, `nil` when either side has no live neuron.
    /// - Complexity: O(live D_X · live D_Y).
    public var manyToOne: ManyToOneMatching? {
        let rows = matrix.rows, cols = matrix.cols
        guard rows > 0, cols > 0 else { return nil }
        var total = 0.0
        var used = Set<Int>()
        for a in 0..<rows {
            var best = -1.0, bestColumn = 0
            for b in 0..<cols {
                let v = abs(matrix.storage[a * cols + b])
                if v > best { best = v; bestColumn = b }
            }
            total += best
            used.insert(bestColumn)
        }
        return ManyToOneMatching(meanAbsCorrelation: total / Double(rows), distinctY: used.count)
    }
}
