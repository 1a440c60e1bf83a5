import Engine
import Similarity
import SimilarityTestSupport
import Testing

/// A symmetric measure's outcome reused at (j, i) of the swapped grid reads as if it had been
/// computed there: its reason names the layer it is about ("the column layer is constant"
/// when the column layer is), as `compute B A` and the details panel say.
@Suite struct TransposedReasonTests {
    static let n = 40
    /// All zeros: constant for every measure, dead for MMD's raw normalisation too.
    static let constant = Matrix<Float>(rows: n, cols: 5, repeating: 0)
    static let varied = SeededLayers.layer(n, 6, seed: 11)

    static let symmetric = MeasureFactory.available.filter(\.isSymmetric)

    /// Each layer keeps its own label wherever it stands, as in a grid.
    static let constantLayer = GridLayer(id: "c", label: "layer \"c\"", source: InMemoryActivations(constant))
    static let variedLayer = GridLayer(id: "v", label: "layer \"v\"", source: InMemoryActivations(varied))

    @Test(arguments: symmetric)
    func aReusedReasonSwapsRowAndColumn(metric: Metric) {
        let measure = MeasureFactory.measure(for: metric, options: MetricOptions())
        let evaluator = PairEvaluator(measure: measure, cache: PreparedLayerCache())
        let computed = evaluator.evaluate(Self.variedLayer, Self.constantLayer)      // the column layer is constant
        let mirrored = evaluator.evaluate(Self.constantLayer, Self.variedLayer).transposed
        #expect(computed.value.reason != nil, "\(metric.rawValue) defines a constant layer's cell")
        #expect(mirrored.value == computed.value, "\(metric.rawValue)")
    }

    @Test func wordsSwapOnlyWhereTheyStandAlone() {
        let v = CellValue.undefined(reason: "the row layer is constant (HSIC(K,K) = 0); rows and columnar k_x")
        #expect(v.transposed == .undefined(reason: "the column layer is constant (HSIC(L,L) = 0); rows and columnar k_y"))
        #expect(v.transposed.transposed == v)
        #expect(CellValue.value(0.5).transposed == .value(0.5))
    }
}
