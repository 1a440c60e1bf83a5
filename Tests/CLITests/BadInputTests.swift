import Foundation
import Testing

/// Bad input gets one clear line on stderr naming the file and the problem, and exit status 2.
@Suite struct BadInputTests {
    /// Writes `bytes` as `name` in a fresh directory and runs `compute` on the result.
    static func compute(on name: String, _ bytes: [UInt8], model: String? = nil) throws -> CLI.Result {
        let dir = try Scratch()
        defer { dir.remove() }
        let path = dir.path + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try CLI.run(["compute", model.map { dir.path + "/" + $0 } ?? path])
    }

    static func expectOneLine(_ r: CLI.Result, mentioning words: [String]) {
        #expect(r.status == 2, "exit status \(r.status)")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(r.stderr)")
        for w in words { #expect(r.stderr.contains(w), "'\(w)' not in: \(r.stderr)") }
    }

    /// A valid v1 .npy header for `shape`, `<f4`, padded to 64 bytes.
    static func npyHeader(_ dict: String) -> [UInt8] {
        var h = Array(dict.utf8)
        let total = 10 + h.count + 1
        h += [UInt8](repeating: 0x20, count: (64 - total % 64) % 64) + [0x0a]
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.count & 0xff), UInt8(h.count >> 8)] + h
    }

    @Test func badMagic() throws {
        let r = try Self.compute(on: "m/layer1.npy", Array("not numpy at all, just text".utf8), model: "m")
        Self.expectOneLine(r, mentioning: ["layer1.npy"])
    }

    @Test func truncatedHeader() throws {
        let r = try Self.compute(on: "m/layer1.npy", Array(Self.npyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }").prefix(30)), model: "m")
        Self.expectOneLine(r, mentioning: ["layer1.npy"])
    }

    @Test func shapeDisagreesWithData() throws {
        let r = try Self.compute(on: "m/layer1.npy",
                                 Self.npyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }") + [UInt8](repeating: 0, count: 12),
                                 model: "m")
        Self.expectOneLine(r, mentioning: ["layer1.npy", "layer"])
    }

    @Test func objectArray() throws {
        let r = try Self.compute(on: "m/layer1.npy",
                                 Self.npyHeader("{'descr': '|O', 'fortran_order': False, 'shape': (4, 2), }") + [UInt8](repeating: 0, count: 64),
                                 model: "m")
        Self.expectOneLine(r, mentioning: ["layer1.npy"])
    }

    @Test func unreadableZip() throws {
        let r = try Self.compute(on: "broken.npz", Array(repeating: 0x41, count: 200))
        Self.expectOneLine(r, mentioning: ["broken.npz"])
    }

    @Test func safetensorsOffsetsOutOfRange() throws {
        let header = Array(#"{"l1":{"dtype":"F32","shape":[4,2],"data_offsets":[0,320]}}"#.utf8)
        var bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header
        bytes += [UInt8](repeating: 0, count: 32)
        let r = try Self.compute(on: "m.safetensors", bytes)
        Self.expectOneLine(r, mentioning: ["m.safetensors"])
    }

    @Test func sampleCountsDisagree() throws {
        let r = try CLI.run(["compute", CLI.model("tanh-s0"), CLI.samples + "/../Tests/SimilarityTests/Fixtures"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("400 samples") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test func unknownLayerListsTheLayers() throws {
        let r = try CLI.run(["pair", CLI.model("tanh-s0"), "layer99", CLI.model("wide"), "layer1"])
        Self.expectOneLine(r, mentioning: ["layer99", "layer1, layer2"])
    }

    @Test func missingFileAndUsageErrors() throws {
        Self.expectOneLine(try CLI.run(["compute", "/nonexistent/model.npz"]), mentioning: ["/nonexistent/model.npz"])
        Self.expectOneLine(try CLI.run(["compute", CLI.model("wide"), "--metric", "nope"]), mentioning: ["nope"])
    }
}
