import Foundation
import TestSupport

/// One run of the `curses-probe` test aid in a tmux pane, wrapped in a shell that records
/// the terminal's settings (`stty -g`) before and after, and prints the exit status:
/// `EXIT=<status>`, `TTY=same|changed`, `DONE`.
final class ProbeRun {
    let pane: TmuxPane
    let directory: URL
    var logPath: String { directory.appendingPathComponent("events.log").path }
    var pidPath: String { directory.appendingPathComponent("probe.pid").path }

    /// The probe binary, built beside the test bundle (the test target depends on it).
    static let probePath: String? = {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent + "/curses-probe")
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("curses-probe").path)
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("curses-probe").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Starts the probe with `environment` (on top of a clean colour environment, a UTF-8
    /// locale, Swift's crash backtracer off, and `LAYERMAP_CACHE_DIR` in `directory`, so a
    /// built terminfo entry never lands in the user's cache) and `arguments`.
    init(environment: [String: String], arguments: [String] = [], width: Int = 80, height: Int = 24,
         directory: URL? = nil) throws {
        guard let probe = Self.probePath else { throw ProbeError.probeMissing }
        self.directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("layermap-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        var env = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "SWIFT_BACKTRACE": "enable=no",
                   "LAYERMAP_CACHE_DIR": self.directory.appendingPathComponent("cache").path]
        env.merge(environment) { _, new in new }
        let assignments = env.sorted { $0.key < $1.key }.map { shellQuote("\($0.key)=\($0.value)") }
        let log = self.directory.appendingPathComponent("events.log").path
        let pidFile = self.directory.appendingPathComponent("probe.pid").path
        let command = ([shellQuote(probe), "--log", shellQuote(log), "--pid-file", shellQuote(pidFile)]
            + arguments.map(shellQuote)).joined(separator: " ")
        let script = """
            B=$(stty -g); env -u COLORTERM -u NO_COLOR -u TERMINFO -u TERMINFO_DIRS \
            \(assignments.joined(separator: " ")) \(command); echo EXIT=$?; A=$(stty -g); \
            if [ "$A" = "$B" ]; then echo TTY=same; else echo TTY=changed; fi; echo DONE; exec sleep 600
            """
        pane = try TmuxPane(shellCommand: script, width: width, height: height)
    }

    deinit {
        pane.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The events the probe decoded so far, one per line (the first is `ready …`).
    var log: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    var pid: pid_t? {
        (try? String(contentsOfFile: pidPath, encoding: .utf8))
            .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits for the probe to be drawing and reading.
    func waitReady() -> Bool {
        TmuxPane.waitUntil { log.first?.hasPrefix("ready") == true && pane.capture().first?.hasPrefix("PROBE") == true }
    }

    /// Waits until the log has `count` lines.
    func waitForLog(count: Int) -> Bool { TmuxPane.waitUntil { log.count >= count } }

    /// Waits for the wrapper to finish and returns the pane's text then.
    func waitDone() -> [String]? {
        var lines: [String] = []
        let done = TmuxPane.waitUntil {
            lines = pane.capture()
            // Lenient: a terminal left without output translation puts DONE mid-line.
            return lines.contains { $0.trimmingCharacters(in: .whitespaces).hasSuffix("DONE") }
        }
        return done ? lines : nil
    }

    /// `EXIT=` status printed by the wrapper.
    static func exitStatus(in lines: [String]) -> Int? {
        lines.first { $0.hasPrefix("EXIT=") }.flatMap { Int($0.dropFirst(5)) }
    }

    /// The terminal modes a curses program changes, read from tmux after it ended:
    /// alternate screen, cursor visibility, mouse reporting, keypad modes.
    var terminalModes: String {
        pane.display("alt=#{alternate_on} cursor=#{cursor_flag} mouse=#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_sgr_flag} keypad=#{keypad_flag}#{keypad_cursor_flag}")
    }

    static let restoredModes = "alt=0 cursor=1 mouse=0000 keypad=00"
}

enum ProbeError: Error, CustomStringConvertible {
    case probeMissing
    var description: String { "curses-probe was not built beside the test bundle" }
}
