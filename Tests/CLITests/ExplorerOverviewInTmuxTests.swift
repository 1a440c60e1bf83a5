import Foundation
import Testing
import TestSupport

/// The overview (`o`) and the clustered order (`C`) in a real terminal on `samples/`: the
/// overview fills in as the grids arrive, the arrows and Enter open a pair, `C` reorders it
/// and says so, and its CSV export names the clustered order with every cell the value of
/// the layer-order export at the same two layer names.
@Suite(.serialized) struct ExplorerOverviewInTmuxTests {
    static func screen(_ pane: TmuxPane) -> String { pane.capture().joined(separator: "\n") }

    /// A CSV export by (row name, column name), and its header's first field.
    static func cells(_ path: String) throws -> (corner: String, cells: [String: Double]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        // The corner field is quoted (it holds commas); the layer names hold none.
        var header = lines[0]
        var corner = ""
        if header.hasPrefix("\"") {
            let end = header.dropFirst().firstIndex(of: "\"")!
            corner = String(header[header.index(after: header.startIndex)..<end])
            header = String(header[header.index(after: end)...])
        }
        let cols = header.split(separator: ",", omittingEmptySubsequences: false).dropFirst().map(String.init)
        var out: [String: Double] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for (c, v) in zip(cols, f.dropFirst()) { out[f[0] + "|" + c] = Double(v) }
        }
        return (corner, out)
    }

    @Test func overviewOpensAPairAndTheClusteredExportKeepsEveryValue() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let command = "cd \(shellQuote(CLI.root)) && LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) "
            + "\(shellQuote(CLI.binary)) samples/; echo EXITED $?; sleep 30"
        let pane = try TmuxPane(shellCommand: command, width: 120, height: 40)
        defer { pane.stop() }
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") }, "no grid:\n\(Self.screen(pane))")

        // 1. The overview: the tiles name their models; grids arrive one after the other.
        pane.send("o")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).hasPrefix("Overview: 169 model pairs — linear CKA") },
                "no overview:\n\(Self.screen(pane))")
        #expect(Self.screen(pane).contains("relu-s0×relu-s0  relu-s0×relu-s1"))
        #expect(TmuxPane.waitUntil(seconds: 120) { Self.screen(pane).contains("relu-s0 × relu-s1: 8×8 layers, same-depth mean") },
                "the selected pair's numbers:\n\(Self.screen(pane))")
        #expect(TmuxPane.waitUntil(seconds: 120) { Self.screen(pane).contains("1.000 8/8") }, "a model against itself:\n\(Self.screen(pane))")

        // 2. Down, right: tile (1, 2); Enter opens relu-s1 × relu-s2.
        pane.send("Down")
        pane.send("Right")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("relu-s1 × relu-s2: 8×8 layers") }, "\(Self.screen(pane))")
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 60) {
            let s = Self.screen(pane)
            return s.hasPrefix("relu-s1 × relu-s2 — linear CKA") && s.contains("64/64 cells")
        }, "the pair did not open:\n\(Self.screen(pane))")

        // 3. Layer-order export, then C and the clustered export.
        let plain = dir.path + "/plain.csv", clustered = dir.path + "/clustered.csv"
        for (path, key) in [(plain, nil), (clustered, "C")] as [(String, String?)] {
            if let key {
                pane.send(key)
                #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).hasPrefix("relu-s1 × relu-s2 — linear CKA — order clustered") },
                        "not clustered:\n\(Self.screen(pane))")
            }
            pane.send("e")
            #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains(".csv") })
            pane.send("C-u")
            pane.send("-l", path)
            pane.send("Enter")
            #expect(TmuxPane.waitUntil(seconds: 20) { FileManager.default.fileExists(atPath: path) }, "no export:\n\(Self.screen(pane))")
            // The file is renamed into place just before the explorer hears that it is done:
            // q before the message would (rightly) ask whether to quit during an export.
            let name = (path as NSString).lastPathComponent
            #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(pane).contains("wrote 8") && Self.screen(pane).contains(name) },
                    "no message for \(name):\n\(Self.screen(pane))")
        }
        let a = try Self.cells(plain), b = try Self.cells(clustered)
        #expect(a.corner == "")
        #expect(b.corner.hasPrefix("order: clustered (average linkage; rows by their row vectors"), "\(b.corner)")
        #expect(a.cells.count == 64 && b.cells == a.cells)
        let order = try String(contentsOfFile: clustered, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(order != ["layer1", "layer2", "layer3", "layer4", "layer5", "layer6", "layer7", "layer8_logits"], "\(order)")
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(pane).contains("EXITED 0") }, "\(Self.screen(pane))")
    }
}
