import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Standard output that reports failure instead of trapping or losing it.
///
/// `FileHandle.standardOutput.write` traps on a full or closed descriptor (`try!` inside
/// Foundation), and `print` leaves the error in stdio's buffer. The headless commands write their
/// results here instead: `write(2)` on descriptor 1 until every byte is out, and a failure becomes
/// "standard output: cannot write: …", exit 2. `finish` (called by `main` after every command)
/// flushes stdio as well, for anything still printed through it.
enum StandardOutput {
    /// Writes `data` to standard output.
    /// - Throws: `CLIFailure` (bad input: where the output goes is the caller's choice).
    static func write(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(1, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure() }
                done += n
            }
        }
    }

    static func write(_ text: String) throws { try write(Data(text.utf8)) }

    /// Flushes stdio's streams and reports a failure.
    static func finish() throws {
        if fflush(nil) != 0 { throw failure() }
    }

    /// When layermap starts with descriptor 0, 1 or 2 closed (`>&-`), the next file it opens
    /// would take that number and receive the output. Each closed one is opened read-only on
    /// /dev/null instead, so a write to it fails (EBADF) and is reported.
    static func guardStandardDescriptors() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            // Standard error on /dev/null write-only: messages have nowhere else to go.
            let opened = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY)
            if opened >= 0 && opened != fd { dup2(opened, fd); close(opened) }
        }
    }

    private static func failure() -> CLIFailure {
        let why = errno == 0 ? "write error" : String(cString: strerror(errno))
        return CLIFailure.badInput("standard output: cannot write: \(why)")
    }
}

/// Standard error for messages: `write(2)` on descriptor 2, where a failure (full, closed) is
/// ignored, since there is nowhere left to report it; `FileHandle.standardError.write` would trap.
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
    }
}
