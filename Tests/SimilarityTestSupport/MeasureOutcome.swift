import Engine
import Similarity

/// The outcome of `metric` for row layer `x` against column layer `y` (both N×D), through
/// the same factory, per-layer cache and evaluator the grid uses, so a test sees exactly
/// what a grid cell would.
public func outcome(_ metric: Metric, _ x: Matrix<Float>, _ y: Matrix<Float>,
                    options: MetricOptions = MetricOptions()) -> PairOutcome {
    let measure = MeasureFactory.measure(for: metric, options: options)
    let evaluator = PairEvaluator(measure: measure, cache: PreparedLayerCache())
    return evaluator.evaluate(GridLayer(id: "x", label: "X", source: InMemoryActivations(x)),
                              GridLayer(id: "y", label: "Y", source: InMemoryActivations(y)))
}
