import Foundation
import Testing
import Similarity

/// Minibatch CKA against numpy (`Fixtures/make_minibatch.py`), and shard merging.
@Suite struct MinibatchTests {
    struct Case: Decodable { let batch_size: Int; let batches: Int; let minibatch_cka: Double }
    static let cases: [String: Case] = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/minibatch.json")
        return try! JSONDecoder().decode([String: Case].self, from: Data(contentsOf: url))
    }()

    static let pairs = [MinibatchSums.PairKey(x: 0, y: 0), .init(x: 1, y: 1), .init(x: 0, y: 1)]

    @Test(arguments: ["case_4", "case_1"])
    func matchesNumpy(name: String) throws {
        let c = try #require(Self.cases[name])
        let x = ReferenceValueTests.layer("\(name)_x"), y = ReferenceValueTests.layer("\(name)_y")
        let sums = try MinibatchAccumulator(batchSize: c.batch_size)
            .accumulate([InMemoryActivations(x), InMemoryActivations(y)], pairs: Self.pairs, range: 0..<x.rows)
        #expect(sums.batches == c.batches)
        #expect(close(sums.value(x: 0, y: 1).number, c.minibatch_cka, 1e-6))
    }

    @Test func shardsOnBatchBoundariesMergeToTheSingleRun() throws {
        let x = ReferenceValueTests.layer("case_4_x"), y = ReferenceValueTests.layer("case_4_y")
        let sources: [any ActivationSource] = [InMemoryActivations(x), InMemoryActivations(y)]
        let acc = MinibatchAccumulator(batchSize: 25)
        let whole = try acc.accumulate(sources, pairs: Self.pairs, range: 0..<120)
        var a = try acc.accumulate(sources, pairs: Self.pairs, range: 0..<50)
        let b = try acc.accumulate(sources, pairs: Self.pairs, range: 50..<120)
        #expect(a.mergeProblem(with: b) == nil)
        a.merge(b)
        #expect(a.batches == whole.batches && a.sampleCount == 120)
        #expect(close(a.value(x: 0, y: 1).number, whole.value(x: 0, y: 1).number!, 1e-12))
    }

    @Test func aLayerWithItselfIsOne() throws {
        let x = ReferenceValueTests.layer("case_4_x")
        let sums = try MinibatchAccumulator(batchSize: 30)
            .accumulate([InMemoryActivations(x)], pairs: [.init(x: 0, y: 0)], range: 0..<120)
        #expect(close(sums.value(x: 0, y: 0).number, 1, 1e-12))
    }
}
