import Foundation
import Testing
@testable import LayerIO
import Similarity

/// Hostile .pt files (Fixtures/torch/hostile, derived from torch-written files by
/// make_torch_fixtures.py, plus byte-level variants made here from a torch-written file): each
/// is one `LayerIOError` naming the file (and the layer when there is one) and the problem;
/// none traps, hangs or allocates what the file claims.
@Suite("torch .pt hostile files")
struct TorchHostileFileTests {
    /// Files refused when the model is opened: (file, error case, words the message must hold).
    static let refusedAtOpen: [(String, String, String)] = [
        ("truncated.pt", "unreadableZip", "truncated"),
        ("legacy.pt", "badMagic", "legacy torch.save format (not a zip archive); re-save with torch>=1.6's default"),
        ("plain_pickle.pt", "badMagic", "a plain Python pickle"),
        ("compressed.pt", "unreadableZip", "is compressed"),
        ("pickle_crc.pt", "unreadableZip", "data.pkl\": CRC-32 mismatch"),
        ("storage_missing.pt", "unreadableZip", "storage \"0\" is missing: the archive has no member small/data/0"),
        ("storage_key_unknown.pt", "unreadableZip", "storage \"9\" is missing"),
        ("os_system.pt", "malformedHeader", "the global os.system is refused"),
        ("torchscript_class.pt", "malformedHeader", "the global __torch__.MyModule is refused"),
        ("build.pt", "malformedHeader", "opcode BUILD (0x62) on a dict is refused"),
        ("build_list_state.pt", "malformedHeader", "BUILD gives an OrderedDict a list"),
        ("newobj.pt", "malformedHeader", "opcode NEWOBJ (0x81) is refused"),
        ("unknown_opcode.pt", "malformedHeader", "opcode 0xff (not an opcode of any pickle protocol) is refused"),
        ("reduce_storage.pt", "malformedHeader", "REDUCE calls torch.FloatStorage"),
        ("memo_missing.pt", "malformedHeader", "a memo reference to 4294967295, which was never stored"),
        ("memo_cycle.pt", "malformedHeader", "fetches a list a second time"),
        ("memo_shared_dict.pt", "malformedHeader", "fetches a dict a second time"),
        ("memo_shared_tuple.pt", "malformedHeader", "also appears elsewhere"),
        ("deep_nesting.pt", "malformedHeader", "nest deeper than 64 levels"),
        ("huge_string.pt", "malformedHeader", "a string of 4294967280 bytes runs past the end"),
        ("no_mark.pt", "malformedHeader", "needs a MARK"),
        ("no_stop.pt", "malformedHeader", "ends before its STOP opcode"),
        ("stop_two_values.pt", "malformedHeader", "STOP leaves 2 values"),
        ("tuple_key.pt", "malformedHeader", "a dict key is a tuple"),
        ("metadata.pt", "malformedHeader", "tensor metadata"),
        ("numel_negative.pt", "malformedHeader", "negative size -6"),
        ("numel_too_large.pt", "sizeMismatch", "storage \"0\" claims 7 float32 elements but its member holds 24 bytes"),
        ("storage_type_mismatch.pt", "sizeMismatch", "claims 6 float64 elements but its member holds 24 bytes"),
        ("size_negative.pt", "malformedHeader", "negative size -1"),
        ("size_overflow.pt", "sizeMismatch", "overflows the address space"),
        ("size_bigint.pt", "malformedHeader", "an integer of 9 bytes does not fit 64 bits"),
        ("expanded_huge.pt", "sizeMismatch", "its 1099511627776 elements are more than the 6 its storage holds (an expanded view)"),
        ("stride_negative.pt", "malformedHeader", "negative stride -2"),
        ("stride_rank.pt", "malformedHeader", "a size of 2 axes but a stride of 1"),
        ("stride_out_of_bounds.pt", "offsetsOutOfRange", "(offset 0, size 3×2, stride 3×1) reaches past the end of storage \"0\", which holds 6 elements"),
        ("stride_overflow.pt", "offsetsOutOfRange", "reaches past the end of storage"),
        ("offset_out_of_bounds.pt", "offsetsOutOfRange", "(offset 1, size 3×2, stride 2×1) reaches past the end"),
        ("int_tensor.pt", "unsupportedDType", "storage type torch.LongStorage (int64) is not supported"),
        ("bool_tensor.pt", "unsupportedDType", "storage type torch.BoolStorage (bool) is not supported"),
        ("storage_type_long.pt", "unsupportedDType", "torch.LongStorage (int64)"),
        ("bare_tensor.pt", "malformedHeader", "one bare tensor"),
        ("not_a_tensor.pt", "malformedHeader", "the entry is an int, not a tensor"),
        ("duplicate_name.pt", "malformedHeader", "both named \"a.b\""),
        ("empty_key.pt", "malformedHeader", "an empty dict key"),
    ]

