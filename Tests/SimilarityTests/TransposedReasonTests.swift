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

    /// The same two layers as 4-D ones (5 channels of 1×1 maps, 6 of 1×1), for nst-*.
    static let constantMaps = GridLayer(id: "c", label: "layer \"c\"",
                                        source: InMemorySpatialActivations(constant, shape: SpatialShape(channels: 5, height: 1, width: 1)))
    static let variedMaps = GridLayer(id: "v", label: "layer \"v\"",
                                      source: InMemorySpatialActivations(varied, shape: SpatialShape(channels: 6, height: 1, width: 1)))

    @Test(arguments: symmetric)
    func aReusedReasonSwapsRowAndColumn(metric: Metric) {
        let measure = MeasureFactory.measure(for: metric, options: MetricOptions())
        let evaluator = PairEvaluator(measure: measure, cache: PreparedLayerCache())
        let maps = [.nstLinear, .nstPoly, .nstGauss].contains(metric)
        let (varied, constant) = maps ? (Self.variedMaps, Self.constantMaps) : (Self.variedLayer, Self.constantLayer)
        let computed = evaluator.evaluate(varied, constant)      // the column layer is constant
        let mirrored = evaluator.evaluate(constant, varied).transposed
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
