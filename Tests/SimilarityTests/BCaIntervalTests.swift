import Foundation
import Testing
import Similarity

/// The BCa interval against scipy's own BCa routine (`Fixtures/make_bca.py`: the function
/// `scipy.stats.bootstrap(method="BCa")` calls, on fixed resample statistics and delete-one
/// jackknife values; outputs in `bca.json`). Tolerance 1e-12: the same formulas in double
/// precision, differing only in Φ⁻¹'s last bits.
@Suite struct BCaIntervalTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let observed: Double
        let resampled: [Double]
        let jackknife: [Double]
        let z0: Double
        let acceleration: Double
        let levels: [Double]
        let low: Double
        let high: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/bca.json")
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    @Test(arguments: cases)
    func matchesScipy(c: Case) throws {
        let bca = try #require(BCaInterval(resampled: c.resampled, observed: c.observed, jackknife: c.jackknife))
        #expect(abs(bca.biasCorrection - c.z0) <= 1e-12, "z0 \(bca.biasCorrection) vs \(c.z0)")
        #expect(abs(bca.acceleration - c.acceleration) <= 1e-12, "a \(bca.acceleration) vs \(c.acceleration)")
        #expect(abs(bca.levels.0 - c.levels[0]) <= 1e-12 && abs(bca.levels.1 - c.levels[1]) <= 1e-12,
                "levels \(bca.levels) vs \(c.levels)")
        #expect(abs(bca.low - c.low) <= 1e-12 && abs(bca.high - c.high) <= 1e-12,
                "interval [\(bca.low), \(bca.high)] vs [\(c.low), \(c.high)]")
    }

    /// Φ⁻¹ against values of scipy.special.ndtri.
    @Test func normalQuantile() {
        let known: [(Double, Double)] = [(0.025, -1.9599639845400545), (0.5, 0), (0.975, 1.959963984540054),
                                         (1e-10, -6.361340902404056), (0.3, -0.5244005127080409)]
        for (p, z) in known {
            #expect(abs(NormalDistribution.quantile(p) - z) <= 1e-13 * max(1, abs(z)), "Φ⁻¹(\(p))")
        }
    }

    /// Every resample above the value: z₀ is infinite and BCa cannot be estimated.
    @Test func allResamplesOnOneSideGiveNoInterval() {
        #expect(BCaInterval(resampled: [0.9, 0.95, 0.97], observed: 0.5, jackknife: [0.4, 0.5, 0.6]) == nil)
    }
}
