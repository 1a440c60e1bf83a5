import Foundation
import Testing
import TestSupport

/// `stitch` in a real terminal: with `--labels samples/heldout.txt` the metric menu reaches the
/// stitching grid, the status bar gives the same value as `compute --metric stitch`, and the
/// details panel of a cell has its Stitching section; without labels every cell is undefined
/// and says it needs them.
@Suite(.serialized) struct StitchInTmuxTests {
    static func screen(_ pane: TmuxPane) -> String { pane.capture().joined(separator: "\n") }

    static func explorer(_ dir: Scratch, labels: Bool) throws -> TmuxPane {
        let command = "cd \(shellQuote(CLI.root)) && LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) "
            + "\(shellQuote(CLI.binary)) samples/tanh-s0 samples/tanh-s1.npz\(labels ? " --labels samples/heldout.txt" : ""); "
            + "echo EXITED $?; sleep 30"
        return try TmuxPane(shellCommand: command, width: 120, height: 45)
    }

    /// `:`, a filter, Enter: the stitching grid, computed.
    static func openStitch(_ pane: TmuxPane) {
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") }, "no grid:\n\(Self.screen(pane))")
        pane.send(":")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("Switch the metric") }, "no menu:\n\(Self.screen(pane))")
        pane.send("-l", "stitch")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("stitching rel. acc.") })
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 240) {
            let s = Self.screen(pane)
            return s.hasPrefix("tanh-s0 × tanh-s1 — stitching rel. acc.") && s.contains("64/64 cells")
        }, "no stitching grid:\n\(Self.screen(pane))")
    }

    @Test func withLabelsTheGridAndTheDetailsShowTheStitching() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let out = try CLI.run(["compute", CLI.model("tanh-s0"), CLI.model("tanh-s1.npz"), "--metric", "stitch",
                               "--labels", CLI.root + "/samples/heldout.txt", "--format", "json"])
        try #require(out.status == 0, "compute failed: \(out.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let values = try #require(json["values"] as? [[Double]])

        let pane = try Self.explorer(dir, labels: true)
        defer { pane.stop() }
        Self.openStitch(pane)
        // Down twice, right twice: layer3 × layer3, at full precision in the status bar.
        pane.send("Down", "Down", "Right", "Right")
        let prefix = "tanh-s0:layer3 × tanh-s1:layer3 = "
        #expect(TmuxPane.waitUntil(seconds: 10) { pane.capture().contains { $0.hasPrefix(prefix) } }, "\(Self.screen(pane))")
        let line = try #require(pane.capture().first { $0.hasPrefix(prefix) })
        let shown = try #require(Double(line.dropFirst(prefix.count).split(separator: " ")[0]))
        #expect(abs(shown - values[2][2]) <= 1e-9 * abs(values[2][2]), "status \(shown), compute \(values[2][2])")

        pane.send("Enter")
        // The section is below the first screenful: G (bottom) again as the later sections arrive.
        #expect(TmuxPane.waitUntil(seconds: 120) {
            if Self.screen(pane).contains("B's own readout accuracy") { return true }
            pane.send("G")
            usleep(500_000)
            return false
        }, "no stitching section:\n\(Self.screen(pane))")
        let s = Self.screen(pane)
        #expect(s.contains("Stitching (B's readout on A mapped into B)") && s.contains("task loss"), "\(s)")
        pane.send("Escape")
        usleep(300_000)
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(pane).contains("EXITED 0") }, "\(Self.screen(pane))")
    }

    @Test func withoutLabelsEveryCellSaysItNeedsThem() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let pane = try Self.explorer(dir, labels: false)
        defer { pane.stop() }
        Self.openStitch(pane)
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("undefined: needs --labels FILE") },
                "no reason:\n\(Self.screen(pane))")
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(pane).contains("EXITED 0") }, "\(Self.screen(pane))")
    }
}
