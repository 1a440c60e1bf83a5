import Foundation
import Testing
@testable import LayerIO
import Similarity

/// A seed baseline's exports carry within, across, difference and p (JSON fully, CSV one line
/// per layer pair) and name the groups as groups.
@Suite struct ExportBaselineTests {
    /// A baseline table whose difference is `differences`, within = 0.9, across = 0.8 (so the
    /// tooltips are predictable), and p-values `p` (0.5 by default).
    static func baseline(differences: [[Double?]], p: [[Double?]]? = nil) -> GridTable {
        let rows = differences.count, cols = differences.first?.count ?? 0
        let fill = { (v: Double?) in differences.map { $0.map { $0 == nil ? nil : v } } }
        let cells = GridTable.SeedBaselineCells(
            groupNames: ["tanh", "relu"], members: [["tanh-s0", "tanh-s1"], ["relu-s0", "relu-s1", "relu-s2"]],
            within: fill(0.9), across: fill(0.8), pValues: p ?? fill(0.5), labellings: 10, exhaustive: true)
        return HeatmapFixtures.table(rows: rows, cols: cols, rowModel: "tanh", colModel: "relu") { i, j in
            differences[i][j].map(CellValue.value) ?? .undefined(reason: "no defined model pair for this layer pair")
        }.with(quantity: .seedBaseline(cells))
    }

    @Test func jsonCarriesEveryNumberAndTheGroups() throws {
        let t = Self.baseline(differences: [[0.1, nil], [-0.25, 0]], p: [[0.01, nil], [0.9, 1]])
        let object = try #require(try JSONSerialization.jsonObject(with: try ExportFormat.json.data(of: t)) as? [String: Any])
        let groups = try #require(object["groups"] as? [String: [String]])
        #expect(groups == ["tanh": ["tanh-s0", "tanh-s1"], "relu": ["relu-s0", "relu-s1", "relu-s2"]])
        #expect(object["row_model"] == nil && object["col_model"] == nil, "groups are not models")
        #expect(object["rows"] as? [String] == ["layer0", "layer1"] && object["cols"] as? [String] == ["block0", "block1"])
        let within = try #require(object["within"] as? [[Any]])
        #expect(within[0][0] as? Double == 0.9 && within[0][1] is NSNull)
        #expect((object["across"] as? [[Any]])?[1][0] as? Double == 0.8)
        let difference = try #require(object["difference"] as? [[Any]])
        #expect(difference[0][0] as? Double == 0.1 && difference[1][0] as? Double == -0.25 && difference[0][1] is NSNull)
        let p = try #require(object["p_values"] as? [[Any]])
        #expect(p[0][0] as? Double == 0.01 && p[1][1] as? Double == 1)
        #expect(object["labellings"] as? Int == 10 && object["exhaustive"] as? Bool == true)
        #expect(object["alpha"] as? Double == 0.05 && object["n"] as? Int == 500 && object["reduce"] as? String == "flatten")
        #expect(object["metric"] as? String == "linear-cka" && object["orientation"] as? String == "similarity")
        let undefined = try #require(object["undefined"] as? [[String: String]])
        #expect(undefined == [["row": "layer0", "col": "block1", "reason": "no defined model pair for this layer pair"]])
    }

    @Test func csvHasOneLinePerLayerPair() throws {
        let t = Self.baseline(differences: [[0.1, nil], [-0.25, 0]], p: [[0.01, nil], [0.9, 0.05]])
        let text = String(decoding: try ExportFormat.csv.data(of: t), as: UTF8.self)
        #expect(text == """
            row,col,within,across,difference,p_value,significant
            layer0,block0,0.9,0.8,0.1,0.01,true
            layer0,block1,,,,,false
            layer1,block0,0.9,0.8,-0.25,0.9,false
            layer1,block1,0.9,0.8,0,0.05,true

            """)
    }

    @Test func aSliceKeepsTheNumbersOfItsCells() throws {
        let t = Self.baseline(differences: [[0.1, 0.2], [0.3, 0.4]], p: [[0.01, 0.02], [0.03, 0.04]])
        let s = t.slice(rows: 1..<2, cols: 0..<2)
        #expect(s.seedBaseline?.pValues == [[0.03, 0.04]] && s.seedBaseline?.within == [[0.9, 0.9]])
        #expect(s.seedBaseline?.groupNames == ["tanh", "relu"])
    }

    @Test func npyIsTheDifference() throws {
        let t = Self.baseline(differences: [[0.1, -0.2]])
        let npy = try ExportFormat.npy.data(of: t)
        let values: [Double] = npy.suffix(16).withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        #expect(values == [0.1, -0.2])
    }
}
