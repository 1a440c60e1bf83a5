import Testing
import Similarity
import SimilarityTestSupport

/// The factory hands out the five measures, and the four CCA measures share one per-layer SVD.
@Suite struct MeasureWiringTests {
    @Test(arguments: ccaFamily)
    func factoryProvidesTheMeasure(metric: Metric) {
        let m = MeasureFactory.measure(for: metric, options: MetricOptions())
        #expect(m.metric == metric)
        #expect(MeasureFactory.available.contains(metric))
    }

    @Test func ccaMeasuresSharePreparedLayers() {
        let keys = [Metric.ccaRho, .ccaR2, .svcca, .pwcca].map { MeasureFactory.measure(for: $0, options: MetricOptions()).preparationKey }
        #expect(Set(keys).count == 1)
        #expect(MeasureFactory.measure(for: .regression, options: MetricOptions()).preparationKey != keys[0])
    }

    /// The measures' symmetry matches `Metric.isSymmetric` on an asymmetric example:
    /// PWCCA and regression change when the layers swap, the others do not.
    @Test func symmetryMatchesTheMetric() {
        let x = CCATestData.layer(60, 6, seed: 31)
        let y = CCATestData.related(to: x, width: 3, seed: 32)
        for metric in ccaFamily {
            let a = outcome(metric, x, y).value.number!, b = outcome(metric, y, x).value.number!
            #expect((abs(a - b) < 1e-12) == metric.isSymmetric, "\(metric.rawValue): \(a) vs \(b)")
        }
    }
}
