import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading a whole small file (a shard, a cache file) without the ways a path can hang or lie.
///
/// `open` uses `O_NONBLOCK`, so a FIFO or a device at the path cannot block the open; then the
/// descriptor must be a regular file (`fstat`), so nothing but a file's bytes is ever read.
public enum RegularFile {
    /// A descriptor of the regular file at `path` and its `fstat`, opened with `O_NONBLOCK` so a
    /// FIFO or device cannot block; the caller closes it.
    /// - Throws: cannot open, cannot stat, not a regular file (naming what it is).
    static func openRegular(_ path: String) throws(LayerIOError) -> (fd: Int32, info: stat) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadableFile(path: path, detail: "cannot open: \(MappedFile.errnoText())") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let why = MappedFile.errnoText()
            close(fd)
            throw .unreadableFile(path: path, detail: "cannot stat: \(why)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .unreadableFile(path: path, detail: "not a regular file (\(kind(info.st_mode)))")
        }
        return (fd, info)
    }

    /// The bytes of the regular file at `path`.
    /// - Throws: a one-line reason (cannot open, not a regular file, read error).
    public static func read(path: String, limit: Int = Int.max) throws(LayerIOError) -> Data {
        let (fd, info) = try openRegular(path)
        defer { close(fd) }
        guard let size = Int(exactly: info.st_size), size <= limit else {
            throw .unreadableFile(path: path, detail: "\(info.st_size) bytes is more than the \(limit) allowed")
        }
        var data = Data(count: size)
        var done = 0
        while done < size {
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, size - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw .unreadableFile(path: path, detail: n == 0 ? "the file shrank while it was read" : "cannot read: \(MappedFile.errnoText())")
            }
            done += n
        }
        return data
    }

    /// "FIFO", "character device", … for messages.
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a directory"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}
