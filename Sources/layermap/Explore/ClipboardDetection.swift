import Explorer
import Foundation

/// The clipboard route of the terminal the explorer runs in (`ClipboardRoute.detect`),
/// asking tmux for its options when `$TMUX` is set.
enum ClipboardDetection {
    static func route() -> ClipboardRoute {
        ClipboardRoute.detect(environment: ProcessInfo.processInfo.environment,
                              outputIsTerminal: isatty(STDOUT_FILENO) == 1, tmuxOption: tmuxOption)
    }

    /// `tmux show-options -gv NAME` (the server of `$TMUX`), `nil` when it fails or says nothing.
    static func tmuxOption(_ name: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "show-options", "-gv", name]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let value = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}
