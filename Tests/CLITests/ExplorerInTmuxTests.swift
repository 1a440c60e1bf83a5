import Foundation
import Testing
import TestSupport

/// The whole path, in a real terminal: tmux runs `layermap samples/`; the test waits for the
/// grid, moves the cursor, drills down, exports a selection to CSV, quits, and checks the file
/// against `layermap compute`.
@Suite(.serialized) struct ExplorerInTmuxTests {
    static func screen(_ pane: TmuxPane) -> String { pane.capture().joined(separator: "\n") }

    @Test func gridDrillDownAndExportMatchCompute() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let csv = dir.path + "/region.csv"
        let command = "cd \(shellQuote(CLI.root)) && LAYERMAP_CACHE_DIR=\(shellQuote(dir.path + "/cache")) "
            + "\(shellQuote(CLI.binary)) samples/; echo EXITED $?; sleep 30"
        let pane = try TmuxPane(shellCommand: command, width: 120, height: 40)
        defer { pane.stop() }

        // 1. The first grid (relu-s0 × relu-s1, 8×8 layers) fills in completely.
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(pane).contains("64/64 cells") },
                "the grid never completed:\n\(Self.screen(pane))")
        #expect(Self.screen(pane).contains("relu-s0 × relu-s1"))

        // 2. Move the cursor two rows down and one column right; the status bar follows.
        pane.send("j", "j", "l")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("relu-s0:layer3 × relu-s1:layer2 =") },
                "cursor status not shown:\n\(Self.screen(pane))")

        // 3. Drill down: the HSIC terms and the neuron matching appear; Esc goes back.
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 30) {
            let s = Self.screen(pane)
            return s.contains("HSIC terms") && s.contains("mean matched |r|")
        }, "drill-down incomplete:\n\(Self.screen(pane))")
        pane.send("Escape")
        #expect(TmuxPane.waitUntil(seconds: 10) { !Self.screen(pane).contains("HSIC terms") })

        // 4. Select rows layer3…layer4 × columns layer2…layer4 and export them to CSV.
        pane.send("v", "j", "l", "l")
        pane.send("e")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains(".csv") }, "no export prompt:\n\(Self.screen(pane))")
        pane.send("C-u")
        pane.send("-l", csv)
        pane.send("Enter")
        #expect(TmuxPane.waitUntil(seconds: 20) { FileManager.default.fileExists(atPath: csv) && Self.screen(pane).contains("wrote") },
                "export not confirmed:\n\(Self.screen(pane))")

        // 5. Quit; the shell prints the exit status once the terminal is given back.
        pane.send("q")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(pane).contains("EXITED 0") }, "did not quit:\n\(Self.screen(pane))")

        // The exported cells are exactly `layermap compute`'s.
        let exported = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        let full = try CLI.run(["compute", CLI.model("relu-s0"), CLI.model("relu-s1"), "--format", "csv"])
        let grid = full.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(exported.first == ",layer2,layer3,layer4")
        #expect(exported.count == 3)
        for (k, line) in exported.dropFirst().enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let want = grid[3 + k]
            #expect(fields[0] == want[0])
            #expect(Array(fields[1...3]) == Array(want[2...4]), "row \(fields[0]): \(fields) vs \(want)")
        }
    }

    @Test func reopeningTheSameModelsShowsTheCachedGridAtOnce() throws {
        try #require(TmuxPane.executable != nil, "tmux is not installed: the end-to-end explorer test needs it")
        let dir = try Scratch()
        defer { dir.remove() }
        let cache = dir.path + "/cache"
        let command = { (trace: String) in
            "cd \(shellQuote(CLI.root)) && LAYERMAP_TRACE=\(shellQuote(trace)) LAYERMAP_CACHE_DIR=\(shellQuote(cache)) "
                + "\(shellQuote(CLI.binary)) samples/wide.npz samples/tanh-s1.npz; echo EXITED $?; sleep 30"
        }
        // First run: compute and quit (the grid is saved on finishing and on quit).
        let first = try TmuxPane(shellCommand: command(dir.path + "/first.txt"), width: 100, height: 30)
        #expect(TmuxPane.waitUntil(seconds: 60) { Self.screen(first).contains("24/24 cells") })
        first.send("q")
        #expect(TmuxPane.waitUntil(seconds: 10) { Self.screen(first).contains("EXITED 0") })
        first.stop()
        let files = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(files.contains { $0.hasPrefix("grid-") && $0.hasSuffix(".json") }, "\(files)")

        // Second run: every cell comes from the cache (the trace shows no cell computed).
        let second = try TmuxPane(shellCommand: command(dir.path + "/second.txt"), width: 100, height: 30)
        defer { second.stop() }
        #expect(TmuxPane.waitUntil(seconds: 20) { Self.screen(second).contains("24/24 cells") })
        second.send("q")
        _ = TmuxPane.waitUntil(seconds: 10) { Self.screen(second).contains("EXITED 0") }
        let trace = try String(contentsOfFile: dir.path + "/second.txt", encoding: .utf8)
        #expect(trace.contains("from cache 24"), "trace:\n\(trace)")
    }
}
