import Foundation
import Testing
@testable import LayerIO
import Similarity

/// The grid exporters write what `layermap compute` promises, and write it atomically.
@Suite struct ExportTests {
    static let table = GridTable(
        metric: .linearCKA, rowModel: "a", colModel: "b",
        rows: ["conv1", "fc,2"], cols: ["l1", "l\"2\"", "l3"],
        values: [[.value(1), .value(0.123456789012345), .undefined(reason: "the row layer is constant")],
                 [.value(-0.001), nil, .value(0.5)]],
        sampleCount: 500, reduce: "mean", options: MetricOptions())

    @Test func csvHasEmptyCornerQuotedNamesAndEmptyUndefinedCells() {
        let lines = CSVExporter.text(Self.table).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == ",l1,\"l\"\"2\"\"\",l3")
        #expect(lines[1] == "conv1,1,0.123456789012345,")
        #expect(lines[2] == "\"fc,2\",-0.001,,0.5")
    }

    @Test func jsonHasTheComputeSchema() throws {
        let text = JSONExporter.text(Self.table)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["metric"] as? String == "linear-cka")
        #expect(object["n"] as? Int == 500)
        #expect(object["reduce"] as? String == "mean")
        #expect(object["rows"] as? [String] == ["conv1", "fc,2"])
        #expect(object["cols"] as? [String] == ["l1", "l\"2\"", "l3"])
        let values = try #require(object["values"] as? [[Any]])
        #expect(values[0][1] as? Double == 0.123456789012345)
        #expect(values[0][2] is NSNull)
        #expect(values[1][1] is NSNull)
        let undefined = try #require(object["undefined"] as? [[String: String]])
        #expect(undefined == [["row": "conv1", "col": "l3", "reason": "the row layer is constant"]])
    }

    @Test func npyRoundTripsThroughTheReader() throws {
        try withTemporaryDirectory { dir in
            let path = dir.path + "/grid/values.npy"
            try FileManager.default.createDirectory(atPath: dir.path + "/grid", withIntermediateDirectories: true)
            try AtomicWriter.write(NpyExporter.data(Self.table), to: path)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect((Int(bytes[8]) | Int(bytes[9]) << 8 + 10) % 64 == 0, "header is padded to 64 bytes")
            let layer = try openNpy(path)
            #expect(layer.originalShape == [2, 3])
            #expect(layer.dtype == "float64")
            let m = try layer.readAll()
            #expect(m[0, 0] == 1 && m[1, 0] == -0.001 && m[1, 2] == 0.5)
            #expect(m[0, 2].isNaN && m[1, 1].isNaN)
        }
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir.path + "/out.csv"
            try AtomicWriter.write("old\n", to: path)
            try AtomicWriter.write(CSVExporter.text(Self.table), to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == CSVExporter.text(Self.table))
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        }
    }

    @Test func atomicWriteToAMissingDirectoryFailsWithThePath() {
        #expect(throws: AtomicWriter.WriteError.self) {
            try AtomicWriter.write("x", to: "/nonexistent-dir-\(UUID().uuidString)/out.csv")
        }
    }

    @Test func sliceKeepsNamesAndValues() {
        let s = Self.table.slice(rows: 1..<2, cols: 0..<2)
        #expect(s.rows == ["fc,2"] && s.cols == ["l1", "l\"2\""])
        #expect(s.values == [[.value(-0.001), nil]])
    }
}
