import Testing
import Engine
import Similarity

/// The streaming paths give the in-memory grid's values, in one pass or several, and the
/// explorer's cell-by-cell streaming measure gives the headless grid's bits.
@Suite struct StreamingGridTests {
    static let rows = LinearCKAGridTests.layers([5, 12, 3], n: 90, seed: 61, tag: "a")
    static let cols = LinearCKAGridTests.layers([7, 9], n: 90, seed: 62, tag: "b")

    @Test(arguments: [Int.max, 1])
    func exactStreamingEqualsInMemory(budget: Int) throws {
        for (r, c) in [(Self.rows, Self.cols), (Self.rows, Self.rows)] {
            let same = r.map(\.id) == c.map(\.id)
            let sums = try StreamingLinearGrid.exactSums(rows: r, cols: c, range: 0..<90, memoryBudget: budget, blockRows: 16)
            for metric in [Metric.linearCKA, .debiasedCKA] {
                let streamed = StreamingLinearGrid.outcomes(sums, rowCount: r.count, colCount: c.count, same: same, metric: metric)
                let memory = try LinearCKAGrid.compute(rows: r, cols: c, metric: metric, form: .features).outcomes
                for i in r.indices { for j in c.indices {
                    #expect(close(streamed[i][j].value.number, memory[i][j].value.number!, 1e-6), "budget \(budget) \(metric) [\(i)][\(j)]")
                } }
            }
        }
    }

    @Test func cellByCellStreamingHasTheGridsBits() throws {
        let sums = try StreamingLinearGrid.exactSums(rows: Self.rows, cols: Self.cols, range: 0..<90, memoryBudget: Int.max)
        let grid = StreamingLinearGrid.outcomes(sums, rowCount: 3, colCount: 2, same: false, metric: .linearCKA)
        let measure = StreamingCKAMeasure(metric: .linearCKA)
        let cells = try GridComputation(rows: Self.rows, cols: Self.cols, measure: measure).run(threads: 2)
        #expect(cells.map { $0.map(\.value) } == grid.map { $0.map(\.value) })
        let square = try GridComputation(rows: Self.rows, cols: Self.rows, measure: measure).run()
        for i in 0..<3 { #expect(close(square[i][i].value.number, 1, 1e-12)) }
    }

    @Test func minibatchGridIsSymmetricAndOneOnTheDiagonal() throws {
        let sums = try StreamingLinearGrid.minibatchSums(rows: Self.rows, cols: Self.rows, range: 0..<90, batchSize: 30)
        let grid = StreamingLinearGrid.outcomes(sums, rowCount: 3, colCount: 3, same: true)
        for i in 0..<3 {
            #expect(close(grid[i][i].value.number, 1, 1e-12))
            for j in 0..<3 { #expect(grid[i][j].value == grid[j][i].value) }
        }
    }

    @Test func pairGroupsRespectTheBudget() {
        let widths = [100, 100, 100]
        let pairs = StreamingLinearGrid.pairs(rowCount: 3, colCount: 3, same: true)
        #expect(pairs.count == 6)
        let one = LinearSumsAccumulator.sumBytes(widths: widths, pairs: [(0, 0)])
        let groups = StreamingLinearGrid.groups(pairs, widths: widths, budget: 2 * one)
        #expect(groups.count == 3 && groups.allSatisfy { $0.count == 2 })
    }
}
