import CMapGuard
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole regular file mapped read-only into memory (`mmap`, `PROT_READ`, `MAP_PRIVATE`).
///
/// Opening a model maps its files but touches only the header pages; the kernel pages the data in
/// when a layer is first read and may drop those pages again under memory pressure, so models
/// larger than RAM can be compared.
///
/// `@unchecked Sendable` is safe because the mapping is read-only and never remapped: after `init`
/// the base address and size are immutable, no code writes through the mapping (`PROT_READ` would
/// fault), and `deinit` unmaps only when the last reference is gone, so no reader can observe a
/// dangling pointer. If another process truncates the file while it is mapped, touching the lost
/// pages would raise SIGBUS: the mapping is registered with `CMapGuard`, whose handler maps zero
/// pages there instead and counts the fault, and readers check `wasTruncated` after reading.
final class MappedFile: @unchecked Sendable {
    /// The path the file was opened from, for error messages.
    let path: String
    /// Size of the file in bytes.
    let size: Int
    /// Start of the mapping, or nil for an empty file (`mmap` rejects length 0).
    private let base: UnsafeRawPointer?
    /// This mapping's slot in the SIGBUS guard (-1: unguarded or empty).
    private let guardSlot: Int32

    /// Maps the regular file at `path`. Throws `unreadableFile` when it cannot be opened, is not a
    /// regular file, or cannot be mapped.
    convenience init(path: String) throws(LayerIOError) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw .unreadableFile(path: path, detail: "cannot open: \(Self.errnoText())")
        }
        defer { close(fd) }
        try self.init(descriptor: fd, path: path)
    }

    /// Maps the regular file open as `fd` (which the caller keeps ownership of and may close right
    /// after: the mapping holds its own reference to the file). `path` is used in messages only.
    init(descriptor fd: Int32, path: String) throws(LayerIOError) {
        self.path = path
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw .unreadableFile(path: path, detail: "cannot stat: \(Self.errnoText())")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .unreadableFile(path: path, detail: "not a regular file (\(RegularFile.kind(info.st_mode)))")
        }
        guard let size = Int(exactly: info.st_size), size >= 0 else {
            throw .unreadableFile(path: path, detail: "file size \(info.st_size) is not addressable")
        }
        self.size = size
        if size == 0 {
            base = nil
            guardSlot = -1
            return
        }
        let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw .unreadableFile(path: path, detail: "cannot map \(size) bytes: \(Self.errnoText())")
        }
        base = UnsafeRawPointer(address)
        guardSlot = lm_map_guard_register(address, size)
    }

    deinit {
        lm_map_guard_unregister(guardSlot)
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), size) }
    }

    /// Whether pages of the file vanished under the mapping (the file was truncated while
    /// mapped): the bytes read from them are zeros, not data.
    var wasTruncated: Bool { lm_map_guard_faults(guardSlot) > 0 }

    /// The whole file as bytes. The buffer is valid while `self` is alive.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : size) }

    /// Bytes `offset ..< offset + count`, or nil when that range is not inside the file.
    func slice(offset: Int, count: Int) -> UnsafeRawBufferPointer? {
        guard offset >= 0, count >= 0 else { return nil }
        let (end, overflow) = offset.addingReportingOverflow(count)
        guard !overflow, end <= size else { return nil }
        guard let base else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: base + offset, count: count)
    }

    /// Drops the whole pages inside `offset ..< offset + count` from this process's resident
    /// set (`madvise(MADV_DONTNEED)` on a read-only private mapping: the pages are dropped from
    /// the mapping, not from the page cache, and read again on the next touch).
    func release(offset: Int, count: Int) {
        guard let base, count > 0, offset >= 0, offset + count <= size else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (offset + page - 1) / page * page
        let end = (offset + count) / page * page
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, Int32(MADV_DONTNEED))
    }

    static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}
