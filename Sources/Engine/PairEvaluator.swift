import Similarity

/// Computes single cells of a grid from cached per-layer state.
///
/// Used cell by cell by the explorer's background job (which chooses the order) and in a
/// loop by `GridComputation`. A layer that cannot be prepared makes its cells undefined,
/// with a reason that names the layer.
public struct PairEvaluator: Sendable {
    public let measure: any PairMeasure
    public let cache: PreparedLayerCache

    public init(measure: any PairMeasure, cache: PreparedLayerCache) {
        self.measure = measure
        self.cache = cache
    }

    /// The outcome for row layer `x` against column layer `y`.
    public func evaluate(_ x: GridLayer, _ y: GridLayer) -> PairOutcome {
        BLAS.useSingleThread()
        if x.source.sampleCount != y.source.sampleCount {
            return PairOutcome(value: .undefined(reason:
                "\(x.label) has \(x.source.sampleCount) samples while \(y.label) has \(y.source.sampleCount)"))
        }
        let px: any Sendable
        switch cache.prepared(x, for: measure) {
        case .success(let s): px = s
        case .failure(let e): return PairOutcome(value: .undefined(reason: "\(x.label) \(e)"))
        }
        let py: any Sendable
        switch cache.prepared(y, for: measure) {
        case .success(let s): py = s
        case .failure(let e): return PairOutcome(value: .undefined(reason: "\(y.label) \(e)"))
        }
        return measure.compare(px, py)
    }
}
