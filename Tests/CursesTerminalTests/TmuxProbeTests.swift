import Foundation
import TestSupport
import Testing
@testable import CursesTerminal

/// The real-terminal test: `curses-probe` (a test aid) runs in a detached tmux pane; keys go
/// in with `send-keys`, the screen comes back with `capture-pane -e`, and tmux reports the
/// terminal modes after the probe ends. Skipped, with this reason, only without tmux.
@Suite("curses-probe in tmux", .serialized,
       .enabled(if: TmuxPane.executable != nil, "tmux is not installed: the real-terminal tests need it"))
struct TmuxProbeTests {
    /// tmux key name (or literal text) → what the probe logs.
    static let keys: [(String, String)] = [
        ("Up", "up"), ("Down", "down"), ("Left", "left"), ("Right", "right"),
        ("PPage", "pageUp"), ("NPage", "pageDown"), ("Home", "home"), ("End", "end"),
        ("Enter", "enter"), ("Escape", "escape"), ("Tab", "tab"), ("BTab", "backTab"),
        ("BSpace", "backspace"), ("DC", "delete"), ("F1", "f1"), ("F5", "f5"), ("F12", "f12"),
        ("C-a", "ctrl:a"), ("C-l", "ctrl:l"), ("C-c", "ctrl:c"),
        ("x", "char:x"), ("G", "char:G"), ("é", "char:é"), ("?", "char:?"),
    ]

    /// Button 1 press and release at (4, 2), wheel up and down at (9, 3), in the encoding
    /// the terminfo entry's `kmous` announces.
    static func mouseReports(sgr: Bool) -> [[UInt8]] {
        if sgr {
            return ["\u{1B}[<0;5;3M", "\u{1B}[<0;5;3m", "\u{1B}[<64;10;4M", "\u{1B}[<65;10;4M"].map { Array($0.utf8) }
        }
        // X10: ESC [ M, then 32 + button code, 33 + x, 33 + y (button 3 = release).
        return [[32, 37, 35], [35, 37, 35], [96, 42, 36], [97, 42, 36]].map { [0x1B, 0x5B, 0x4D] + $0 }
    }
    static let mouseLog = ["mouse:press@4,2", "mouse:release@4,2", "mouse:wheelUp@9,3", "mouse:wheelDown@9,3"]

    @Test("keys, Alt chords, mouse and resize decode; q restores the terminal",
          arguments: ["tmux-256color", "xterm-256color"])
    func keysMouseResizeQuit(term: String) throws {
        let run = try ProbeRun(environment: ["TERM": term])
        try #require(run.waitReady(), "the probe never drew its first frame: \(run.pane.capture())")
        var expected = [String]()
        for (key, logged) in Self.keys {
            if key == "é" || key == "?" { run.pane.send("-l", key) } else { run.pane.send(key) }
            expected.append(logged)
            // One key at a time: Esc followed at once by another key is an Alt chord.
            #expect(run.waitForLog(count: expected.count + 1), "no event for \(key)")
        }
        // Alt-x is dropped whole: the next event is the y typed after it.
        run.pane.send("M-x")
        run.pane.send("y")
        expected.append("char:y")
        #expect(run.waitForLog(count: expected.count + 1))
        for report in Self.mouseReports(sgr: term.hasPrefix("xterm")) {
            run.pane.sendBytes(report)
            expected.append(Self.mouseLog[expected.count - Self.keys.count - 1])
            #expect(run.waitForLog(count: expected.count + 1), "no event for mouse report \(report)")
        }
        run.pane.resize(width: 100, height: 30)
        expected.append("resize:100x30")
        #expect(run.waitForLog(count: expected.count + 1))
        #expect(TmuxPane.waitUntil { run.pane.capture().contains { $0.hasPrefix("size=100x30") } })

        #expect(Array(run.log.dropFirst()) == expected)

        run.pane.send("q")
        let screen = try #require(run.waitDone(), "the probe did not quit on q")
        #expect(ProbeRun.exitStatus(in: screen) == 0)
        #expect(screen.contains("TTY=same"), "stty settings differ after quitting: \(screen)")
        #expect(screen.contains("curses-probe: this stderr line was held back"))
        #expect(screen.contains("curses-probe: closed"))
        #expect(!screen.contains { $0.hasPrefix("PROBE") }, "the alternate screen was not left")
        #expect(run.terminalModes == ProbeRun.restoredModes)
    }

