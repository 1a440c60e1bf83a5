import Foundation
import Testing
import TestSupport

/// nst-* from the command line: 4-D .npy layers written from the layers of
/// Tests/MeasuresMatchTests/Fixtures/nst_conv.json, whose expected values numpy computed
/// (make_nst_conv_fixtures.py). The maps are read in their N×C×H×W layout whatever --reduce says.
@Suite struct ChannelMapCLITests {
    static let fixture = CLI.root + "/Tests/MeasuresMatchTests/Fixtures/nst_conv.json"

    /// Model directory `name` with the fixture layers `layers` (as .npy), plus a 2-D layer `fc`.
    static func model(_ name: String, _ layers: [String], in scratch: Scratch) throws -> String {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture))) as? [String: Any])
        let all = try #require(json["layers"] as? [String: [String: Any]])
        let dir = scratch.path + "/" + name
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var n = 0
        for layer in layers {
            let entry = try #require(all[layer])
            let shape = try #require(entry["shape"] as? [Int]), values = try #require(entry["values"] as? [Double])
            n = shape[0]
            try write(shape: shape, values.map { Float($0) }, to: dir + "/\(layer).npy")
        }
        try write(shape: [n, 3], (0..<(3 * n)).map { Float($0 % 7) }, to: dir + "/fc.npy")
        return dir
    }

    static func write(shape: [Int], _ values: [Float], to path: String) throws {
        let dims = shape.map(String.init).joined(separator: ", ")
        var bytes = BadInputTests.npyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (\(dims)), }")
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func expected(_ x: String, _ y: String, _ kernel: String) throws -> Double {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture))) as? [String: Any])
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        let pair = try #require(pairs.first { $0["x"] as? String == x && $0["y"] as? String == y })
        return try #require((pair[kernel] as? [String: Any])?["value"] as? Double)
    }

    @Test("compute --metric nst-* equals numpy under flatten and mean; a 2-D layer's cells say why they are undefined",
          arguments: [("nst-poly", "poly"), ("nst-linear", "linear"), ("nst-gauss", "gauss")])
    func computeMatchesNumpy(_ metric: String, _ kernel: String) throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = try Self.model("ma", ["a", "e"], in: scratch), b = try Self.model("mb", ["b", "f"], in: scratch)
        var grids: [[[Any]]] = []
        for reduce in ["flatten", "mean"] {
            let out = try CLI.json(["compute", a, b, "--metric", metric, "--reduce", reduce])
            let values = try #require(out["values"] as? [[Any]])
            #expect(out["rows"] as? [String] == ["a", "e", "fc"] && out["cols"] as? [String] == ["b", "f", "fc"], "\(out)")
            #expect(abs((values[0][0] as? Double ?? .nan) - (try Self.expected("a", "b", kernel))) <= 1e-9, "\(values)")
            #expect(abs((values[1][1] as? Double ?? .nan) - (try Self.expected("e", "f", kernel))) <= 1e-9, "\(values)")
            #expect(values[2].allSatisfy { $0 is NSNull } && values.allSatisfy { $0[2] is NSNull }, "\(values)")
            let undefined = try #require(out["undefined"] as? [[String: Any]])
            #expect(undefined.count == 5 && undefined.allSatisfy {
                ($0["reason"] as? String ?? "").contains("layer \"fc\" of model") && ($0["reason"] as? String ?? "").contains("is not 4-D (N×C×H×W)")
            }, "\(undefined)")
            grids.append(values)
        }
        #expect("\(grids[0])" == "\(grids[1])", "the policy does not change nst-*")
    }

    @Test func pairReportsThePooledSizeAndTheZeroMaps() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = try Self.model("ma", ["a"], in: scratch), z = try Self.model("mz", ["z"], in: scratch)
        let out = try CLI.json(["pair", a, "a", z, "z", "--format", "json", "--reduce", "mean"])
        #expect(abs((out["nst_poly"] as? Double ?? .nan) - (try Self.expected("a", "z", "poly"))) <= 1e-9, "\(out)")
        #expect(out["nst_poly_pooled_h"] as? Double == 6 && out["nst_poly_zero_maps_y"] as? Double == 9, "\(out)")
        let sig = try CLI.run(["pair", a, "a", z, "z", "--metric", "nst-poly", "--permutations", "9"])
        #expect(sig.status == 0 && sig.stdout.contains("the permutation test and the bootstrap resample N×D rows"), "\(sig.stdout) \(sig.stderr)")
    }

    @Test func theExplorerShowsNSTInTheGridAndTheDetails() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the explorer test needs it")
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = try Self.model("ma", ["a", "e"], in: scratch), b = try Self.model("mb", ["b", "f"], in: scratch)
        let command = "LAYERMAP_CACHE_DIR=\(shellQuote(scratch.path + "/cache")) \(shellQuote(CLI.binary)) explore --reduce mean "
            + "\(shellQuote(a)) \(shellQuote(b)); echo EXITED $?; sleep 30"
        let pane = try TmuxPane(shellCommand: command, width: 120, height: 40)
        defer { pane.stop() }
        func screen() -> String { pane.capture().joined(separator: "\n") }
        #expect(TmuxPane.waitUntil(seconds: 60) { screen().contains("9/9 cells") }, "the grid never completed:\n\(screen())")
        // `m` until the title names nst-poly (the metrics' order is the table's).
        for _ in 0..<40 where !screen().contains("— NST MMD² (poly, maps)") {
            pane.send("m")
            _ = TmuxPane.waitUntil(seconds: 2) { screen().contains("9/9 cells") }
        }
        #expect(TmuxPane.waitUntil(seconds: 30) { screen().contains("— NST MMD² (poly, maps)") && screen().contains("9/9 cells") },
                "no nst-poly grid:\n\(screen())")
        let value = String(format: "%.10f", try Self.expected("a", "b", "poly"))
        #expect(screen().contains("ma:a × mb:b = " + value), "status bar, numpy says \(value):\n\(screen())")
        pane.send("l", "l")
        #expect(TmuxPane.waitUntil(seconds: 10) { screen().contains("undefined: layer \"fc\" of model \"mb\" is not 4-D") },
                "the 2-D layer's cell:\n\(screen())")
        pane.send("h", "h", "Enter")
        #expect(TmuxPane.waitUntil(seconds: 30) { screen().contains("HSIC terms") }, "no details:\n\(screen())")
        for _ in 0..<40 where !screen().contains("NST MMD² (Gauss, maps)") { pane.send("j") }
        #expect(TmuxPane.waitUntil(seconds: 30) {
            let s = screen()
            return s.contains("NST MMD² (poly, maps)") && s.contains("pooled_h=4 pooled_w=4")
        }, "details without nst-*:\n\(screen())")
        pane.send("Escape")
        #expect(TmuxPane.waitUntil(seconds: 5) { !screen().contains("HSIC terms") }, "details still open:\n\(screen())")
        Thread.sleep(forTimeInterval: 0.4)  // past the terminal's Escape delay, so q is not read as Alt-q
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 10) { screen().contains("EXITED 0") }, "did not quit:\n\(screen())")
    }
}
