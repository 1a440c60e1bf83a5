import Foundation

/// The zip container `torch.save` writes (torch ≥ 1.6, `_use_new_zipfile_serialization=True`,
/// the default), located and checked before its pickle is read.
///
/// Layout (torch/serialization.py `_save`, written by caffe2's `PyTorchStreamWriter`):
///
///     PREFIX/data.pkl     the pickled object (protocol 2), storages as persistent ids
///     PREFIX/data/KEY     the raw bytes of storage KEY ("0", "1", …), 64-byte aligned
///     PREFIX/byteorder    "little" or "big" (torch ≥ 2.1; absent means little-endian)
///     PREFIX/version, PREFIX/.data/…, PREFIX/.format_version   (not needed here)
///
/// PREFIX is `archive` in recent torch and the file's base name in older ones, so it is taken
/// from the one member named `*/data.pkl`. Members are stored, never compressed: a compressed
/// storage or pickle is refused, as torch itself cannot map it either. The pickle is capped at
/// `maxPickleLength` and its CRC-32 checked before it is parsed; each storage's CRC is checked
/// on the first read of a layer that uses it (`StoredMember`).
struct TorchArchive {
    /// Largest `data.pkl` accepted. A state dict of tens of thousands of tensors pickles to a few MB.
    static let maxPickleLength = 64 << 20

    /// The first bytes of a legacy (pre-1.6 style) `torch.save` file: pickle protocol 2, then
    /// the magic number 0x1950a86a20f9469cfc6c as a LONG1 (torch/serialization.py `MAGIC_NUMBER`).
    static let legacyMagic: [UInt8] = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]

    let file: MappedFile
    /// The folder every member sits in (`archive`, or the name the file was saved under).
    let prefix: String
    /// `PREFIX/data.pkl`.
    let pickle: ZipDirectory.Member
    /// `PREFIX/data/KEY` by KEY.
    let storages: [String: ZipDirectory.Member]
    /// From `PREFIX/byteorder`.
    let isBigEndian: Bool

    /// Maps the file at `path` and finds its members.
    ///
    /// - Throws: `badMagic` for a legacy torch file or another plain pickle; `unreadableZip` for
    ///   a damaged archive, a missing or duplicated `data.pkl`, compressed members or an unknown
    ///   byte order; `headerTooLarge` for a pickle past the cap.
    init(path: String) throws(LayerIOError) {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        if bytes.first == 0x80 {
            if bytes.count >= Self.legacyMagic.count, Array(bytes[0..<Self.legacyMagic.count]) == Self.legacyMagic {
                throw .badMagic(path: path, layer: nil,
                                detail: "legacy torch.save format (not a zip archive); re-save with torch>=1.6's default, torch.save(obj, path)")
            }
            throw .badMagic(path: path, layer: nil,
                            detail: "a plain Python pickle, not a torch.save zip archive; save the tensors with torch.save (torch>=1.6)")
        }
        let directory = try ZipDirectory(bytes: bytes, path: path)
        let pickles = directory.members.filter { member in
            let parts = member.name.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[1] == "data.pkl" && !parts[0].isEmpty
        }
        guard let pickle = pickles.first else {
            throw .unreadableZip(path: path, layer: nil,
                                 detail: "the zip archive has no FOLDER/data.pkl member, so torch.save did not write it")
        }
        guard pickles.count == 1 else {
            throw .unreadableZip(path: path, layer: nil,
                                 detail: "the archive holds \(pickles.count) data.pkl members (\(pickles.map(\.name).joined(separator: ", ")))")
        }
        let prefix = String(pickle.name.dropLast("/data.pkl".count))
        let dataFolder = prefix + "/data/"
        var storages: [String: ZipDirectory.Member] = [:]
        var byteorder: ZipDirectory.Member?
        for member in directory.members {
            if member.name.hasPrefix(dataFolder), !member.isDirectory {
                let key = String(member.name.dropFirst(dataFolder.count))
                guard storages.updateValue(member, forKey: key) == nil else {
                    throw .unreadableZip(path: path, layer: nil, detail: "the archive holds member \"\(member.name)\" twice")
                }
            } else if member.name == prefix + "/byteorder" {
                byteorder = member
            }
        }
        for member in [pickle] + Array(storages.values) + (byteorder.map { [$0] } ?? [])
        where member.method != ZipDirectory.methodStored {
            throw .unreadableZip(path: path, layer: nil,
                                 detail: "member \"\(member.name)\" is compressed; torch.save stores every member uncompressed")
        }
        guard pickle.uncompressedSize <= Self.maxPickleLength else {
            throw .headerTooLarge(path: path, layer: nil,
                                  detail: "\(pickle.name) holds \(pickle.uncompressedSize) bytes; at most \(Self.maxPickleLength) are read")
        }
        var bigEndian = false
        if let byteorder {
            let text = try Self.checkedBytes(of: byteorder, in: file)
            switch String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) {
            case "little": bigEndian = false
            case "big": bigEndian = true
            case let other:
                throw .unreadableZip(path: path, layer: nil,
                                     detail: "\(byteorder.name) says \"\(other.prefix(40))\"; \"little\" or \"big\" expected")
            }
        }
        self.file = file
        self.prefix = prefix
        self.pickle = pickle
        self.storages = storages
        self.isBigEndian = bigEndian
    }

    /// The bytes of `data.pkl`, checked against its CRC-32.
    func pickleBytes() throws(LayerIOError) -> UnsafeRawBufferPointer {
        try Self.checkedBytes(of: pickle, in: file)
    }

    /// A small stored member's bytes, after its CRC-32 matched.
    private static func checkedBytes(of member: ZipDirectory.Member, in file: MappedFile) throws(LayerIOError) -> UnsafeRawBufferPointer {
        guard let bytes = file.slice(offset: member.dataOffset, count: member.uncompressedSize) else {
            throw .offsetsOutOfRange(path: file.path, layer: nil, detail: "member \"\(member.name)\" lies outside the archive")
        }
        let crc = CRC32Checksum.of(bytes)
        guard crc == member.crc32 else {
            throw .unreadableZip(path: file.path, layer: nil,
                                 detail: "member \"\(member.name)\": " + String(format: "CRC-32 mismatch, the member is corrupt (stored %08x, computed %08x)",
                                                                                     member.crc32, crc))
        }
        return bytes
    }
}
