import Testing
import Similarity
import SimilarityTestSupport

/// Degenerate inputs give undefined cells with a reason a user can act on, never NaN or a trap.
@Suite struct DegenerateInputTests {
    static let cca: [Metric] = [.ccaRho, .ccaR2, .svcca, .pwcca]

    @Test(arguments: cca)
    func constantLayerIsUndefinedInEitherPosition(metric: Metric) {
        let constant = Matrix<Float>(rows: 30, cols: 4, repeating: 0.7)
        let y = CCATestData.layer(30, 3, seed: 12)
        for o in [outcome(metric, constant, y), outcome(metric, y, constant)] {
            #expect(o.value.number == nil)
            #expect(o.value.reason?.contains("is constant") == true, "\(o.value)")
        }
    }

    @Test func constantResponseIsUndefinedForRegression() {
        let o = outcome(.regression, CCATestData.layer(30, 3, seed: 13), Matrix<Float>(rows: 30, cols: 2, repeating: -1))
        #expect(o.value.number == nil)
        #expect(o.value.reason?.contains("no variance") == true, "\(o.value)")
        #expect(o.extras.isEmpty)
    }

    @Test(arguments: ccaFamily)
    func nonFiniteValuesAreCounted(metric: Metric) {
        var x = CCATestData.layer(30, 3, seed: 14)
        x[3, 1] = .nan
        x[9, 2] = -.infinity
        let o = outcome(metric, x, CCATestData.layer(30, 2, seed: 15))
        #expect(o.value.number == nil)
        #expect(o.value.reason?.contains("2 NaN or infinite values") == true, "\(o.value)")
    }

    /// rank X + rank Y ≥ N forces rank X + rank Y − (N − 1) correlations to 1. Ranks 6 and
    /// 5: undefined at N = 11 (one forced), defined at N = 12.
    @Test(arguments: [Metric.ccaRho, .ccaR2, .pwcca])
    func tooFewSamplesForCCA(metric: Metric) {
        for (n, defined) in [(11, false), (12, true)] {
            let x = CCATestData.layer(n, 6, seed: UInt64(n))
            let y = CCATestData.layer(n, 5, seed: UInt64(n) + 50)
            let o = outcome(metric, x, y)
            if defined {
                #expect(o.value.number != nil, "N = \(n): \(o.value)")
            } else {
                #expect(o.value.reason?.contains("too few samples for CCA") == true, "N = \(n): \(o.value)")
                #expect(o.value.reason?.contains("1 canonical correlation is 1") == true, "N = \(n): \(o.value)")
            }
        }
    }

    /// A layer that spans every centred direction (D ≥ N) makes CCA trivial, so it is
    /// undefined. SVCCA may keep fewer directions and is judged on those, reporting them either way.
    @Test func layerSpanningTheSampleSpace() {
        let x = CCATestData.layer(15, 20, seed: 16)
        let y = CCATestData.layer(15, 2, seed: 17)
        #expect(outcome(.ccaRho, x, y).value.reason?.contains("too few samples") == true)
        let sv = outcome(.svcca, x, y)
        #expect(sv.extras["svcca_k_x"] != nil && sv.extras["svcca_k_y"] != nil)
        if sv.value.number == nil { #expect(sv.value.reason?.contains("kept directions") == true, "\(sv.value)") }
    }

    @Test(arguments: [0.0, 1.5, Double.nan])
    func invalidSVCCAOption(fraction: Double) {
        let x = CCATestData.layer(30, 3, seed: 18)
        let o = outcome(.svcca, x, x, options: MetricOptions(svccaVarianceKept: fraction))
        #expect(o.value.reason?.contains("variance kept must be in (0, 1]") == true, "\(o.value)")
    }

    @Test func heldOutNeedsFourSamples() {
        let x = CCATestData.layer(3, 1, seed: 19), y = CCATestData.layer(3, 1, seed: 20)
        let o = outcome(.regression, x, y)
        #expect(o.value.number != nil)
        #expect(o.extras["regression_heldout_r2"] == nil)
        #expect(outcome(.regression, CCATestData.layer(4, 1, seed: 19), CCATestData.layer(4, 1, seed: 20)).extras["regression_heldout_r2"] != nil)
    }

    /// Y varies on the fit half but is constant on the evaluation half: the held-out R² has
    /// no denominator, so it is left out while the in-sample value stands.
    @Test func heldOutLeftOutWhenEvaluationHalfIsConstant() {
        let x = CCATestData.layer(20, 3, seed: 21)
        var y = CCATestData.layer(20, 2, seed: 22)
        for i in 10..<20 { y[i, 0] = 1; y[i, 1] = 2 }
        let o = outcome(.regression, x, y)
        #expect(o.value.number != nil)
        #expect(o.extras["regression_heldout_r2"] == nil)
    }

    /// Tiny and empty shapes, with constant columns mixed in: every outcome is a finite
    /// number in the metric's range or has a reason, and every extra is finite.
    @Test(arguments: ccaFamily)
    func neverNaNOnSmallShapes(metric: Metric) {
        var seed: UInt64 = 100
        for n in [0, 1, 2, 3, 4, 5, 8] {
            for (dx, dy) in [(0, 2), (1, 1), (2, 5), (5, 2), (3, 3)] {
                seed += 1
                var x = CCATestData.layer(n, dx, seed: seed)
                let y = CCATestData.layer(n, dy, seed: seed + 7)
                if dx > 1 { for i in 0..<n { x[i, 0] = 4 } }
                let o = outcome(metric, x, y)
                if let v = o.value.number {
                    #expect(v.isFinite && v >= -1e-12 && v <= 1 + 1e-12, "N \(n) dx \(dx) dy \(dy) seed \(seed): \(v)")
                } else {
                    #expect(o.value.reason?.isEmpty == false, "N \(n) dx \(dx) dy \(dy) seed \(seed)")
                }
                #expect(o.extras.values.allSatisfy { $0.isFinite }, "N \(n) dx \(dx) dy \(dy) seed \(seed): \(o.extras)")
            }
        }
    }
}
