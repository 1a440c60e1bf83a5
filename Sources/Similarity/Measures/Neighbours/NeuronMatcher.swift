/// Matches the neurons of two layers one to one, maximising the total |Pearson correlation|
/// (see `NeuronMatching`, `NeuronCorrelation`, `Hungarian`).
///
/// Dead (constant) neurons are left out and counted; the live ones are matched by the
/// Hungarian algorithm on |r|, giving min(live X, live Y) pairs that carry the original
/// neuron indices and the signed r. The drill-down runs this in the background, so it
/// reports progress and can be cancelled.
public enum NeuronMatcher {
    /// The matching for row layer `x` and column layer `y`.
    ///
    /// - Parameters:
    ///   - x: N×D_X activations of the row layer (uncentred).
    ///   - y: N×D_Y activations of the column layer (uncentred, same N).
    ///   - progress: fraction of the assignment done, in (0, 1], at most ~100 calls.
    ///   - isCancelled: polled while assigning; return true to stop.
    /// - Throws: `SimilarityError.sampleCountMismatch`, `.nonFinite`, `.degenerate` when a
    ///   layer has no live neuron, `.cancelled`.
    /// - Complexity: O(N·D_X·D_Y) for the correlations plus O(k²·m) for the assignment,
    ///   k = min(live D_X, live D_Y), m = max.
    public static func match(x: Matrix<Float>, y: Matrix<Float>,
                             progress: (Double) -> Void = { _ in },
                             isCancelled: () -> Bool = { false }) throws -> NeuronMatching {
        if x.rows != y.rows { throw SimilarityError.sampleCountMismatch(rows: x.rows, cols: y.rows) }
        return try match(CentredColumns(x), CentredColumns(y), progress: progress, isCancelled: isCancelled)
    }

    /// The matching for two already-centred layers. Same contract as `match(x:y:…)`.
    public static func match(_ x: CentredColumns, _ y: CentredColumns,
                             progress: (Double) -> Void = { _ in },
                             isCancelled: () -> Bool = { false }) throws -> NeuronMatching {
        if x.sampleCount != y.sampleCount {
            throw SimilarityError.sampleCountMismatch(rows: x.sampleCount, cols: y.sampleCount)
        }
        if let why = noLiveNeuron(x, role: "row") ?? noLiveNeuron(y, role: "column") {
            throw SimilarityError.degenerate(why)
        }
        if isCancelled() { throw SimilarityError.cancelled }
        return try match(NeuronCorrelation(x, y), deadX: x.deadColumnCount, deadY: y.deadColumnCount,
                         widthX: x.width, widthY: y.width, progress: progress, isCancelled: isCancelled)
    }

    /// The matching of already computed correlations (the streamed path builds them from sums).
    static func match(_ r: NeuronCorrelation, deadX: Int, deadY: Int, widthX: Int, widthY: Int,
                      progress: (Double) -> Void = { _ in },
                      isCancelled: () -> Bool = { false }) throws -> NeuronMatching {
        var weights = r.matrix
        for i in weights.storage.indices { weights.storage[i] = abs(weights.storage[i]) }
        let assignment = try Hungarian.maximumWeightAssignment(weights, progress: progress,
                                                                isCancelled: isCancelled)
        let matches = assignment.pairs.map {
            NeuronMatching.Match(x: r.liveX[$0.row], y: r.liveY[$0.column], correlation: r.matrix[$0.row, $0.column])
        }
        return NeuronMatching(matches: matches, deadX: deadX, deadY: deadY,
                              widthX: widthX, widthY: widthY, manyToOne: r.manyToOne)
    }

    /// Why a layer cannot be matched, or `nil` when it has a live neuron.
    static func noLiveNeuron(_ c: CentredColumns, role: String) -> String? {
        if c.width == 0 { return "the \(role) layer has no neurons" }
        if c.deadColumnCount == c.width {
            return "the \(role) layer has no live neuron: all \(c.width) neurons are constant over the samples"
        }
        return nil
    }
}
