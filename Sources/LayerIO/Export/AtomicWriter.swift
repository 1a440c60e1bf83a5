import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files atomically, and only files.
///
/// What is at the destination decides how:
/// - nothing, or a regular file: the bytes go to a temporary file in the same directory
///   (`.<name>.layermap-tmp-<pid>-<n>`, created with `O_EXCL`, flushed with `fsync`), which is
///   then renamed over the destination. A reader never sees a half-written file; a replaced
///   file keeps its permission bits.
/// - a symbolic link: written through, the same way, to the file the link points to (the link
///   stays a link), as `cp` and editors do. Up to 40 links are followed.
/// - a FIFO, a device node, a socket or a directory: refused with a one-line error. `-o
///   /dev/full` as root must not replace the device with a regular file.
///
/// An interrupted write (a kill mid-write) leaves its temporary file behind; the next write to
/// the same destination removes every `.<name>.layermap-tmp-<pid>-*` whose process is gone.
public enum AtomicWriter {
    public enum WriteError: Error, CustomStringConvertible, Equatable {
        case cannotWrite(path: String, reason: String)
        public var description: String {
            switch self {
            case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
            }
        }
    }

    /// The marker between a destination's name and the writer's pid in temporary names.
    public static let temporaryMarker = ".layermap-tmp-"

    /// Counts writes within this process, so two concurrent ones never share a temporary name.
    private static let counter = Counter()

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let target = try destination(of: path)
        let url = URL(fileURLWithPath: target.path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw .cannotWrite(path: path, reason: "directory \(dir) does not exist")
        }
        let name = url.lastPathComponent
        removeStaleTemporaries(of: name, in: dir)
        let temp = dir + "/." + name + temporaryMarker + "\(getpid())-\(counter.next())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, target.mode ?? 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: "cannot create a file in \(dir): \(errnoText())") }
        // Keep the replaced file's permission bits (open applies the umask to new ones).
        if let mode = target.mode { _ = fchmod(fd, mode) }
        var failure: String? = nil
        data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { failure = errnoText(); return }
                done += n
            }
        }
        if failure == nil && fsync(fd) != 0 { failure = errnoText() }
        if close(fd) != 0 && failure == nil { failure = errnoText() }
        if failure == nil && rename(temp, target.path) != 0 { failure = errnoText() }
        if let failure {
            unlink(temp)
            throw .cannotWrite(path: path, reason: failure)
        }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    /// The regular file (existing or not) that writing to `path` replaces, and its mode if it
    /// exists; symbolic links followed, anything else refused.
    static func destination(of path: String) throws(WriteError) -> (path: String, mode: mode_t?) {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            if lstat(current, &info) != 0 {
                guard errno == ENOENT else { throw .cannotWrite(path: path, reason: errnoText()) }
                return (current, nil)
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return (current, info.st_mode & 0o7777)
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                let n = readlink(current, &buffer, buffer.count - 1)
                guard n > 0 else { throw .cannotWrite(path: path, reason: "cannot read the symbolic link: \(errnoText())") }
                let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                current = link.hasPrefix("/") ? link
                    : URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + link
            default:
                let what: String
                switch info.st_mode & S_IFMT {
                case S_IFIFO: what = "a FIFO"
                case S_IFCHR: what = "a character device"
                case S_IFBLK: what = "a block device"
                case S_IFSOCK: what = "a socket"
                case S_IFDIR: what = "a directory"
                default: what = "not a regular file"
                }
                let via = current == path ? "" : " (\(current))"
                throw .cannotWrite(path: path, reason: "it is \(what)\(via); layermap writes regular files only (give a file path, or omit -o for standard output)")
            }
        }
        throw .cannotWrite(path: path, reason: "too many levels of symbolic links")
    }

    /// Removes `.<name>.layermap-tmp-<pid>-*` files in `dir` left by processes that no longer
    /// exist (killed mid-write). Files of live processes, this one included, are kept.
    static func removeStaleTemporaries(of name: String, in dir: String) {
        let prefix = "." + name + temporaryMarker
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let pid = Int32(rest.prefix { $0 != "-" }), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + entry) }
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    private final class Counter: @unchecked Sendable {
        // @unchecked: `n` is guarded by `lock`.
        private let lock = NSLock()
        private var n = 0
        func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }
}
