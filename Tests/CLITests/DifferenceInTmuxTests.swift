import Foundation
import Testing
import TestSupport

/// The difference view (`D`) and the clipboard (`y`) in a real terminal under tmux, on three
/// models of `samples/`: the difference of two pairs equals `compute`'s two grids subtracted,
/// its export names both operands, and OSC 52 arrives in tmux's paste buffer when
/// `set-clipboard` is on (and is refused, saying why, when tmux would drop it).
@Suite(.serialized) struct DifferenceInTmuxTests {
    static func screen(_ pane: TmuxPane) -> String { pane.capture().joined(separator: "\n") }

    /// The value the status bar gives after `prefix`, up to the next space.
    static func statusValue(_ pane: TmuxPane, _ prefix: String) -> String? {
        guard let line = pane.capture().first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return line.dropFirst(prefix.count).split(separator: " ").first.map(String.init)
    }

    /// The pane's command: tmux's `set-clipboard` set first (the explorer reads it at start-up).
    static func command(_ dir: Scratch, setClipboard: String) -> String {
        "tmux set -g set-clipboard \(setClipboard); cd \(shellQuote(CLI.root)) && LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) "
            + "\(shellQuote(CLI.binary)) samples/tanh-s0 samples/tanh-s1.npz samples/relu-s0.npz; echo EXITED $?; sleep 30"
    }

    @Test func aPairDifferenceIsComputeMinusComputeAndCopies() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let pane = try TmuxPane(shellCommand: Self.command(dir, setClipboard: "on"), width: 120, height: 40)
        defer { pane.stop() }
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") }, "no grid:\n\(Self.screen(pane))")
        let a = try ExplorerNavigationInTmuxTests.computed("tanh-s0", "tanh-s1")
        let b = try ExplorerNavigationInTmuxTests.computed("tanh-s0", "relu-s0")

        // 1. y copies the cursor's value: tmux keeps OSC 52 as a paste buffer.
        pane.send("j", "l", "l")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("tanh-s0:layer2 × tanh-s1:layer3 = ") })
        pane.send("y")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("to the clipboard (OSC 52 via tmux)") },
                "no message:\n\(Self.screen(pane))")
        let copied = try pane.run(["show-buffer"])
        #expect(Double(copied) == a["layer2"]?["layer3"], "the buffer holds \(copied)")

        // 2. D, a model pair, tanh-s0 × relu-s0: A − B at full precision.
        pane.send("D")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("difference with a model pair") })
        pane.send("Down", "Enter")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("Subtract the grid of this pair (same metric)") })
        pane.send("-l", "tanh-s0 × relu-s0")
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 60) {
            let s = Self.screen(pane)
            return s.hasPrefix("difference: (tanh-s0 × tanh-s1) − (tanh-s0 × relu-s0) · linear CKA") && s.contains("A 64/64 · B 64/64 cells")
        }, "no difference view:\n\(Self.screen(pane))")
        let d = try #require(a["layer2"]?["layer3"]) - (try #require(b["layer2"]?["layer3"]))
        #expect(Self.statusValue(pane, "layer2 × layer3 = ") == (d > 0 ? "+" : "") + String(format: "%.10g", d), "\(Self.screen(pane))")

        // 3. y copies the difference.
        pane.send("y")
        #expect(TmuxPane.waitUntil(seconds: 10) { (try? pane.run(["show-buffer"])).flatMap(Double.init) == d },
                "the buffer holds \((try? pane.run(["show-buffer"])) ?? "")")

        // 4. The export names both operands and carries the difference.
        let json = dir.path + "/difference.json"
        pane.send("e")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("tanh-s0_x_tanh-s1_minus_tanh-s0_x_relu-s0_linear-cka.csv") },
                "\(Self.screen(pane))")
        pane.send("C-u")
        pane.send("-l", json)
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 20) { FileManager.default.fileExists(atPath: json) }, "\(Self.screen(pane))")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        #expect(object["quantity"] as? String == "difference")
        #expect(object["title"] as? String == "(tanh-s0 × tanh-s1) − (tanh-s0 × relu-s0) · linear CKA")
        let minuend = try #require(object["minuend"] as? [String: Any]), subtrahend = try #require(object["subtrahend"] as? [String: Any])
        #expect(minuend["col_model"] as? String == "tanh-s1" && subtrahend["col_model"] as? String == "relu-s0")
        let values = try #require(object["values"] as? [[Double]])
        // (JSONSerialization's number parsing may be one ulp off the written round-trip digits.)
        #expect(abs(values[1][2] - d) <= 2 * d.ulp, "\(values[1][2]) vs \(d)")

        // 5. Esc: back to the pair's grid.
        usleep(300_000)
        pane.send("Escape")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).hasPrefix("tanh-s0 × tanh-s1 — linear CKA") }, "\(Self.screen(pane))")
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(pane).contains("EXITED 0") }, "\(Self.screen(pane))")
    }

    @Test func tmuxThatDropsOSC52IsRefusedWithTheReason() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let pane = try TmuxPane(shellCommand: Self.command(dir, setClipboard: "external"), width: 120, height: 40)
        defer { pane.stop() }
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") }, "no grid:\n\(Self.screen(pane))")
        pane.send("y")
        #expect(TmuxPane.waitUntil(seconds: 10) {
            Self.screen(pane).contains("copy refused: tmux drops it (set-clipboard external): tmux set -g set-clipboard on")
        }, "\(Self.screen(pane))")
        #expect((try? pane.run(["list-buffers"]))?.isEmpty ?? true, "nothing reached tmux")
    }
}
