import Foundation

/// The data of a stored (uncompressed) .npz member, a slice of the mapped archive whose
/// CRC-32 is verified on first use.
///
/// `np.savez` stores members uncompressed; their bytes are used in place (no copy), and before
/// the first read the whole member — header and data, exactly what the zip directory's CRC
/// covers — is checksummed once, as Python's `ZipFile.testzip` does. A flipped data byte is
/// then an `unreadableZip` error naming the layer instead of being read as data.
///
/// `@unchecked Sendable`: `verdict` is only touched under `lock`.
final class StoredMember: LayerData, @unchecked Sendable {
    let slice: MappedSlice
    let member: ZipDirectory.Member
    let layer: String
    private let lock = NSLock()
    /// nil until checked; then nil error (good) or the failure, kept for every later read.
    private var verdict: LayerIOError??

    init(slice: MappedSlice, member: ZipDirectory.Member, layer: String) {
        self.slice = slice
        self.member = member
        self.layer = layer
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        if let failure = lock.withLock({ () -> LayerIOError? in
            if let verdict { return verdict }
            let v = check()
            verdict = .some(v)
            return v
        }) { throw failure }
        return try slice.withBytes(body)
    }

    func release(_ range: Range<Int>) { slice.release(range) }

    /// One pass over the member's bytes in the mapping (then dropped from memory again).
    private func check() -> LayerIOError? {
        guard let bytes = slice.file.slice(offset: member.dataOffset, count: member.uncompressedSize) else {
            return .offsetsOutOfRange(path: slice.file.path, layer: layer, detail: "the member lies outside the archive")
        }
        // In steps of 64 MiB, releasing each step, so a large member does not stay resident.
        let step = 64 << 20
        var crc: UInt32 = 0
        var at = 0
        while at < bytes.count {
            let n = min(step, bytes.count - at)
            crc = CRC32Checksum.of(UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)]), continuing: crc)
            slice.file.release(offset: member.dataOffset + at, count: n)
            at += n
        }
        if slice.file.wasTruncated {
            return .sizeMismatch(path: slice.file.path, layer: layer, detail: "the file was truncated while it was being read")
        }
        guard crc == member.crc32 else {
            return .unreadableZip(path: slice.file.path, layer: layer,
                                  detail: String(format: "CRC-32 mismatch: the member is corrupt (stored %08x, computed %08x)", member.crc32, crc))
        }
        return nil
    }
}
