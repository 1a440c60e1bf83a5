import Engine
import Similarity

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-5) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// Computes one CKA-family value for two in-memory layers.
func ckaValue(_ metric: Metric, _ x: Matrix<Float>, _ y: Matrix<Float>,
              form: KernelForm = .gram, fraction: Double = 0.5) -> CellValue {
    let m = CKAMeasure(metric: metric, options: MetricOptions(rbfFraction: fraction), form: form)
    let evaluator = PairEvaluator(measure: m, cache: PreparedLayerCache())
    return evaluator.evaluate(GridLayer(id: "x", label: "X", source: InMemoryActivations(x)),
                              GridLayer(id: "y", label: "Y", source: InMemoryActivations(y))).value
}
