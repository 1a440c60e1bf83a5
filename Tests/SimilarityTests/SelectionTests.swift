import Testing
import Similarity

@Suite struct SelectionTests {
    @Test(arguments: [1, 2, 3, 10, 11, 100, 101, 1000])
    func medianMatchesSortedDefinition(count: Int) {
        var g = SeededGenerator(seed: UInt64(count))
        // Many ties, as in a distance matrix with a zero diagonal.
        var values = (0..<count).map { _ in Double(Int(g.nextUnit() * 7)) }
        let sorted = values.sorted()
        let expected = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2
        #expect(Selection.median(&values) == expected, "count \(count)")
    }

    @Test func kthSmallestPartitions() {
        var g = SeededGenerator(seed: 5)
        var values = (0..<500).map { _ in g.nextNormal() }
        let sorted = values.sorted()
        for k in [0, 1, 249, 250, 498, 499] {
            var copy = values
            #expect(Selection.kthSmallest(&copy, k) == sorted[k])
        }
        values.removeAll()
    }
}
