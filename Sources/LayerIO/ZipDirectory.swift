import Foundation

/// A bounds-checked walk over a zip archive's central directory, done before ZIPFoundation sees it.
///
/// Why not leave it all to ZIPFoundation: its public API does not expose where a member's data
/// starts (needed to map stored `np.savez` members instead of copying them), and on crafted input
/// some of its offset conversions (`off_t(UInt64)`) and cursor additions trap instead of throwing.
/// This pass checks every offset and size the archive declares against the file size, with checked
/// arithmetic, so an archive that passes it is safe to hand to ZIPFoundation, and stored members
/// can be read in place from the mapping.
///
/// Follows PKWARE's APPNOTE.TXT: end-of-central-directory record (EOCD), optional ZIP64 EOCD
/// locator and record, central directory file headers with ZIP64 extended-information extra
/// fields (id 0x0001), and local file headers. Multi-disk and encrypted archives are rejected.
struct ZipDirectory {
    /// One archive member, in central-directory order.
    struct Member: Equatable {
        /// The stored name (UTF-8, or latin-1 when the bytes are not valid UTF-8).
        var name: String
        /// 0 = stored, 8 = deflated.
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        /// Offset of the member's (compressed) data in the archive file.
        var dataOffset: Int
        /// True when the name ends in "/" (a directory entry).
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    static let methodStored: UInt16 = 0
    static let methodDeflated: UInt16 = 8

    let members: [Member]

    /// Parses the directory of the archive in `bytes` (the whole file). Throws `unreadableZip`.
    init(bytes: UnsafeRawBufferPointer, path: String) throws(LayerIOError) {
        var reader = ZipReader(bytes: bytes, path: path)
        members = try reader.readDirectory()
    }
}

/// Little-endian field access with bounds checks; every failure is an `unreadableZip` error.
private struct ZipReader {
    let bytes: UnsafeRawBufferPointer
    let path: String

    func fail(_ detail: String) -> LayerIOError {
        .unreadableZip(path: path, layer: nil, detail: detail)
    }

    func u16(_ offset: Int) throws(LayerIOError) -> UInt16 { UInt16(try uint(offset, 2)) }
    func u32(_ offset: Int) throws(LayerIOError) -> UInt32 { UInt32(try uint(offset, 4)) }
    func u64(_ offset: Int) throws(LayerIOError) -> UInt64 { try uint(offset, 8) }

    private func uint(_ offset: Int, _ width: Int) throws(LayerIOError) -> UInt64 {
        guard offset >= 0, width <= bytes.count, offset <= bytes.count - width else {
            throw fail("a zip structure at offset \(offset) runs past the end of the file (truncated or corrupt)")
        }
        var value: UInt64 = 0
        for i in (0..<width).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }

    /// `a + b`, failing on overflow.
    func add(_ a: Int, _ b: Int) throws(LayerIOError) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        guard !overflow else { throw fail("offsets overflow") }
        return sum
    }

    /// A declared 64-bit size or offset as `Int`, failing when it exceeds the file.
    func offset(_ value: UInt64, _ what: String) throws(LayerIOError) -> Int {
        guard let v = Int(exactly: value), v <= bytes.count else {
            throw fail("\(what) \(value) lies beyond the end of the \(bytes.count)-byte file")
        }
        return v
    }

