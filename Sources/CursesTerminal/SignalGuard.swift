import CNcurses
import CTerminalGuard
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What the backend does when SIGINT, SIGTERM or SIGHUP arrives.
///
/// In both cases the signal handler itself only records the signal and wakes the backend's
/// input wait through a self-pipe (async-signal-safe); the real teardown (`endwin`, stderr
/// replay) happens in `nextEvent`, outside signal context. A *second* signal before that
/// (the loop is stuck) restores the terminal from the handler and exits at once.
public enum TerminationPolicy: Hashable, Sendable {
    /// `nextEvent` closes the backend and exits the process with status 128 + signal.
    case exit
    /// `nextEvent` returns `nil` at once and `terminationSignal` is set; the loop cleans up,
    /// calls `close()` and exits (conventionally with 128 + signal). Further `nextEvent`
    /// calls keep returning `nil` immediately.
    case report
}

/// The Swift face of the C terminal guard (`terminal_guard.h`): the process-wide part of a
/// session, kept to the one static struct a signal handler needs.
enum SignalGuard {
    /// Claims the one terminal session a process may have.
    static func claim() -> Bool { lm_guard_claim() != 0 }
    static func unclaim() { lm_guard_unclaim() }

    /// Saves the current signal dispositions (before `newterm` installs its own).
    static func snapshot() { lm_guard_snapshot() }

    /// Installs the handlers with what a restore needs.
    static func arm(shellMode: termios?, reset: [UInt8], realStderr: Int32, capturedStderr: Int32) -> Bool {
        var mode = shellMode ?? termios()
        let rc = reset.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                withUnsafePointer(to: &mode) { modePointer in
                    lm_guard_arm(STDIN_FILENO, STDOUT_FILENO, shellMode == nil ? nil : modePointer,
                                 chars.baseAddress, chars.count, realStderr, capturedStderr, 0)
                }
            }
        }
        return rc == 0
    }

    /// Read end of the self-pipe a termination signal writes to (-1 when not armed).
    static var wakeDescriptor: Int32 { lm_guard_wake_fd() }

    /// The first termination signal since arming, if any.
    static func pendingSignal() -> Int32? {
        let s = lm_guard_pending_signal()
        return s == 0 ? nil : s
    }

    /// stderr was restored normally; the crash path must not replay it again.
    static func forgetStderr() { lm_guard_forget_stderr() }

    static func disarm() { lm_guard_disarm() }

    /// The bytes that put the terminal back as it was, from the running entry's terminfo:
    /// original colours, no attributes, mouse reporting off, keypad-transmit off, cursor
    /// visible, leave the alternate screen. Sent by the handlers instead of `endwin()`,
    /// which is not async-signal-safe. Call after `newterm`.
    static func resetSequence(mouseEnabled: Bool) -> [UInt8] {
        var out: [UInt8] = []
        func cap(_ name: String) {
            if let s = lm_tigetstr(name) { out.append(contentsOf: Array(String(cString: s).utf8)) }
        }
        cap("op")
        cap("sgr0")
        if mouseEnabled {
            // xterm mouse modes ncurses may have turned on (1000 press/release, 1002/1003
            // motion, 1006 SGR coordinates); terminals ignore modes they don't know.
            out.append(contentsOf: Array("\u{1B}[?1006l\u{1B}[?1003l\u{1B}[?1002l\u{1B}[?1000l".utf8))
        }
        cap("rmkx")
        cap("cnorm")
        if lm_tigetstr("rmcup") != nil { cap("rmcup") } else { out.append(contentsOf: Array("\r\n".utf8)) }
        return out
    }
}
