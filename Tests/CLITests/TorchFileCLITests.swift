import Foundation
import Testing
import TestSupport

/// `.pt` files from the command line and in the explorer: a small model's activations saved by
/// `torch.save` (an OrderedDict filled by forward hooks) and the same tensors saved by
/// `np.savez`, both written by Tests/LayerIOTests/Fixtures/make_torch_fixtures.py (torch 1.13;
/// torch2/ with torch 2.13).
@Suite(.serialized) struct TorchFileCLITests {
    static let fixtures = CLI.root + "/Tests/LayerIOTests/Fixtures/torch"
    static let pt = fixtures + "/acts.pt", npz = fixtures + "/acts.npz"

    @Test func layersListsTheHookOrderWithShapes() throws {
        let r = try CLI.run(["layers", Self.pt])
        #expect(r.status == 0, "\(r.stderr)")
        // The model: Conv2d(1→3, 3×3, padding 1) on 64 inputs of 1×4×4, ReLU, Flatten,
        // Linear(48→8), Tanh, Linear(8→4); layerK is the output of child K.
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("acts ") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0[2] } == ["layer0", "layer1", "layer2", "layer3", "layer4", "layer5"])
        #expect(rows.map { $0[3] } == ["64×3×4×4", "64×3×4×4", "64×48", "64×8", "64×8", "64×4"])
        #expect(rows.map { $0[4] } == Array(repeating: "float32", count: 6))
        #expect(rows.map { $0[5] } == ["64×48", "64×48", "64×48", "64×8", "64×8", "64×4"])
        #expect(r.stdout.contains("layer order: acts (saved order)"))
        let mean = try CLI.run(["layers", "--reduce", "mean", Self.pt])
        #expect(mean.stdout.contains("reduced (mean)") && mean.stdout.contains("64×3×4×4  float32  64×3"), "\(mean.stdout)")
    }

    @Test func computeOnThePtEqualsComputeOnTheNpz() throws {
        // torch 2's archive of the same activations (written by torch 2.13) reads the same.
        let torch2 = CLI.root + "/Tests/LayerIOTests/Fixtures/torch2/acts.pt"
        let modern = try CLI.run(["compute", torch2, "--format", "csv"])
        let npz2 = try CLI.run(["compute", CLI.root + "/Tests/LayerIOTests/Fixtures/torch2/acts.npz", "--format", "csv"])
        #expect(modern.status == 0 && !modern.stdout.isEmpty && modern.stdout == npz2.stdout, "\(modern.stderr)")
        for extra in [["--format", "csv"], ["--format", "json"], ["--reduce", "mean", "--format", "csv"],
                      ["--metric", "debiased-cka", "--format", "csv"]] {
            let a = try CLI.run(["compute", Self.pt] + extra)
            let b = try CLI.run(["compute", Self.npz] + extra)
            #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
            #expect(!a.stdout.isEmpty && a.stdout == b.stdout, "compute \(extra)")
        }
        // Across the two files every diagonal cell is the same layer, so linear CKA is 1.
        let cross = try CLI.json(["compute", "pt=" + Self.pt, "npz=" + Self.npz, "--format", "json"])
        let values = try #require(cross["values"] as? [[Double]])
        #expect(values.count == 6)
        for k in 0..<6 { #expect(abs(values[k][k] - 1) < 1e-12, "layer \(k): \(values[k][k])") }
    }

    @Test func pairOnThePtEqualsPairOnTheNpz() throws {
        let a = try CLI.run(["pair", Self.pt, "layer0", Self.pt, "layer3"])
        let b = try CLI.run(["pair", Self.npz, "layer0", Self.npz, "layer3"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("linear-cka") && a.stdout == b.stdout)
    }

    @Test func hostileFilesAreOneLineAndExit2() throws {
        let cases = [("os_system.pt", "the global os.system is refused"),
                     ("legacy.pt", "legacy torch.save format (not a zip archive); re-save with torch>=1.6's default"),
                     ("build.pt", "opcode BUILD (0x62) on a dict is refused"),
                     ("int_tensor.pt", "layer \"labels\": storage type torch.LongStorage (int64) is not supported")]
        for (file, words) in cases {
            let path = Self.fixtures + "/hostile/" + file
            for command in ["layers", "compute"] {
                let r = try CLI.run([command, path])
                #expect(r.status == 2, "\(file): \(r.status)")
                #expect(r.stderr.contains(file + ": ") && r.stderr.contains(words), "\(r.stderr)")
                #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            }
        }
        // A corrupt storage opens (headers only) and fails on the first read, naming the layer.
        let crc = try CLI.run(["compute", Self.fixtures + "/hostile/storage_crc.pt"])
        #expect(crc.status == 2 && crc.stderr.contains("layer \"x\"") && crc.stderr.contains("CRC-32"), "\(crc.stderr)")
    }

    @Test func theExplorerOpensAPtBesideTheNpz() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let command = "LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) \(shellQuote(CLI.binary)) "
            + "pt=\(shellQuote(Self.pt)) npz=\(shellQuote(Self.npz)); echo EXITED $?; sleep 30"
        let pane = try TmuxPane(shellCommand: command, width: 120, height: 40)
        defer { pane.stop() }
        func screen() -> String { pane.capture().joined(separator: "\n") }
        #expect(TmuxPane.waitUntil(seconds: 60) { screen().contains("36/36 cells") }, "the grid never completed:\n\(screen())")
        #expect(screen().contains("pt × npz") && screen().contains("pt:layer0 × npz:layer0 = 1.000"), "\(screen())")
        // The cell three columns right and one row down is compute's value, to the 3 decimals shown.
        let grid = try CLI.json(["compute", "pt=" + Self.pt, "npz=" + Self.npz, "--format", "json"])
        let value = try #require((grid["values"] as? [[Double]])?[1][3])
        pane.send("l", "l", "l", "j")
        let shown = "pt:layer1 × npz:layer3 = " + String(format: "%.3f", value)
        #expect(TmuxPane.waitUntil(seconds: 10) { screen().contains(shown) }, "expected \(shown):\n\(screen())")
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 10) { screen().contains("EXITED 0") }, "did not quit:\n\(screen())")
    }
}