    mutating func readDirectory() throws(LayerIOError) -> [ZipDirectory.Member] {
        let eocd = try findEndOfCentralDirectory()
        guard try u16(eocd + 4) == 0, try u16(eocd + 6) == 0 else {
            throw fail("multi-disk (split) archives are not supported")
        }
        var entryCount = UInt64(try u16(eocd + 10))
        var directorySize = UInt64(try u32(eocd + 12))
        var directoryOffset = UInt64(try u32(eocd + 16))
        var directoryLimit = eocd  // the central directory must end before this

        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a 20-byte locator sits right before the EOCD and points at the ZIP64 record.
            let locator = eocd - 20
            guard locator >= 0, try u32(locator) == 0x0706_4b50 else {
                throw fail("the archive needs a ZIP64 end-of-central-directory locator but has none")
            }
            let record = try offset(try u64(locator + 8), "the ZIP64 end-of-central-directory offset")
            guard record <= locator - 56, try u32(record) == 0x0606_4b50 else {
                throw fail("the ZIP64 end-of-central-directory record is missing or misplaced")
            }
            entryCount = try u64(record + 32)
            directorySize = try u64(record + 40)
            directoryOffset = try u64(record + 48)
            directoryLimit = record
        }
        let start = try offset(directoryOffset, "the central directory offset")
        let size = try offset(directorySize, "the central directory size")
        let end = try add(start, size)
        guard end <= directoryLimit else {
            throw fail("the central directory (\(size) bytes at \(start)) overlaps its end record")
        }
        // Each entry takes at least 46 bytes, which bounds a hostile count before we allocate.
        guard entryCount <= UInt64(size / 46) else {
            throw fail("the archive claims \(entryCount) members but its directory has room for \(size / 46)")
        }
        var members: [ZipDirectory.Member] = []
        var cursor = start
        for index in 0..<Int(entryCount) {
            let (member, next) = try readEntry(at: cursor, limit: end, directoryStart: start, index: index)
            members.append(member)
            cursor = next
        }
        return members
    }

    /// The offset of the EOCD record: the last "PK\5\6" within 22 + 65535 bytes of the end whose
    /// comment fits in the file.
    func findEndOfCentralDirectory() throws(LayerIOError) -> Int {
        guard bytes.count >= 22 else {
            throw fail("the file is \(bytes.count) bytes long, too short to be a zip archive")
        }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var candidate = bytes.count - 22
        while candidate >= lowest {
            if bytes[candidate] == 0x50, bytes[candidate + 1] == 0x4B,
               bytes[candidate + 2] == 0x05, bytes[candidate + 3] == 0x06,
               candidate + 22 + Int(try u16(candidate + 20)) <= bytes.count {
                return candidate
            }
            candidate -= 1
        }
        throw fail("no end-of-central-directory record: not a zip archive, or truncated")
    }

    /// Reads the central directory header at `at`, resolves ZIP64 sizes, checks the local header
    /// and the data range. Returns the member and the offset of the next header.
    func readEntry(at: Int, limit: Int, directoryStart: Int, index: Int) throws(LayerIOError) -> (ZipDirectory.Member, Int) {
        guard try add(at, 46) <= limit, try u32(at) == 0x0201_4b50 else {
            throw fail("central directory entry \(index) is missing or corrupt")
        }
        let flags = try u16(at + 8)
        let method = try u16(at + 10)
        let crc = try u32(at + 16)
        var compressed = UInt64(try u32(at + 20))
        var uncompressed = UInt64(try u32(at + 24))
        let nameLength = Int(try u16(at + 28))
        let extraLength = Int(try u16(at + 30))
        let commentLength = Int(try u16(at + 32))
        var localHeader = UInt64(try u32(at + 42))
        let nameStart = at + 46
        let extraStart = nameStart + nameLength
        let next = extraStart + extraLength + commentLength  // ≤ at + 46 + 3·65535, no overflow
        guard next <= limit else { throw fail("central directory entry \(index) runs past the directory") }

        let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[nameStart..<extraStart])
        let name = String(validating: nameBytes, as: UTF8.self)
            ?? String(String.UnicodeScalarView(nameBytes.map { Unicode.Scalar($0) }))

        // ZIP64 extended information: present values replace the 0xFFFFFFFF placeholders, in order.
        var e = extraStart
        let extraEnd = extraStart + extraLength
        while e + 4 <= extraEnd {
            let id = try u16(e), length = Int(try u16(e + 2))
            let dataStart = e + 4
            guard dataStart + length <= extraEnd else { throw fail("member \"\(name)\" has a corrupt extra field") }
            if id == 0x0001 {
                var p = dataStart
                func take() throws(LayerIOError) -> UInt64 {
                    guard p + 8 <= dataStart + length else {
                        throw fail("member \"\(name)\" has a short ZIP64 extra field")
                    }
                    defer { p += 8 }
                    return try u64(p)
                }
                if uncompressed == 0xFFFF_FFFF { uncompressed = try take() }
                if compressed == 0xFFFF_FFFF { compressed = try take() }
                if localHeader == 0xFFFF_FFFF { localHeader = try take() }
            }
            e = dataStart + length
        }

        guard flags & 0x0001 == 0 else { throw fail("member \"\(name)\" is encrypted") }
        guard method == ZipDirectory.methodStored || method == ZipDirectory.methodDeflated else {
            throw fail("member \"\(name)\" uses compression method \(method); only stored (0) and deflated (8) are supported")
        }
        let compressedSize = try offset(compressed, "member \"\(name)\": compressed size")
        guard let uncompressedSize = Int(exactly: uncompressed) else {
            throw fail("member \"\(name)\" declares an impossible size \(uncompressed)")
        }
        if method == ZipDirectory.methodStored && compressedSize != uncompressedSize {
            throw fail("stored member \"\(name)\" declares \(compressedSize) stored bytes but \(uncompressedSize) uncompressed")
        }
        // The local header repeats the name and may carry a different extra field.
        let local = try offset(localHeader, "member \"\(name)\": local header offset")
        guard try add(local, 30) <= directoryStart, try u32(local) == 0x0403_4b50 else {
            throw fail("member \"\(name)\": no local file header at offset \(local)")
        }
        let dataOffset = try add(local + 30, Int(try u16(local + 26)) + Int(try u16(local + 28)))
        let dataEnd = try add(dataOffset, compressedSize)
        guard dataEnd <= directoryStart else {
            throw fail("member \"\(name)\": \(compressedSize) bytes of data at offset \(dataOffset) run into the central directory")
        }
        let member = ZipDirectory.Member(name: name, method: method, crc32: crc,
                                         compressedSize: compressedSize, uncompressedSize: uncompressedSize,
                                         dataOffset: dataOffset)
        return (member, next)
    }
}
