import Foundation
import ZIPFoundation

/// Opening a .npz archive (`np.savez` / `np.savez_compressed`): one layer per `.npy` member.
///
/// A .npz is a zip archive whose members are complete .npy files. Layer name = member name without
/// `.npy`; layer order = central-directory order (the order `np.savez` was given the arrays);
/// members not ending in `.npy`, and directory entries, are ignored.
///
/// - Stored members (`np.savez`, the common case) are not copied: after `ZipDirectory` has located
///   their data, the layer is a slice of the mapped archive, exactly like a .npy file, whose CRC-32
///   is checked before its first read (see `StoredMember`).
/// - Deflated members (`np.savez_compressed`) cannot be mapped. At open, ZIPFoundation inflates just
///   enough of each member to parse its header (the first 16 KiB chunk, usually), then stops. The
///   whole member is inflated on the first read of the layer's data (see `DeflatedMember`).
enum NpzFile {
    /// Inflated bytes are delivered in chunks of this size.
    static let chunkSize = 16 * 1024

    /// Opens every `.npy` member of the archive at `path` as a layer of `modelName`.
    static func openLayers(path: String, modelName: String, reduce: ReducePolicy,
                           inflation: InflationLimit = InflationLimit()) throws(LayerIOError) -> [Layer] {
        let file = try MappedFile(path: path)
        let directory = try ZipDirectory(bytes: file.bytes, path: path)
        let members = directory.members.filter { !$0.isDirectory && $0.name.hasSuffix(".npy") }
        // ZIPFoundation is only needed (and the archive only opened by it) for deflated members.
        let zipFoundation = members.contains { $0.method != ZipDirectory.methodStored }
            ? try zipFoundationEntries(path: path, expected: directory.members) : nil

        var layers: [Layer] = []
        var names = Set<String>()
        for member in members {
            let name = String(member.name.dropLast(4))
            // Two members of one name would become two layers that `pair` cannot tell apart.
            guard names.insert(name).inserted else {
                throw .unreadableZip(path: path, layer: name, detail: "the archive holds more than one member named \"\(member.name)\"")
            }
            if member.method == ZipDirectory.methodStored {
                layers.append(try openStored(member, name: name, file: file, modelName: modelName, reduce: reduce))
            } else {
                guard let zipFoundation, let entry = zipFoundation.entries[member.dataOffset] else {
                    throw .unreadableZip(path: path, layer: name, detail: "ZIPFoundation does not list this member")
                }
                layers.append(try openDeflated(member, entry: entry, archive: zipFoundation.archive, name: name,
                                               path: path, modelName: modelName, reduce: reduce, inflation: inflation))
            }
        }
        return layers
    }

    /// A stored member: parse the header in place and map the data.
    private static func openStored(_ member: ZipDirectory.Member, name: String, file: MappedFile,
                                   modelName: String, reduce: ReducePolicy) throws(LayerIOError) -> Layer {
        guard let bytes = file.slice(offset: member.dataOffset, count: member.uncompressedSize) else {
            throw .offsetsOutOfRange(path: file.path, layer: name, detail: "the member lies outside the archive")
        }
        let parsed = try NpyHeader.parse(bytes, path: file.path, layer: name)
        let byteCount = try parsed.tensor.validatedByteCount(available: member.uncompressedSize - parsed.dataOffset,
                                                             path: file.path, layer: name)
        guard let slice = MappedSlice(file: file, offset: member.dataOffset + parsed.dataOffset, count: byteCount) else {
            throw .offsetsOutOfRange(path: file.path, layer: name, detail: "the member's data lies outside the archive")
        }
        return try Layer(modelName: modelName, name: name, path: file.path, header: parsed.tensor,
                         reduce: reduce, data: StoredMember(slice: slice, member: member, layer: name))
    }

