/// Linear and debiased CKA for layers too large to hold in memory: each layer keeps only its
/// streamed self sums (`LinearSums` for the pair (X, X): D² + O(D) numbers), and each pair is
/// computed by streaming both layers' rows once more in blocks. Exact (the same terms as the
/// in-memory estimators, see `LinearSums`), with memory independent of n. Used by the
/// explorer when N is large; the headless path streams all pairs of a grid in one pass
/// (`StreamingLinearGrid`) and gets the same numbers.
public struct StreamingCKAMeasure: TypedPairMeasure {
    public let metric: Metric
    public let blockRows: Int

    public init(metric: Metric, blockRows: Int = 2048) {
        precondition(metric == .linearCKA || metric == .debiasedCKA, "streaming covers linear and debiased CKA")
        self.metric = metric
        self.blockRows = blockRows
    }

    public var preparationKey: String { "kernel-linear-streaming-\(blockRows)" }

    /// One layer's source and its self sums. A class, so a layer compared with itself is
    /// recognised by identity and uses its self sums (as the whole-grid path does).
    public final class Layer: Sendable {
        let source: any ActivationSource
        let sums: LinearSums
        init(source: any ActivationSource, sums: LinearSums) {
            self.source = source
            self.sums = sums
        }
    }

    public func prepareLayer(_ x: Matrix<Float>) throws -> Layer {
        try layer(source: InMemoryActivations(x))
    }

    public func prepare(source: any ActivationSource) throws -> any Sendable {
        try layer(source: source)
    }

    /// Streams the layer once for its self sums.
    func layer(source: any ActivationSource) throws -> Layer {
        let sums = try LinearSumsAccumulator(blockRows: blockRows)
            .accumulate([source], pairs: [(0, 0)], range: 0..<source.sampleCount)
        if sums.layers[0].nonFinite > 0 { throw SimilarityError.nonFinite(count: sums.layers[0].nonFinite) }
        return Layer(source: source, sums: sums)
    }

    public func compareLayers(_ lx: Layer, _ ly: Layer) -> PairOutcome {
        let combined: LinearSums
        if lx === ly {
            combined = lx.sums
        } else {
            do {
                let cross = try LinearSumsAccumulator(blockRows: blockRows)
                    .accumulate([lx.source, ly.source], pairs: [(0, 1)], range: 0..<lx.source.sampleCount)
                combined = LinearSums(sampleCount: cross.sampleCount, layers: cross.layers,
                                      pairs: [relabel(lx.sums.pairs[0], 0), relabel(ly.sums.pairs[0], 1), cross.pairs[0]])
            } catch {
                return PairOutcome(value: .undefined(reason: "\(error)"))
            }
        }
        let j = lx === ly ? 0 : 1
        guard let result = combined.result(x: 0, y: j) else {
            return PairOutcome(value: .undefined(reason: "internal: streamed sums incomplete"))
        }
        return PairOutcome(value: result.value(for: metric), cka: result)
    }

    private func relabel(_ p: LinearSums.Pair, _ k: Int) -> LinearSums.Pair {
        var q = p
        q.x = k
        q.y = k
        return q
    }
}

extension StreamingCKAMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // One block of rows and the layer's d×d self sums.
        let n = Double(n), d = Double(d)
        return 4 * min(n, 2048) * d + 8 * d * d
    }
}
