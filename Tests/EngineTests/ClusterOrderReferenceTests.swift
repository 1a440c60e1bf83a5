import Foundation
import Testing
import Explorer
import Similarity
import TestSupport

/// The clustered view's order (`ClusterOrder`, `AverageLinkage`) against scipy's
/// `leaves_list(linkage(…, "average"))` on seeded grids and on linear CKA grids of
/// `samples/`, written by `Tests/CLITests/Fixtures/make_cluster_reference.py` (numpy and
/// scipy; `make test` installs them).
@Suite struct ClusterOrderReferenceTests {
    struct Case: Decodable {
        let name: String
        let kind: String
        let grid: [[Double]]
        let rows: [Int]
        let cols: [Int]
    }

    static func cases() throws -> [Case] {
        let dir = try Scratch()
        defer { dir.remove() }
        let script = Programs.root + "/Tests/CLITests/Fixtures/make_cluster_reference.py"
        let r = try spawn("/usr/bin/env", ["python3", script, dir.path + "/cases.json", Programs.root + "/samples"],
                          environment: ProcessInfo.processInfo.environment)
        try #require(r.status == 0, "make_cluster_reference.py failed (numpy and scipy are needed): \(r.stderr)")
        return try JSONDecoder().decode([Case].self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/cases.json")))
    }

    @Test func leafOrdersEqualScipys() throws {
        let cases = try Self.cases()
        #expect(cases.count == 11)
        for c in cases {
            let rows = c.grid.count, cols = c.grid[0].count
            // Through the explorer's path: a grid of values, a model against itself or two models.
            let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: c.kind == "square" ? 0 : 1)
            var values = GridValues(rows: rows, cols: cols)
            for i in 0..<rows { for j in 0..<cols { values.set(PairOutcome(value: .value(c.grid[i][j])), row: i, col: j) } }
            let order = try ClusterOrder.make(grid: key, pattern: nil, values: values, rows: Array(0..<rows), cols: Array(0..<cols),
                                              rowNames: (0..<rows).map { "r\($0)" }, colNames: (0..<cols).map { "c\($0)" }).get()
            #expect(order.rows == c.rows, "\(c.name): rows \(order.rows), scipy \(c.rows)")
            #expect(order.cols == c.cols, "\(c.name): cols \(order.cols), scipy \(c.cols)")
            #expect(order.isSquare == (c.kind == "square"))
        }
    }

    /// Equal distances: no scipy reference (its tie rule differs), but the same input always
    /// gives the same order, and every layer exactly once.
    @Test func tiesAreDeterministic() {
        let d: [[Double]] = (0..<6).map { i in (0..<6).map { j in i == j ? 0 : 1 } }
        let first = AverageLinkage.leafOrder(distances: d)
        #expect(first == AverageLinkage.leafOrder(distances: d))
        #expect(first.sorted() == Array(0..<6))
        // The first pair scanned merges first: (0, 1) as cluster 6; it then takes in 2, 3, 4, 5 in turn (clusters 7…10), each single layer the smaller number, so the left child.
        #expect(first == [5, 4, 3, 2, 0, 1], "\(first)")
    }
}
