import Testing
import Similarity
import SimilarityTestSupport

/// The streaming sums give the in-memory grid's terms exactly (up to rounding), in any
/// block size, and slices merge to the whole.
@Suite struct LinearSumsTests {
    static let n = 53
    static let layers: [Matrix<Float>] = [
        SeededLayers.layer(n, 4, seed: 11),
        SeededLayers.related(to: SeededLayers.layer(n, 4, seed: 11), width: 7, seed: 12),
        SeededLayers.layer(n, 9, seed: 13),
    ]
    static var sources: [any ActivationSource] { layers.map { InMemoryActivations($0) } }
    static let pairs = [(0, 0), (1, 1), (2, 2), (0, 1), (0, 2), (1, 2), (2, 0)]

    static func expectMatchesInMemory(_ sums: LinearSums, _ what: String) {
        for (x, y) in [(0, 1), (0, 2), (1, 2), (2, 0), (1, 1)] {
            let reference = CKAResult(try! LinearKernel.statistics(of: layers[x], form: .features),
                                      try! LinearKernel.statistics(of: layers[y], form: .features))
            let got = sums.result(x: x, y: y)!
            let scale = max(abs(reference.biased.xx), abs(reference.biased.yy))
            #expect(abs(got.biased.xy - reference.biased.xy) <= 1e-6 * scale, "\(what) \(x),\(y) biased")
            #expect(abs(got.unbiased!.xy - reference.unbiased!.xy) <= 1e-6 * scale, "\(what) \(x),\(y) unbiased")
            #expect(close(got.value.number, reference.value.number!, 1e-6), "\(what) \(x),\(y) CKA")
            #expect(close(got.debiasedValue.number, reference.debiasedValue.number!, 1e-5), "\(what) \(x),\(y) debiased")
        }
    }

    @Test(arguments: [1, 7, 16, 100])
    func streamingEqualsInMemory(blockRows: Int) throws {
        let sums = try LinearSumsAccumulator(blockRows: blockRows).accumulate(Self.sources, pairs: Self.pairs, range: 0..<Self.n)
        Self.expectMatchesInMemory(sums, "block \(blockRows)")
    }

    @Test func slicesMergeToTheWhole() throws {
        let acc = LinearSumsAccumulator(blockRows: 8)
        var first = try acc.accumulate(Self.sources, pairs: Self.pairs, range: 0..<20)
        let second = try acc.accumulate(Self.sources, pairs: Self.pairs, range: 20..<41)
        let third = try acc.accumulate(Self.sources, pairs: Self.pairs, range: 41..<Self.n)
        #expect(first.mergeProblem(with: second) == nil)
        first.merge(second)
        first.merge(third)
        #expect(first.sampleCount == Self.n)
        Self.expectMatchesInMemory(first, "merged")
        let whole = try acc.accumulate(Self.sources, pairs: Self.pairs, range: 0..<Self.n)
        // Same sums up to single-precision rounding inside differently placed blocks.
        for (a, b) in zip(first.pairs, whole.pairs) {
            let scale = b.cross.map(abs).max() ?? 1
            for (u, v) in zip(a.cross, b.cross) { #expect(abs(u - v) <= 1e-6 * scale) }
        }
    }

    @Test func differentDataDoesNotMerge() throws {
        let acc = LinearSumsAccumulator()
        let a = try acc.accumulate(Self.sources, pairs: Self.pairs, range: 0..<10)
        var other = Self.sources
        other[0] = InMemoryActivations(SeededLayers.layer(Self.n, 4, seed: 99))
        let b = try acc.accumulate(other, pairs: Self.pairs, range: 10..<20)
        #expect(a.mergeProblem(with: b) != nil)
    }

    @Test func nonFiniteValuesMakeOnlyThatLayersCellsUndefined() throws {
        var bad = SeededLayers.layer(12, 3, seed: 5)
        bad[7, 1] = .infinity
        let good = SeededLayers.layer(12, 2, seed: 6)
        let sums = try LinearSumsAccumulator(blockRows: 4).accumulate(
            [InMemoryActivations(bad), InMemoryActivations(good)], pairs: [(0, 0), (1, 1), (0, 1)], range: 0..<12)
        #expect(sums.layers[0].nonFinite == 1 && sums.layers[1].nonFinite == 0)
        let grid = StreamingLinearGrid.outcomes(sums, rowCount: 1, colCount: 1, same: false, metric: .linearCKA,
                                                labels: ["layer \"x\"", "layer \"y\""])
        #expect(grid[0][0].value.reason == "layer \"x\" holds 1 NaN or infinite value")
    }
}
