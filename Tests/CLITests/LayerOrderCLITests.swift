import Foundation
import Testing
import TestSupport

/// `layers` shows the order the grid uses; `--layers` picks and orders layers for every command.
@Suite struct LayerOrderCLITests {
    /// A .safetensors file of 64 layers `h.0 … h.63` (8 samples × 2, float32), laid out in plain
    /// name order as the Python writer does (`h.0, h.1, h.10, …`).
    static func sixtyFourLayers(in dir: Scratch) throws -> String {
        let names = (0..<64).map { "h.\($0)" }.sorted()
        var entries: [String] = []
        var data = Data()
        for (k, name) in names.enumerated() {
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":[8,2],\"data_offsets\":[\(64 * k),\(64 * k + 64)]}")
            for i in 0..<16 {
                var v = Float(sin(Double(k * 16 + i) * 0.7)).bitPattern.littleEndian
                withUnsafeBytes(of: &v) { data.append(contentsOf: $0) }
            }
        }
        let header = Data(("{" + entries.joined(separator: ",") + "}").utf8)
        var length = UInt64(header.count).littleEndian
        var file = Data()
        withUnsafeBytes(of: &length) { file.append(contentsOf: $0) }
        file.append(header)
        file.append(data)
        let path = dir.path + "/h.safetensors"
        try file.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func layersListsA64LayerSafetensorsFileInNaturalOrder() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let path = try Self.sixtyFourLayers(in: dir)
        let r = try CLI.run(["layers", path])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().filter { $0.hasPrefix("h ") }
        let listed = rows.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(listed.map { String($0[1]) } == (0..<64).map(String.init), "the # column")
        #expect(listed.map { String($0[2]) } == (0..<64).map { "h.\($0)" })
        #expect(r.stdout.contains("layer order: h (natural name order)"))
    }

    @Test func layersPatternsPickAndOrderTheGridsRowsAndColumns() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let path = try Self.sixtyFourLayers(in: dir)
        let r = try CLI.run(["compute", path, "--layers", "h.3", "--layers", "h.1?", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = r.stdout.split(separator: "\n").first.map(String.init)
        #expect(header == "," + (["h.3"] + (10...19).map { "h.\($0)" }).joined(separator: ","))
        let bad = try CLI.run(["compute", path, "--layers", "h.64"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--layers h.64 matches no layer of model \"h\""), "\(bad.stderr)")
    }
}