    /// A deflated member: inflate only the header now, the rest on first read.
    private static func openDeflated(_ member: ZipDirectory.Member, entry: Entry, archive: Archive, name: String,
                                     path: String, modelName: String, reduce: ReducePolicy,
                                     inflation: InflationLimit) throws(LayerIOError) -> Layer {
        let head = try readHead(of: entry, in: archive, path: path, layer: name)
        let parsed = try rethrowingLayerIOErrors(path: path) {
            try head.withUnsafeBytes { try NpyHeader.parse($0, path: path, layer: name) }
        }
        guard parsed.dataOffset <= member.uncompressedSize else {
            throw .truncatedHeader(path: path, layer: name,
                                   detail: "the header needs \(parsed.dataOffset) bytes but the member holds \(member.uncompressedSize)")
        }
        let byteCount = try parsed.tensor.validatedByteCount(available: member.uncompressedSize - parsed.dataOffset,
                                                             path: path, layer: name)
        let data = DeflatedMember(archivePath: path, layer: name, entry: entry, member: member,
                                  dataOffset: parsed.dataOffset, dataByteCount: byteCount, inflation: inflation)
        return try Layer(modelName: modelName, name: name, path: path, header: parsed.tensor,
                         reduce: reduce, data: data)
    }

    /// Thrown from an extraction consumer to stop inflating once enough bytes have arrived.
    private struct StopExtraction: Error {}

    /// The first bytes of a deflated member: at least the complete .npy header, unless the member
    /// is shorter (then `NpyHeader.parse` reports the truncation).
    private static func readHead(of entry: Entry, in archive: Archive, path: String,
                                 layer: String) throws(LayerIOError) -> [UInt8] {
        var head: [UInt8] = []
        do {
            _ = try archive.extract(entry, bufferSize: chunkSize, skipCRC32: true) { chunk in
                head.append(contentsOf: chunk)
                let needed = try head.withUnsafeBytes {
                    try NpyHeader.requiredPrefixLength($0, path: path, layer: layer)
                }
                if head.count >= needed { throw StopExtraction() }
            }
        } catch is StopExtraction {
            // Enough of the member has been inflated.
        } catch let error as LayerIOError {
            throw error
        } catch {
            throw .unreadableZip(path: path, layer: layer, detail: "cannot inflate the member: \(error)")
        }
        return head
    }

    /// ZIPFoundation's view of the archive: the open archive and its entries keyed by each member's
    /// data offset, for pairing with `ZipDirectory`. Also checks that both parsers agree on the
    /// member list. Only called after `ZipDirectory` has validated every offset (see there why).
    private static func zipFoundationEntries(path: String, expected: [ZipDirectory.Member])
        throws(LayerIOError) -> (archive: Archive, entries: [Int: Entry]) {
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw .unreadableZip(path: path, layer: nil, detail: "ZIPFoundation cannot open it: \(error)")
        }
        let entries = Array(archive)
        guard entries.count == expected.count else {
            throw .unreadableZip(path: path, layer: nil,
                                 detail: "the central directory lists \(expected.count) members but only \(entries.count) can be read")
        }
        var byOffset: [Int: Entry] = [:]
        for (entry, member) in zip(entries, expected) {
            guard entry.compressedSize == UInt64(member.compressedSize),
                  entry.uncompressedSize == UInt64(member.uncompressedSize) else {
                throw .unreadableZip(path: path, layer: nil,
                                     detail: "member \"\(member.name)\" has inconsistent sizes in its local and central headers")
            }
            // ZIPFoundation reads a member its attributes call a symbolic link in one piece of
            // the size it claims (a hostile 4 GB claim became a 4 GB allocation): only files.
            guard entry.type == .file else {
                throw .unreadableZip(path: path, layer: nil,
                                     detail: "member \"\(member.name)\" is marked as a \(entry.type == .symlink ? "symbolic link" : "directory"), not a file")
            }
            byOffset[member.dataOffset] = entry
        }
        return (archive, byOffset)
    }
}
