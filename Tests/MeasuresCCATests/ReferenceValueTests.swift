import Testing
import Similarity
import SimilarityTestSupport

/// Every measure against the independent numpy/scipy reference (`Fixtures/make_fixtures.py`),
/// in both orientations, on generic, rank-deficient, N ≈ D, D_X ≥ N and decaying-spectrum cases.
///
/// Tolerance 1e-9 relative (to max(1, |expected|)). Both sides start from the same float32
/// values, widened exactly to double, so they differ only by double-precision rounding along
/// different routes. Observed agreement is better than 1e-13 on every value, including the
/// held-out R² of −17.7 on `n_close_to_d` (a 12 × 10 fit half, nearly interpolating). The
/// margin allows for other BLAS/LAPACK kernels. The reference whitens through the covariance,
/// which squares the condition number (≤ about 1e4 here above the rank cut).
@Suite struct ReferenceValueTests {
    static let tolerance = 1e-9

    @Test(arguments: referenceCaseNames)
    func numericalRanksMatch(name: String) throws {
        let c = ReferenceFixtures.named(name)
        #expect(ReferenceFixtures.shared.rank_epsilon == NumericalRank.epsilon)
        #expect(ReferenceFixtures.shared.rank_rtol == NumericalRank.defaultRelativeTolerance)
        let rtol = NumericalRank.defaultRelativeTolerance
        #expect(try LayerSpectrum.forCCA(c.x, rankRelativeTolerance: rtol).rank == c.rank_x, "\(name) X")
        #expect(try LayerSpectrum.forCCA(c.y, rankRelativeTolerance: rtol).rank == c.rank_y, "\(name) Y")
        #expect(try LayerSpectrum(c.x, keepingLoadings: false).rank == c.lstsq_rank_x, "\(name) X, regression's rule")
        #expect(try LayerSpectrum(c.y, keepingLoadings: false).rank == c.lstsq_rank_y, "\(name) Y, regression's rule")
    }

    @Test(arguments: referenceCaseNames, ccaFamily)
    func valueMatchesReference(name: String, metric: Metric) {
        let c = ReferenceFixtures.named(name)
        for (label, x, y, expected) in [("X→Y", c.x, c.y, c.xy), ("Y→X", c.y, c.x, c.yx)] {
            let got = outcome(metric, x, y, options: MetricOptions(svccaVarianceKept: ReferenceFixtures.shared.variance_kept))
            if let want = expected.value(metric) {
                #expect(close(got.value.number, want, Self.tolerance), "\(name) \(label) \(metric.rawValue): \(got.value) vs \(want)")
            } else {
                #expect(got.value.number == nil, "\(name) \(label) \(metric.rawValue) should be undefined, got \(got.value)")
                #expect(got.value.reason?.isEmpty == false)
            }
        }
    }

    @Test(arguments: referenceCaseNames)
    func svccaKeptDirectionsMatch(name: String) {
        let c = ReferenceFixtures.named(name)
        let got = outcome(.svcca, c.x, c.y)
        #expect(got.extras["svcca_k_x"] == Double(c.xy.svcca_k_x), "\(name): \(got.extras)")
        #expect(got.extras["svcca_k_y"] == Double(c.xy.svcca_k_y), "\(name): \(got.extras)")
    }

    @Test(arguments: referenceCaseNames)
    func heldOutR2MatchesReference(name: String) {
        let c = ReferenceFixtures.named(name)
        for (label, x, y, expected) in [("X→Y", c.x, c.y, c.xy), ("Y→X", c.y, c.x, c.yx)] {
            let got = outcome(.regression, x, y).extras["regression_heldout_r2"]
            if let want = expected.regression_heldout_r2 {
                #expect(close(got, want, Self.tolerance), "\(name) \(label): \(String(describing: got)) vs \(want)")
            } else {
                #expect(got == nil, "\(name) \(label)")
            }
        }
    }

    /// The reference cases are chosen to reach the truncation: not every layer keeps all its
    /// directions, and none keeps just one (a common SVCCA bug).
    @Test func fixturesExerciseTheTruncation() {
        let cases = ReferenceFixtures.shared.cases
        #expect(cases.contains { $0.xy.svcca_k_x < $0.rank_x || $0.xy.svcca_k_y < $0.rank_y })
        #expect(cases.allSatisfy { $0.xy.svcca_k_x > 1 && $0.xy.svcca_k_y > 1 })
    }
}
