import Foundation
import Testing
import Similarity

/// The permutation test and bootstrap against an independent numpy computation over the same
/// index lists (`Fixtures/make_significance.py`), plus reproducibility from a seed.
@Suite struct PermutationTestTests {
    struct Case: Decodable {
        let x: [[Float]]
        let y: [[Float]]
        let permutations: [[Int]]
        let resamples: [[Int]]
        let observed: Double
        let p: Double
        let low: Double
        let high: Double
    }

    static let cases: [String: Case] = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/significance.json")
        return try! JSONDecoder().decode([String: Case].self, from: Data(contentsOf: url))
    }()

    static let test = PermutationTest(measure: CKAMeasure(metric: .linearCKA, options: MetricOptions()))

    @Test(arguments: ["related", "unrelated"])
    func matchesNumpyOnTheSameIndexLists(name: String) throws {
        let c = try #require(Self.cases[name])
        let s = try Self.test.run(x: Matrix(c.x), y: Matrix(c.y), permutations: c.permutations,
                                  resamples: c.resamples, seed: 0)
        #expect(close(s.observed, c.observed, 1e-6))
        #expect(s.permutationP == c.p)
        #expect(close(s.bootstrapLow, c.low, 1e-6))
        #expect(close(s.bootstrapHigh, c.high, 1e-6))
        #expect(s.permutations == c.permutations.count && s.bootstrapSamples == c.resamples.count)
    }

    @Test func sameSeedSameAnswerOtherSeedOtherDraws() throws {
        let c = try #require(Self.cases["unrelated"])
        let a = try Self.test.run(x: Matrix(c.x), y: Matrix(c.y), permutations: 30, bootstrap: 30, seed: 42)
        let b = try Self.test.run(x: Matrix(c.x), y: Matrix(c.y), permutations: 30, bootstrap: 30, seed: 42)
        #expect(a == b)
        let lists42 = PermutationTest.indexLists(n: 40, permutations: 3, bootstrap: 3, seed: 42)
        let lists43 = PermutationTest.indexLists(n: 40, permutations: 3, bootstrap: 3, seed: 43)
        #expect(lists42.permutations != lists43.permutations)
        #expect(lists42.permutations.allSatisfy { $0.sorted() == Array(0..<40) })
        #expect(lists42.resamples.allSatisfy { $0.count == 40 && $0.allSatisfy { (0..<40).contains($0) } })
    }

    @Test func distancesCountPermutationsAtLeastAsClose() throws {
        let c = try #require(Self.cases["related"])
        let mmd = PermutationTest(measure: MeasureFactory.measure(for: .mmdPoly, options: MetricOptions()))
        let s = try mmd.run(x: Matrix(c.x), y: Matrix(c.x), permutations: 19, bootstrap: 0, seed: 1)
        // X against itself is as close as it gets (MMD² = 0); every shuffle of Y's samples
        // moves the neurons' response vectors apart (MMD² > 0), so none is at least as close
        // and p takes its smallest value, 1/(19 + 1). Counting "≥" for a distance would give 1.
        #expect(s.observed == 0)
        #expect(s.permutationP == 0.05)
        #expect(s.bootstrapLow == nil)
    }

    @Test func undefinedObservedValueIsReported() {
        let constant = Matrix<Float>(rows: 10, cols: 2, repeating: 1)
        #expect(throws: SimilarityError.self) {
            try Self.test.run(x: constant, y: constant, permutations: 5, bootstrap: 5, seed: 1)
        }
    }

    @Test func percentileIsNumpysLinearMethod() {
        // np.percentile([1, 2, 3, 4], [2.5, 50, 97.5]) = [1.075, 2.5, 3.925]
        #expect(abs(Percentile.linear([1, 2, 3, 4], 2.5) - 1.075) < 1e-12)
        #expect(Percentile.linear([1, 2, 3, 4], 50) == 2.5)
        #expect(abs(Percentile.linear([1, 2, 3, 4], 97.5) - 3.925) < 1e-12)
        #expect(Percentile.linear([7], 97.5) == 7)
    }
}
