import Foundation
import ZIPFoundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The data of a deflated .npz member, inflated on first use into an anonymous temporary file
/// and mapped from there.
///
/// Cost: the first `withBytes` inflates the whole member (uncompressed size bytes of temporary disk
/// space, CPU time proportional to the member), later calls reuse the mapping. The temporary file is
/// unlinked as soon as it is created, so it never outlives the process and needs no clean-up; the
/// kernel keeps it while mapped and can page it out, which a heap copy could not.
///
/// Inflation is checked: no more than the declared uncompressed size is accepted (a zip bomb stops
/// there), the final size must match, and the CRC-32 must equal the central directory's.
///
/// `@unchecked Sendable`: the mutable `mapped` is only touched under `lock`; `entry` is an immutable
/// value; each extraction opens its own `Archive` (whose `FILE*` is not thread-safe) inside the lock.
final class DeflatedMember: LayerData, @unchecked Sendable {
    let archivePath: String
    let layer: String
    let entry: Entry
    let member: ZipDirectory.Member
    /// Offset of the array data inside the inflated member (the .npy header length).
    let dataOffset: Int
    /// Bytes of array data, shape × itemsize.
    let dataByteCount: Int
    /// What the member may inflate to (checked before inflating).
    let inflation: InflationLimit

    private let lock = NSLock()
    private var mapped: MappedFile?

    init(archivePath: String, layer: String, entry: Entry, member: ZipDirectory.Member,
         dataOffset: Int, dataByteCount: Int, inflation: InflationLimit = InflationLimit()) {
        self.inflation = inflation
        self.archivePath = archivePath
        self.layer = layer
        self.entry = entry
        self.member = member
        self.dataOffset = dataOffset
        self.dataByteCount = dataByteCount
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let file = try lock.withLock { () throws -> MappedFile in
            if let mapped { return mapped }
            let file = try inflate()
            mapped = file
            return file
        }
        guard let bytes = file.slice(offset: dataOffset, count: dataByteCount) else {
            throw LayerIOError.sizeMismatch(path: archivePath, layer: layer,
                                            detail: "the inflated member is shorter than its header says")
        }
        return try body(bytes)
    }

    private func fail(_ detail: String) -> LayerIOError {
        .unreadableZip(path: archivePath, layer: layer, detail: detail)
    }

    /// Inflates the member into an unlinked temporary file and maps it.
    private func inflate() throws -> MappedFile {
        if let why = inflation.problem(uncompressed: member.uncompressedSize, compressed: member.compressedSize) {
            throw fail(why)
        }
        let directory = FileManager.default.temporaryDirectory.path
        let tempPath = directory + "/layermap-\(UUID().uuidString).npy"
        let fd = open(tempPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw fail("cannot create a temporary file to inflate into: \(MappedFile.errnoText())")
        }
        unlink(tempPath)
        defer { close(fd) }

        let expected = member.uncompressedSize
        var written = 0
        let checksum: CRC32
        do {
            let archive = try Archive(url: URL(fileURLWithPath: archivePath), accessMode: .read)
            checksum = try archive.extract(entry, bufferSize: NpzFile.chunkSize, skipCRC32: false) { chunk in
                guard chunk.count <= expected - written else {
                    throw self.fail("the member inflates to more than its declared \(expected) bytes")
                }
                try chunk.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        guard let base = raw.baseAddress else { return }
                        let n = write(fd, base + done, raw.count - done)
                        if n < 0 {
                            if errno == EINTR { continue }
                            throw self.fail("cannot write the inflated member: \(MappedFile.errnoText())")
                        }
                        done += n
                    }
                }
                written += chunk.count
            }
        } catch let error as LayerIOError {
            throw error
        } catch {
            throw fail("cannot inflate the member: \(error)")
        }
        guard written == expected else {
            throw fail("the member inflates to \(written) bytes but declares \(expected)")
        }
        guard checksum == member.crc32 else {
            throw fail("CRC-32 mismatch: the member is corrupt")
        }
        return try MappedFile(descriptor: fd, path: archivePath)
    }
}
