#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Holds a file descriptor's output back (stderr while curses owns the screen), so a
/// library's warning never paints over the UI, and replays it afterwards, so it is not lost.
///
/// The descriptor is pointed at an unlinked temporary file (no size limit of a pipe, no
/// reader thread); `finish()` points it back and copies what was written. The crash path
/// does the same copy in C (`lm_guard_restore_now`) with `savedDescriptor` and
/// `fileDescriptor`.
struct StderrCapture: ~Copyable {
    /// The descriptor being held back (2 for stderr).
    let target: Int32
    /// A duplicate of the original target: where the output finally goes.
    let savedDescriptor: Int32
    /// The temporary file the target now writes to.
    let fileDescriptor: Int32

    /// Starts holding `target` back. `nil` if any step fails (output then goes through).
    init?(target: Int32 = STDERR_FILENO, directory: String? = nil) {
        let dir = directory ?? Self.temporaryDirectory()
        var template = Array("\(dir)/layermap-stderr-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(target)
        guard saved >= 0 else { close(fd); return nil }
        _ = fcntl(saved, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        guard dup2(fd, target) >= 0 else { close(fd); close(saved); return nil }
        self.target = target
        self.savedDescriptor = saved
        self.fileDescriptor = fd
    }

    /// Points `target` back at the original and writes out what was held back, at most
    /// `limit` bytes (then a note of how much was left out). Returns the bytes replayed.
    @discardableResult
    consuming func finish(limit: Int = 4 << 20) -> Int {
        _ = dup2(savedDescriptor, target)
        var offset: off_t = 0
        var buffer = [UInt8](repeating: 0, count: 65536)
        while offset < off_t(limit) {
            let want = min(buffer.count, limit - Int(offset))
            let n = buffer.withUnsafeMutableBytes { pread(fileDescriptor, $0.baseAddress, want, offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            buffer.withUnsafeBytes { Self.writeAll(target, $0.baseAddress!, n) }
            offset += off_t(n)
        }
        let total = lseek(fileDescriptor, 0, SEEK_END)
        if total > offset {
            let note = "\n[layermap: \(total - offset) more bytes of stderr left out]\n"
            Self.writeAll(target, note, note.utf8.count)
        }
        close(fileDescriptor)
        close(savedDescriptor)
        return Int(offset)
    }

    private static func writeAll(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) {
        var done = 0
        while done < count {
            let w = write(fd, pointer + done, count - done)
            if w < 0 && errno == EINTR { continue }
            if w <= 0 { return }
            done += w
        }
    }

    private static func temporaryDirectory() -> String {
        if let t = getenv("TMPDIR"), let s = String(validatingCString: t), !s.isEmpty { return s }
        return "/tmp"
    }
}