    @Test("256 colours: palette and nearest-cube SGR codes; SIGTERM restores and exits 143")
    func palette256ThenSigterm() throws {
        let run = try ProbeRun(environment: ["TERM": "xterm-256color"])
        try #require(run.waitReady())
        let lines = run.pane.capture(escapes: true)
        #expect(lines[0].contains("mode=palette256"))
        let swatches = lines[2]
        #expect(swatches.contains("\u{1B}[41mA"), "indexed 1 background: \(swatches.debugDescription)")
        #expect(swatches.contains("\u{1B}[97m\u{1B}[44mB") || swatches.contains("\u{1B}[44m\u{1B}[97mB"))
        #expect(swatches.contains("\u{1B}[48;5;196mC"))
        #expect(swatches.contains("\u{1B}[48;5;40mD"), "rgb(10,200,30) should map to cube index 40")
        #expect(swatches.contains("\u{1B}[1mE"))
        #expect(swatches.contains("\u{1B}[4mF"))
        #expect(swatches.contains("\u{1B}[7mG"))
        #expect(swatches.contains("38;5;208m"), "rgb(250,120,0) should map to index 208")

        let pid = try #require(run.pid)
        kill(pid, SIGTERM)
        let screen = try #require(run.waitDone(), "the probe did not exit on SIGTERM")
        #expect(ProbeRun.exitStatus(in: screen) == 128 + Int(SIGTERM))
        #expect(screen.contains("TTY=same"), "stty settings differ after SIGTERM: \(screen)")
        #expect(screen.contains("curses-probe: this stderr line was held back"))
        #expect(run.terminalModes == ProbeRun.restoredModes)
    }

    /// Compiles test terminfo entries into `directory`: `lmtest-256color` (xterm-256color
    /// under another name) and its direct-colour sibling `lmtest-direct`, built like
    /// ncurses' `xterm+direct` (colours below 8 are the ANSI palette, the rest 24-bit).
    static func compileTerminfo(into directory: URL, withDirect: Bool) throws {
        var source = "lmtest-256color|layermap test entry,\n\tuse=xterm-256color,\n"
        if withDirect {
            source += """
                lmtest-direct|layermap test entry with direct colour,
                \tRGB, colors#0x1000000, pairs#0x10000,
                \tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
                \tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
                \tuse=xterm-256color,

                """
        }
        let sourceFile = directory.appendingPathComponent("lmtest.ti")
        try source.write(to: sourceFile, atomically: true, encoding: .utf8)
        let output = try spawnAndWait("/usr/bin/env", ["tic", "-x", "-o", directory.appendingPathComponent("terminfo").path, sourceFile.path],
                                      environment: ProcessInfo.processInfo.environment, readOutput: true)
        _ = output
        let compiled = FileManager.default.fileExists(atPath: directory.appendingPathComponent("terminfo/l/lmtest-256color").path)
        try #require(compiled, "tic could not compile the test terminfo entries")
    }

