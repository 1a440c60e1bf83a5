import Foundation
import Testing
import TestSupport

/// The navigation keys in a real terminal, on the 13 models of `samples/`: the pair picker
/// reaches a pair in a few keys, `t` shows the transposed pair with `compute B A`'s values,
/// the layer filter drills and exports the real layer, and the colour range, decimals,
/// metric menu, previous metric and label width answer on screen.
@Suite(.serialized) struct ExplorerNavigationInTmuxTests {
    static func screen(_ pane: TmuxPane) -> String { pane.capture().joined(separator: "\n") }

    /// The cells of `layermap compute A B` by row and column layer name.
    static func computed(_ a: String, _ b: String) throws -> [String: [String: Double]] {
        let out = try CLI.run(["compute", CLI.model(a), CLI.model(b), "--format", "csv"])
        try #require(out.status == 0, "compute failed: \(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let cols = Array(lines[0].dropFirst())
        var grid: [String: [String: Double]] = [:]
        for row in lines.dropFirst() {
            for (c, v) in zip(cols, row.dropFirst()) { grid[row[0], default: [:]][c] = Double(v) }
        }
        return grid
    }

    /// The value the status bar gives after `= `.
    static func statusValue(_ pane: TmuxPane, _ prefix: String) -> String? {
        guard let line = pane.capture().first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return line.dropFirst(prefix.count).split(separator: " ").first.map(String.init)
    }

    @Test func pickerTransposeFilterRangeAndMenus() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let csv = dir.path + "/logits.csv"
        let command = "cd \(shellQuote(CLI.root)) && LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) "
            + "\(shellQuote(CLI.binary)) samples/; echo EXITED $?; sleep 30"
        let pane = try TmuxPane(shellCommand: command, width: 120, height: 40)
        defer { pane.stop() }
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") }, "no grid:\n\(Self.screen(pane))")

        // 1. The picker: p, four characters, Enter opens tanh-s5 × relu-s2 (pair 120 of 169).
        pane.send("p")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("Open a model pair  169 items") },
                "no picker:\n\(Self.screen(pane))")
        pane.send("-l", "t5r2")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("filter: t5r2") })
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 60) {
            let s = Self.screen(pane)
            return s.hasPrefix("tanh-s5 × relu-s2 — linear CKA") && s.contains("64/64 cells")
        }, "the picked pair did not open:\n\(Self.screen(pane))")

        // 2. Transpose: relu-s2 × tanh-s5, whose cells are `compute relu-s2 tanh-s5`'s.
        pane.send("t")
        #expect(TmuxPane.waitUntil(seconds: 60) {
            let s = Self.screen(pane)
            return s.hasPrefix("relu-s2 × tanh-s5") && s.contains("64/64 cells")
        }, "not transposed:\n\(Self.screen(pane))")
        pane.send("j", "l", "l")
        let prefix = "relu-s2:layer2 × tanh-s5:layer3 = "
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.statusValue(pane, prefix) != nil }, "\(Self.screen(pane))")
        let grid = try Self.computed("relu-s2", "tanh-s5")
        let want = try #require(grid["layer2"]?["layer3"])
        #expect(Self.statusValue(pane, prefix) == String(format: "%.10g", want), "the status bar's full-precision value")

        // 3. The layer filter keeps layer8_logits only; the details and the export are that layer's.
        pane.send("f")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("filter layers (glob or substring") })
        pane.send("-l", "logits")
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("filter “logits” 1/8×1/8") },
                "the title does not say so:\n\(Self.screen(pane))")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("relu-s2:layer8_logits × tanh-s5:layer8_logits = ") })
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 30) { Self.screen(pane).contains("Details  relu-s2:layer8_logits × tanh-s5:layer8_logits") },
                "the details are not the real layer's:\n\(Self.screen(pane))")
        pane.send("Escape")
        usleep(300_000)
        pane.send("v")
        pane.send("e")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("relu-s2_x_tanh-s5_linear-cka_r7-7_c7-7.csv") },
                "the export's name is not the real layer's:\n\(Self.screen(pane))")
        pane.send("C-u")
        pane.send("-l", csv)
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 20) { FileManager.default.fileExists(atPath: csv) && Self.screen(pane).contains("wrote") },
                "no export:\n\(Self.screen(pane))")
        let exported = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(exported.first == ",layer8_logits")
        let fields = exported.count > 1 ? exported[1].split(separator: ",").map(String.init) : []
        #expect(fields.first == "layer8_logits")
        #expect(fields.count == 2 && Double(fields[1]) == grid["layer8_logits"]?["layer8_logits"], "\(exported)")
        pane.send("Escape")
        usleep(300_000)
        pane.send("f")
        pane.send("C-u")
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("layer filter cleared") })

        // 4. The colour range and the decimals.
        pane.send("s")
        #expect(TmuxPane.waitUntil(seconds: 10) { pane.capture().contains { $0.hasPrefix("auto ") } }, "\(Self.screen(pane))")
        pane.send("s")
        #expect(TmuxPane.waitUntil(seconds: 10) { pane.capture().contains { $0.hasPrefix("robust 2–98% ") } }, "\(Self.screen(pane))")
        pane.send("+")
        pane.send("d")
        let fourDecimals = String(format: "%.4f", try #require(grid["layer1"]?["layer1"]))
        #expect(TmuxPane.waitUntil(seconds: 10) {
            let s = Self.screen(pane)
            return s.contains(fourDecimals)  // at 3 decimals it reads 0.911
        }, "no 4-decimal cells (\(fourDecimals)):\n\(Self.screen(pane))")

        // 5. The metric menu, the previous metric, the label width.
        pane.send(":")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("Switch the metric") })
        pane.send("-l", "rbf")
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).hasPrefix("relu-s2 × tanh-s5 — RBF CKA") }, "\(Self.screen(pane))")
        pane.send("M")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).hasPrefix("relu-s2 × tanh-s5 — linear CKA") }, "\(Self.screen(pane))")
        pane.send("w")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("row labels up to half the screen wide") })

        // 6. The picker's own keys: Backspace and Ctrl-U edit the filter, the arrows move, Esc closes.
        pane.send("p")
        pane.send("-l", "wide wideq")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("nothing matches") }, "\(Self.screen(pane))")
        pane.send("BSpace")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("1 of 169 match") }, "\(Self.screen(pane))")
        pane.send("C-u")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("169 items") })
        pane.send("Down")
        pane.send("Down")
        pane.send("Up")
        pane.send("Escape")
        usleep(300_000)
        #expect(TmuxPane.waitUntil(seconds: 10) { !Self.screen(pane).contains("Open a model pair") })
        #expect(Self.screen(pane).hasPrefix("relu-s2 × tanh-s5"), "Esc opens nothing")
        pane.send("p")
        pane.send("Down")
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).hasPrefix("relu-s2 × tanh-s6") },
                "Down then Enter opens the next pair:\n\(Self.screen(pane))")

        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("EXITED 0") }, "did not quit:\n\(Self.screen(pane))")
    }
}
