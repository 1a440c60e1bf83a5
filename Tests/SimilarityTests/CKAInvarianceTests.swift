import Testing
import Similarity
import SimilarityTestSupport

/// CKA's invariances (Kornblith et al. 2019, section 3): orthogonal transforms, isotropic
/// scaling, neuron permutation, and CKA(X, X) = 1; for every kernel and estimator.
@Suite struct CKAInvarianceTests {
    static let metrics: [Metric] = [.linearCKA, .rbfCKA, .debiasedCKA]

    @Test(arguments: metrics, [UInt64(1), 2, 3])
    func orthogonalTransformOfEitherLayer(metric: Metric, seed: UInt64) {
        let x = SeededLayers.layer(40, 8, seed: seed)
        let y = SeededLayers.related(to: x, width: 6, seed: seed + 100)
        let base = ckaValue(metric, x, y).number!
        let xq = SeededLayers.transform(x, by: SeededLayers.orthogonal(8, seed: seed + 7))
        let yq = SeededLayers.transform(y, by: SeededLayers.orthogonal(6, seed: seed + 8))
        #expect(close(ckaValue(metric, xq, y).number, base, 1e-5), "seed \(seed)")
        #expect(close(ckaValue(metric, x, yq).number, base, 1e-5), "seed \(seed)")
    }

    @Test(arguments: metrics)
    func isotropicScaling(metric: Metric) {
        let x = SeededLayers.layer(35, 5, seed: 11)
        let y = SeededLayers.related(to: x, width: 9, seed: 12)
        let base = ckaValue(metric, x, y).number!
        let scaled = Matrix(rows: x.rows, cols: x.cols, storage: x.storage.map { $0 * 3.75 })
        #expect(close(ckaValue(metric, scaled, y).number, base, 1e-5))
    }

    @Test(arguments: metrics)
    func permutedNeurons(metric: Metric) {
        let x = SeededLayers.layer(30, 7, seed: 21)
        let y = SeededLayers.related(to: x, width: 4, seed: 22)
        var g = SeededGenerator(seed: 23)
        let base = ckaValue(metric, x, y).number!
        let px = x.selectingColumns(g.permutation(7))
        let py = y.selectingColumns(g.permutation(4))
        #expect(close(ckaValue(metric, px, py).number, base, 1e-6))
    }

    @Test(arguments: metrics)
    func layerWithItselfIsOne(metric: Metric) {
        let x = SeededLayers.layer(50, 12, seed: 31)
        #expect(close(ckaValue(metric, x, x).number, 1, 1e-6))
    }

    @Test(arguments: [Metric.linearCKA, .debiasedCKA], [UInt64(41), 42, 43])
    func gramFormEqualsFeatureForm(metric: Metric, seed: UInt64) {
        let x = SeededLayers.layer(45, 6, seed: seed)
        let y = SeededLayers.related(to: x, width: 11, seed: seed + 1)
        let gram = ckaValue(metric, x, y, form: .gram).number!
        let features = ckaValue(metric, x, y, form: .features).number!
        #expect(close(features, gram, 1e-6), "seed \(seed): gram \(gram) features \(features)")
    }

    @Test func symmetric() {
        let x = SeededLayers.layer(25, 3, seed: 51)
        let y = SeededLayers.related(to: x, width: 5, seed: 52)
        for metric in Self.metrics {
            #expect(close(ckaValue(metric, x, y).number, ckaValue(metric, y, x).number!, 1e-7))
        }
    }
}