    static func scratchDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("layermap-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("COLORTERM=truecolor starts the -direct entry and draws 24-bit SGR")
    func trueColorThroughDirectEntry() throws {
        let dir = try Self.scratchDirectory()
        try Self.compileTerminfo(into: dir, withDirect: true)
        let run = try ProbeRun(environment: ["TERM": "lmtest-256color", "COLORTERM": "truecolor",
                                             "TERMINFO": dir.appendingPathComponent("terminfo").path],
                               directory: dir)
        try #require(run.waitReady(), "\(run.pane.capture())")
        let lines = run.pane.capture(escapes: true)
        #expect(lines[0].contains("mode=trueColor"))
        #expect(lines[1].contains("term=lmtest-direct"))
        let swatches = lines[2]
        #expect(swatches.contains("48;2;205;0;0mA"), "indexed 1 as RGB: \(swatches.debugDescription)")
        #expect(swatches.contains("48;2;255;0;0mC"))
        #expect(swatches.contains("48;2;10;200;30mD"))
        #expect(swatches.contains("38;2;250;120;0m"))

        // 40 frames of 1,280 new colours: pairs past 32767 (setcchar's opts pointer).
        run.pane.send("P")
        #expect(TmuxPane.waitUntil { run.pane.capture().contains("last: char:P") })
        var after = run.pane.capture(escapes: true, trailingSpaces: true)
        #expect(after[8].hasPrefix("\u{1B}[48;2;0;195;0mx"), "flood frame 39, cell 0: \(after[8].prefix(40).debugDescription)")
        #expect(after[23].hasSuffix("48;2;0;199;255mx"), "flood frame 39, last (bottom-right) cell: \(after[23].suffix(40).debugDescription)")
        #expect(after[3].contains("48;2;250;2;3mI"))
        // 30 more: past 65535 pairs, so idle pairs are recycled; the swatches, never redrawn,
        // keep their colours because pairs on screen are never redefined.
        run.pane.send("R")
        #expect(TmuxPane.waitUntil { run.pane.capture().contains("last: char:R") })
        after = run.pane.capture(escapes: true, trailingSpaces: true)
        #expect(after[8].hasPrefix("\u{1B}[48;2;1;89;0mx"), "flood frame 69, cell 0: \(after[8].prefix(40).debugDescription)")
        #expect(after[2].hasPrefix(swatches), "the swatches changed colour: \(after[2].debugDescription)")
        #expect(after[3].contains("48;2;250;2;3mI"))

        run.pane.send("q")
        let screen = try #require(run.waitDone())
        #expect(ProbeRun.exitStatus(in: screen) == 0)
        #expect(run.terminalModes == ProbeRun.restoredModes)
    }

    @Test("no -direct entry and no way to build one (no tic, or no writable cache): 256 colours",
          arguments: [("no tic", ["PATH": "/nonexistent"]),
                      ("cache under a file", ["LAYERMAP_CACHE_DIR": "/dev/null/layermap"])])
    func trueColorFallback(why: String, environment: [String: String]) throws {
        let dir = try Self.scratchDirectory()
        try Self.compileTerminfo(into: dir, withDirect: false)
        let env = ["TERM": "lmtest-256color", "COLORTERM": "truecolor",
                   "TERMINFO": dir.appendingPathComponent("terminfo").path].merging(environment) { _, new in new }
        let run = try ProbeRun(environment: env, directory: dir)
        try #require(run.waitReady(), "\(why): \(run.pane.capture())")
        let lines = run.pane.capture(escapes: true)
        #expect(lines[0].contains("mode=palette256"), "\(why)")
        #expect(lines[1].contains("term=lmtest-256color"), "\(why)")
        #expect(lines[2].contains("\u{1B}[48;5;40mD"), "\(why)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("cache/terminfo").path)
                || Self.listing(dir.appendingPathComponent("cache/terminfo")).isEmpty, "\(why): nothing half-built")
        run.pane.send("q")
        #expect(run.waitDone() != nil)
    }

    /// Whether the system terminfo has `name` (ncurses-term installs `xterm-direct`).
    static func isInstalled(_ name: String) -> Bool {
        var env = ProcessInfo.processInfo.environment
        for key in ["TERMINFO", "TERMINFO_DIRS"] { env.removeValue(forKey: key) }
        return (try? spawn("/usr/bin/env", ["infocmp", name], environment: env))?.status == 0
    }

    static func listing(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test("COLORTERM=truecolor on xterm-256color without xterm-direct installed: layermap builds it, draws 24-bit SGR, and reuses it",
          .enabled(if: !isInstalled("xterm-direct"), "xterm-direct is installed here, so nothing is built"))
    func builtDirectEntry() throws {
        let cache = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: cache) }
        let env = ["TERM": "xterm-256color", "COLORTERM": "truecolor", "LAYERMAP_CACHE_DIR": cache.path]
        let entry = try #require(DirectTerminfo(term: "xterm-256color", insideTmux: true))
        let root = cache.appendingPathComponent("terminfo")
        let compiled = root.appendingPathComponent("\(entry.fingerprint)/x/xterm-direct").path