    /// The layer each refusal names, when it concerns one.
    static let layerNamed: [String: String] = [
        "storage_missing.pt": "x", "numel_too_large.pt": "x", "stride_out_of_bounds.pt": "x",
        "int_tensor.pt": "labels", "bool_tensor.pt": "mask", "not_a_tensor.pt": "epoch", "duplicate_name.pt": "a.b",
    ]

    static func hostile(_ name: String) -> String { Fixtures.path("torch/hostile/" + name) }

    static func open(_ path: String) throws -> Model {
        try Model.open(ModelLocation(name: "m", path: path, format: .torch), reduce: .flatten)
    }

    @Test("each hostile file is one clear error naming the file, the layer and the problem",
          arguments: refusedAtOpen.map(\.0))
    func refused(_ file: String) throws {
        let (_, kind, words) = try #require(Self.refusedAtOpen.first { $0.0 == file })
        let path = Self.hostile(file)
        expectLayerIOError(kind, naming: path) { _ = try Self.open(path) }
        do {
            _ = try Self.open(path)
        } catch let error as LayerIOError {
            #expect(error.description.contains(words), "\(error)")
            if let layer = Self.layerNamed[file] { #expect(error.layer == layer, "\(error)") }
        }
    }

    @Test("every hostile fixture is covered by a case")
    func everyFixtureIsTested() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("torch/hostile"))
        let covered = Set(Self.refusedAtOpen.map(\.0) + ["storage_crc.pt", "repickled_ok.pt"])
        #expect(Set(files) == covered)
    }

    @Test("a flipped byte in a storage opens, then fails its CRC-32 on the first read, naming the layer")
    func storageCRC() throws {
        let path = Self.hostile("storage_crc.pt")
        let model = try Self.open(path)
        expectLayerIOError("unreadableZip", naming: path) { _ = try model.layers[0].readAll() }
        do { _ = try model.layers[0].readAll() } catch let error as LayerIOError {
            #expect(error.layer == "x" && error.detail.contains("CRC-32 mismatch"))
        }
    }

    @Test("a corrupt storage shared by four views fails each view's first read, naming that view")
    func sharedStorageCRC() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("torch/shared.pt"))))
        let member = try bytes.withUnsafeBytes { raw in
            try #require(try ZipDirectory(bytes: raw, path: "shared.pt").members.first { $0.name == "shared/data/0" })
        }
        bytes[member.dataOffset + member.uncompressedSize - 2] ^= 0x10  // in the last element
        try withTemporaryDirectory { dir in
            let path = try dir.write("shared.pt", bytes)
            let model = try Self.open(path)
            #expect(model.layers.map(\.name) == ["a", "b", "top", "bottom"])
            for layer in model.layers {
                do {
                    _ = try layer.readAll()
                    Issue.record("layer \(layer.name) read a corrupt storage")
                } catch let error as LayerIOError {
                    #expect(error.layer == layer.name && error.detail.contains("CRC-32 mismatch"), "\(error)")
                }
            }
        }
    }

    /// The bytes of the torch-written one-tensor file (`{"x": grid(3, 2)}`).
    static func smallFile() throws -> [UInt8] {
        try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("torch/small.pt"))))
    }

    /// The torch-written data.pkl of that file (torch's local headers defer sizes to a data
    /// descriptor, so it is found through the central directory).
    static func smallPickle() throws -> [UInt8] {
        let bytes = try smallFile()
        return try bytes.withUnsafeBytes { raw in
            let directory = try ZipDirectory(bytes: raw, path: "small.pt")
            let member = try #require(directory.members.first { $0.name == "small/data.pkl" })
            return Array(raw[member.dataOffset..<(member.dataOffset + member.uncompressedSize)])
        }
    }

    @Test("every prefix of a torch-written file is refused cleanly (truncation at any byte)")
    func everyTruncation() throws {
        let bytes = try Self.smallFile()
        try withTemporaryDirectory { dir in
            for length in 0..<bytes.count {
                let path = try dir.write("cut.pt", Array(bytes[0..<length]))
                #expect(throws: LayerIOError.self, "length \(length)") { _ = try Self.open(path) }
            }
        }
    }

    @Test("every single-byte change of the pickle is refused or read within bounds, never a trap")
    func everyPickleByteFlip() throws {
        let pickle = try Self.smallPickle()
        #expect(pickle.count > 100)
        try withTemporaryDirectory { dir in
            for offset in pickle.indices {
                for flip: UInt8 in [0x01, 0x80, 0xFF] {
                    var changed = pickle
                    changed[offset] ^= flip
                    // Rebuilt with a matching CRC, so the unpickler (not the CRC) sees the change.
                    let path = try dir.write("flip.pt", storedZip([("small/data.pkl", changed),
                                                                    ("small/data/0", float32Bytes(grid(3, 2).storage))]))
                    if let model = try? Self.open(path) {
                        for layer in model.layers { _ = try? layer.readAll() }
                    }
                }
            }
        }
    }

    @Test("a pickle that only pushes values stops at the stack cap instead of growing without bound")
    func stackCap() throws {
        var pickle: [UInt8] = [0x80, 0x02]
        pickle += [UInt8](repeating: UInt8(ascii: "N"), count: TorchUnpickler.maxStackDepth + 1)
        pickle.append(UInt8(ascii: "."))
        try withTemporaryDirectory { dir in
            let path = try dir.write("flood.pt", storedZip([("a/data.pkl", pickle)]))
            expectLayerIOError("malformedHeader", naming: path) { _ = try Self.open(path) }
            do { _ = try Self.open(path) } catch { #expect("\(error)".contains("stack grows past 1000000 values")) }
        }
    }

    @Test("a pickle of distinct memo stores stops at the memo cap (here lowered to 1000); storing one index again is no new entry")
    func memoCap() throws {
        // PROTO 2, NONE, LONG_BINPUT 0, 1, 2, …, then STOP.
        func pickle(_ indices: [Int]) -> [UInt8] {
            [0x80, 0x02, UInt8(ascii: "N")] + indices.flatMap { [UInt8(ascii: "r")] + le(UInt32($0)) } + [UInt8(ascii: ".")]
        }
        func load(_ bytes: [UInt8]) throws -> TorchPickleValue {
            try bytes.withUnsafeBytes { try TorchUnpickler.load($0, path: "memo.pt", member: "a/data.pkl", memoLimit: 1000) }
        }
        let over = pickle(Array(0...1000))
        expectLayerIOError("malformedHeader", naming: "memo.pt") { _ = try load(over) }
        do { _ = try load(over) } catch {
            #expect("\(error)".contains("a/data.pkl, byte \(3 + 5 * 1000): the pickle stores more than 1000 memo entries"), "\(error)")
        }
        guard case .none = try load(pickle(Array(0..<1000) + Array(0..<1000))) else {
            Issue.record("1000 entries stored twice should load")
            return
        }
        #expect(TorchUnpickler.maxMemoEntries == 4_000_000)
    }

    @Test("a zip without data.pkl, or with two, is not a torch.save archive")
    func missingOrDoubledPickle() throws {
        try withTemporaryDirectory { dir in
            let none = try dir.write("none.pt", storedZip([("a/data/0", [0, 0, 0, 0])]))
            expectLayerIOError("unreadableZip", naming: none) { _ = try Self.open(none) }
            let two = try dir.write("two.pt", storedZip([("a/data.pkl", [0x80, 0x02, 0x7D, 0x2E]), ("b/data.pkl", [0x80, 0x02, 0x7D, 0x2E])]))
            expectLayerIOError("unreadableZip", naming: two) { _ = try Self.open(two) }
            // An empty dict is a model without layers: the catalog refuses it.
            let empty = try dir.write("empty.pt", storedZip([("a/data.pkl", [0x80, 0x02, 0x7D, 0x2E])]))
            #expect(try Self.open(empty).layers.isEmpty)
            expectLayerIOError("emptyModel", naming: empty) { _ = try Catalog.open([empty]) }
        }
    }

    @Test("byteorder \"big\" reads the storage big-endian; an unknown byte order is refused")
    func byteOrder() throws {
        let pickle = try Self.smallPickle()
        let values = grid(3, 2).storage
        let bigEndian = values.flatMap { v in (0..<4).reversed().map { UInt8((v.bitPattern >> (8 * $0)) & 0xFF) } }
        try withTemporaryDirectory { dir in
            let big = try dir.write("big.pt", storedZip([("small/data.pkl", pickle), ("small/byteorder", Array("big".utf8)),
                                                         ("small/data/0", bigEndian)]))
            let layer = try Self.open(big).layers[0]
            #expect(layer.elementType.isBigEndian)
            #expect(try layer.readAll().storage == values)
            let odd = try dir.write("odd.pt", storedZip([("small/data.pkl", pickle), ("small/byteorder", Array("middle".utf8)),
                                                         ("small/data/0", float32Bytes(values))]))
            expectLayerIOError("unreadableZip", naming: odd) { _ = try Self.open(odd) }
        }
    }
}