        let run = try ProbeRun(environment: env)
        try #require(run.waitReady(), "\(run.pane.capture())")
        let lines = run.pane.capture(escapes: true)
        #expect(lines[0].contains("mode=trueColor"))
        #expect(lines[1].contains("term=xterm-direct"))
        let swatches = lines[2]
        #expect(swatches.contains("48;2;205;0;0mA"), "indexed 1 as RGB: \(swatches.debugDescription)")
        #expect(swatches.contains("48;2;255;0;0mC"))
        #expect(swatches.contains("48;2;10;200;30mD"))
        #expect(swatches.contains("38;2;250;120;0m"))
        // The compiled entry and its source, and nothing else, are in the cache.
        #expect(Self.listing(root) == [entry.fingerprint])
        #expect(FileManager.default.fileExists(atPath: compiled))
        #expect(try String(contentsOfFile: root.appendingPathComponent("\(entry.fingerprint)/source.ti").path, encoding: .utf8)
                == entry.source)
        let before = try FileManager.default.attributesOfItem(atPath: compiled)
        run.pane.send("q")
        let screen = try #require(run.waitDone())
        #expect(ProbeRun.exitStatus(in: screen) == 0)
        #expect(screen.contains("TTY=same"))
        #expect(run.terminalModes == ProbeRun.restoredModes)

        // Again, with no tic on PATH: only the cached entry can give true colour.
        let again = try ProbeRun(environment: env.merging(["PATH": "/nonexistent"]) { _, new in new })
        try #require(again.waitReady(), "\(again.pane.capture())")
        let secondLines = again.pane.capture(escapes: true)
        #expect(secondLines[0].contains("mode=trueColor"))
        #expect(secondLines[2].contains("48;2;10;200;30mD"))
        let after = try FileManager.default.attributesOfItem(atPath: compiled)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int, "the entry was rewritten")
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date, "the entry was rewritten")
        #expect(Self.listing(root) == [entry.fingerprint])
        again.pane.send("q")
        #expect(again.waitDone() != nil)
    }

    @Test("--color truecolor without COLORTERM builds the -direct entry for a TERM found through TERMINFO")
    func forcedTrueColorBuildsEntry() throws {
        let dir = try Self.scratchDirectory()
        try Self.compileTerminfo(into: dir, withDirect: false)
        let run = try ProbeRun(environment: ["TERM": "lmtest-256color",
                                             "TERMINFO": dir.appendingPathComponent("terminfo").path],
                               arguments: ["--color", "truecolor"], directory: dir)
        try #require(run.waitReady(), "\(run.pane.capture())")
        let lines = run.pane.capture(escapes: true)
        #expect(lines[0].contains("mode=trueColor"))
        #expect(lines[1].contains("term=lmtest-direct"))
        #expect(lines[2].contains("48;2;10;200;30mD"), "\(lines[2].debugDescription)")
        let entry = try #require(DirectTerminfo(term: "lmtest-256color", insideTmux: true))
        #expect(FileManager.default.fileExists(
            atPath: dir.appendingPathComponent("cache/terminfo/\(entry.fingerprint)/l/lmtest-direct").path))
        run.pane.send("q")
        #expect(run.waitDone() != nil)
    }

    @Test("NO_COLOR and --color none draw attributes only; --color 8 maps to the 8 basic colours",
          arguments: [(["NO_COLOR": "1"], [String](), "monochrome"),
                      ([:], ["--color", "none"], "monochrome"),
                      ([:], ["--color", "8"], "palette8")])
    func reducedColour(environment: [String: String], arguments: [String], mode: String) throws {
        let run = try ProbeRun(environment: environment.merging(["TERM": "xterm-256color"]) { a, _ in a },
                               arguments: arguments)
        try #require(run.waitReady())
        let lines = run.pane.capture(escapes: true)
        #expect(lines[0].contains("mode=\(mode)"))
        let swatches = lines[2]
        #expect(swatches.contains("\u{1B}[1mE"))
        #expect(swatches.contains("\u{1B}[4mF"))
        #expect(swatches.contains("\u{1B}[7mG"))
        if mode == "monochrome" {
            #expect(Self.colourParameters(in: swatches).isEmpty, "no colours: \(swatches.debugDescription)")
        } else {
            #expect(swatches.contains("\u{1B}[41mA"))
            #expect(swatches.contains("\u{1B}[41mC"), "index 196 → red (1) in 8 colours: \(swatches.debugDescription)")
            #expect(swatches.contains("\u{1B}[42mD"), "rgb(10,200,30) → green (2)")
        }
        run.pane.send("q")
        #expect(run.waitDone() != nil)
    }

    @Test("without a UTF-8 locale, supportsUnicode is false")
    func asciiLocale() throws {
        let run = try ProbeRun(environment: ["TERM": "xterm-256color", "LANG": "C", "LC_ALL": "C"])
        try #require(run.waitReady())
        let lines = run.pane.capture()
        #expect(lines[0].contains("unicode=no"))
        #expect(lines[6] == "glyphs: ascii")
        run.pane.send("q")
        #expect(run.waitDone() != nil)
    }

    /// The SGR parameters in `line` that set a colour (30–37, 38, 40–47, 48, 90–97, 100–107).
    static func colourParameters(in line: String) -> [Int] {
        line.components(separatedBy: "\u{1B}[").dropFirst().flatMap { chunk -> [Int] in
            guard let end = chunk.firstIndex(of: "m") else { return [] }
            return chunk[..<end].split(separator: ";").compactMap { Int($0) }.filter {
                (30...38).contains($0) || (40...48).contains($0) || (90...97).contains($0) || (100...107).contains($0)
            }
        }
    }

    @Test("a crash (Swift trap) restores the terminal, shows held-back stderr and still dies of its signal")
    func crash() throws {
        // 40 rows: the runtime's stack trace, the replayed stderr and the guard's line all fit.
        let run = try ProbeRun(environment: ["TERM": "xterm-256color"], height: 40)
        try #require(run.waitReady())
        run.pane.send("!")
        let screen = try #require(run.waitDone(), "the probe did not die")
        let status = try #require(ProbeRun.exitStatus(in: screen))
        #expect(status == 128 + Int(SIGILL) || status == 128 + Int(SIGTRAP), "exit status \(status)")
        #expect(screen.contains("TTY=same"), "stty settings differ after the crash: \(screen)")
        #expect(screen.contains("curses-probe: this stderr line was held back"))
        #expect(screen.contains { $0.contains("Fatal error: curses-probe: crash requested") })
        #expect(screen.contains("layermap: SIGILL (a crash); the terminal was restored") || screen.contains("layermap: SIGTRAP (a crash); the terminal was restored"))
        #expect(run.terminalModes == ProbeRun.restoredModes)
    }

    @Test("a fatal signal sent from outside restores the terminal, prints one line and ends the process",
          arguments: [SIGQUIT, SIGSEGV, SIGBUS])
    func fatalSignalFromOutside(_ signal: Int32) throws {
        let run = try ProbeRun(environment: ["TERM": "xterm-256color"])
        try #require(run.waitReady())
        let pid = try #require(run.pid)
        kill(pid, signal)
        // Before: SIGQUIT left the alternate screen drawn and the probe running; SEGV/BUS
        // chained to the runtime's backtracer, which kept it running.
        let screen = try #require(run.waitDone(), "the probe kept running after signal \(signal)")
        #expect(ProbeRun.exitStatus(in: screen) == 128 + Int(signal), "\(screen)")
        #expect(screen.contains { $0.contains("received; the terminal was restored") }, "\(screen)")
        #expect(screen.contains("TTY=same"), "stty settings differ: \(screen)")
        #expect(run.terminalModes == ProbeRun.restoredModes)
    }

    @Test("with the report policy, SIGINT reaches the loop, which closes and exits 130")
    func reportPolicy() throws {
        let run = try ProbeRun(environment: ["TERM": "xterm-256color"], arguments: ["--policy", "report"])
        try #require(run.waitReady())
        let pid = try #require(run.pid)
        kill(pid, SIGINT)
        let screen = try #require(run.waitDone())
        #expect(ProbeRun.exitStatus(in: screen) == 130)
        #expect(run.log.last == "signal:2")
        #expect(screen.contains("TTY=same"))
        #expect(run.terminalModes == ProbeRun.restoredModes)
    }
}
