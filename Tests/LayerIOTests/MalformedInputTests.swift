import Foundation
import Testing
@testable import LayerIO

/// Hostile and broken files, generated in a temporary directory. Each must produce the right
/// `LayerIOError` case with a one-line description naming the file — and never trap.
@Suite("malformed input")
struct MalformedInputTests {
    static let goodHeader = "{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), }"
    static let goodData = float32Bytes((0..<12).map(Float.init))

    // MARK: .npy

    @Test func npyBadMagic() throws {
        try withTemporaryDirectory { dir in
            let path = try dir.write("magic.npy", Array("PK\u{3}\u{4} definitely not numpy, just text".utf8))
            expectLayerIOError("badMagic", naming: path) { _ = try openNpy(path) }
        }
    }

    @Test func npyTruncatedHeader() throws {
        try withTemporaryDirectory { dir in
            let whole = npyBytes(header: Self.goodHeader, data: Self.goodData)
            let cut = try dir.write("cut.npy", Array(whole.prefix(40)))
            expectLayerIOError("truncatedHeader", naming: cut) { _ = try openNpy(cut) }
            let tiny = try dir.write("tiny.npy", Array(whole.prefix(7)))
            expectLayerIOError("truncatedHeader", naming: tiny) { _ = try openNpy(tiny) }
            let empty = try dir.write("empty.npy", [])
            expectLayerIOError("truncatedHeader", naming: empty) { _ = try openNpy(empty) }
        }
    }

    @Test func npyHeaderTooLarge() throws {
        try withTemporaryDirectory { dir in
            // Version 2.0 with a declared header length of 2 MiB (the cap is 1 MiB).
            let bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [2, 0] + le(UInt32(2 << 20)) + Array("{}".utf8)
            let path = try dir.write("huge.npy", bytes)
            expectLayerIOError("headerTooLarge", naming: path) { _ = try openNpy(path) }
        }
    }

    @Test func npyMalformedHeader() throws {
        try withTemporaryDirectory { dir in
            let missing = try dir.write("missing.npy", npyBytes(header: "{'descr': '<f4', 'fortran_order': False}", data: []))
            expectLayerIOError("malformedHeader", naming: missing) { _ = try openNpy(missing) }
            let version = try dir.write("v4.npy", [0x93] + Array("NUMPY".utf8) + [4, 0] + le(UInt32(2)) + Array("{}".utf8))
            expectLayerIOError("malformedHeader", naming: version) { _ = try openNpy(version) }
            var v3 = npyBytes(header: Self.goodHeader, version: 3, data: Self.goodData)
            v3[14] = 0xFF  // inside the header text: not UTF-8
            let utf8 = try dir.write("utf8.npy", v3)
            expectLayerIOError("malformedHeader", naming: utf8) { _ = try openNpy(utf8) }
        }
    }

    @Test("shape disagreeing with the data size, short and long")
    func npySizeMismatch() throws {
        try withTemporaryDirectory { dir in
            let short = try dir.write("short.npy", npyBytes(header: Self.goodHeader, data: Array(Self.goodData.dropLast(4))))
            expectLayerIOError("sizeMismatch", naming: short) { _ = try openNpy(short) }
            do { _ = try openNpy(short) } catch {
                #expect("\(error)".contains("shape 4×3 needs 48 bytes but the data holds 44"), "\(error)")
            }
            let long = try dir.write("long.npy", npyBytes(header: Self.goodHeader, data: Self.goodData + [0, 0, 0, 0]))
            expectLayerIOError("sizeMismatch", naming: long) { _ = try openNpy(long) }
            let overflow = try dir.write("overflow.npy", npyBytes(
                header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4611686018427387904)}", data: []))
            expectLayerIOError("sizeMismatch", naming: overflow) { _ = try openNpy(overflow) }
        }
    }

    @Test("unsupported dtypes, including object arrays", arguments: ["|O", "<i4", "<c8", "|u1", "<U3"])
    func npyUnsupportedDType(_ descr: String) throws {
        try withTemporaryDirectory { dir in
            let header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (4, 3), }"
            // Object arrays hold a pickle stream; the reader must refuse before looking at it.
            let data: [UInt8] = descr == "|O" ? [0x80, 0x04, 0x95] + Array(repeating: 0x2E, count: 20) : Self.goodData
            let path = try dir.write("dtype.npy", npyBytes(header: header, data: data))
            expectLayerIOError("unsupportedDType", naming: path) { _ = try openNpy(path) }
        }
    }

    @Test func structuredDTypeIsUnsupported() throws {
        try withTemporaryDirectory { dir in
            let header = "{'descr': [('a', '<f4'), ('b', '<f4')], 'fortran_order': False, 'shape': (4,), }"
            let path = try dir.write("structured.npy", npyBytes(header: header, data: Array(Self.goodData.prefix(32))))
            expectLayerIOError("unsupportedDType", naming: path) { _ = try openNpy(path) }
        }
    }

    @Test("shapes that are not N×D", arguments: ["()", "(0, 3)", "(4, 0)", "(2, 3, 0, 5)"])
    func badLayerShapes(_ shape: String) throws {
        try withTemporaryDirectory { dir in
            let data = shape == "()" ? float32Bytes([1]) : []
            let path = try dir.write("shape.npy",
                                     npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }", data: data))
            expectLayerIOError("badLayerShape", naming: path) { _ = try openNpy(path) }
        }
    }

    @Test func notAFile() throws {
        try withTemporaryDirectory { dir in
            try FileManager.default.createDirectory(atPath: dir.path + "/dir.npy", withIntermediateDirectories: true)
            expectLayerIOError("unreadableFile", naming: "dir.npy") { _ = try openNpy(dir.path + "/dir.npy") }
            expectLayerIOError("unreadableFile", naming: "gone.npy") { _ = try openNpy(dir.path + "/gone.npy") }
        }
    }

    // MARK: .safetensors

    static func openSafetensors(_ path: String) throws -> [Layer] {
        try SafetensorsFile.openLayers(path: path, modelName: "m", reduce: .flatten)
    }

    @Test("offsets outside the data area or reversed")
    func safetensorsOffsets() throws {
        try withTemporaryDirectory { dir in
            let data = float32Bytes(Array(repeating: 1, count: 6))
            let beyond = try dir.write("beyond.safetensors", safetensorsBytes(
                json: #"{"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [4, 28]}}"#, data: data))
            expectLayerIOError("offsetsOutOfRange", naming: beyond) { _ = try Self.openSafetensors(beyond) }
            let reversed = try dir.write("reversed.safetensors", safetensorsBytes(
                json: #"{"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [24, 0]}}"#, data: data))
            expectLayerIOError("offsetsOutOfRange", naming: reversed) { _ = try Self.openSafetensors(reversed) }
            let huge = try dir.write("huge.safetensors", safetensorsBytes(
                json: #"{"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 9223372036854775807]}}"#, data: data))
            expectLayerIOError("offsetsOutOfRange", naming: huge) { _ = try Self.openSafetensors(huge) }
            do { _ = try Self.openSafetensors(beyond) } catch {
                #expect("\(error)".contains("layer \"w\""), "\(error)")
            }
        }
    }

    @Test func safetensorsOtherErrors() throws {
        try withTemporaryDirectory { dir in
            let data = float32Bytes(Array(repeating: 1, count: 6))
            let size = try dir.write("size.safetensors", safetensorsBytes(
                json: #"{"w": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 24]}}"#, data: data))
            expectLayerIOError("sizeMismatch", naming: size) { _ = try Self.openSafetensors(size) }
            let dtype = try dir.write("dtype.safetensors", safetensorsBytes(
                json: #"{"w": {"dtype": "I64", "shape": [3], "data_offsets": [0, 24]}}"#, data: data))
            expectLayerIOError("unsupportedDType", naming: dtype) { _ = try Self.openSafetensors(dtype) }
            let json = try dir.write("json.safetensors", safetensorsBytes(json: #"{"w": {"dtype": "F32", "#, data: data))
            expectLayerIOError("malformedHeader", naming: json) { _ = try Self.openSafetensors(json) }
            let array = try dir.write("array.safetensors", safetensorsBytes(json: "[1, 2]", data: data))
            expectLayerIOError("malformedHeader", naming: array) { _ = try Self.openSafetensors(array) }
            let boolShape = try dir.write("bool.safetensors", safetensorsBytes(
                json: #"{"w": {"dtype": "F32", "shape": [true, 6], "data_offsets": [0, 24]}}"#, data: data))
            expectLayerIOError("malformedHeader", naming: boolShape) { _ = try Self.openSafetensors(boolShape) }
            let tooLarge = try dir.write("large.safetensors", le(UInt64(200_000_000)) + Array("{}".utf8))
            expectLayerIOError("headerTooLarge", naming: tooLarge) { _ = try Self.openSafetensors(tooLarge) }
            let truncated = try dir.write("trunc.safetensors", le(UInt64(100)) + Array("{\"w\":".utf8))
            expectLayerIOError("truncatedHeader", naming: truncated) { _ = try Self.openSafetensors(truncated) }
            let tiny = try dir.write("tiny.safetensors", [1, 2, 3])
            expectLayerIOError("truncatedHeader", naming: tiny) { _ = try Self.openSafetensors(tiny) }
        }
    }

    // MARK: .npz

    static func openNpz(_ path: String) throws -> [Layer] {
        try NpzFile.openLayers(path: path, modelName: "m", reduce: .flatten)
    }

    @Test("random bytes named .npz")
    func npzRandomBytes() throws {
        try withTemporaryDirectory { dir in
            var generator = SystemRandomNumberGenerator()
            let path = try dir.write("random.npz", (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
            expectLayerIOError("unreadableZip", naming: path) { _ = try Self.openNpz(path) }
            let short = try dir.write("short.npz", [0x50, 0x4B])
            expectLayerIOError("unreadableZip", naming: short) { _ = try Self.openNpz(short) }
        }
    }

    @Test("truncated real archives", arguments: ["stored", "compressed"])
    func npzTruncated(_ name: String) throws {
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("npz/\(name).npz"))))
        try withTemporaryDirectory { dir in
            for keep in [whole.count / 2, whole.count - 30, whole.count - 1] {
                let path = try dir.write("cut-\(keep).npz", Array(whole.prefix(keep)))
                expectLayerIOError("unreadableZip", naming: path) { _ = try Self.openNpz(path) }
            }
        }
    }

    @Test("a corrupted CRC is caught when a deflated member is first read")
    func npzBadChecksum() throws {
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("npz/compressed.npz"))))
        // The first central-directory header ("PK\1\2"); its CRC field is at +16.
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let at = try #require((0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature })
        bytes[at + 16] ^= 0xFF
        try withTemporaryDirectory { dir in
            let path = try dir.write("crc.npz", bytes)
            let layers = try Self.openNpz(path)  // header-only: the CRC is not checked yet
            expectLayerIOError("unreadableZip", naming: path) { _ = try layers[0].readAll() }
            #expect(try layers[1].readAll().storage == grid(4, 2).storage)
        }
    }

    @Test("members that are not valid .npy files are named in the error")
    func npzBadMembers() throws {
        try withTemporaryDirectory { dir in
            let garbage = try dir.write("garbage.npz", storedZip([("fc1.npy", Array("garbage bytes here".utf8))]))
            expectLayerIOError("badMagic", naming: garbage) { _ = try Self.openNpz(garbage) }
            do { _ = try Self.openNpz(garbage) } catch {
                #expect("\(error)".contains("layer \"fc1\""), "\(error)")
            }
            let short = try dir.write("short.npz", storedZip([
                ("ok.npy", npyBytes(header: Self.goodHeader, data: Self.goodData)),
                ("bad.npy", npyBytes(header: Self.goodHeader, data: Array(Self.goodData.prefix(8)))),
            ]))
            expectLayerIOError("sizeMismatch", naming: short) { _ = try Self.openNpz(short) }
            let good = try dir.write("good.npz", storedZip([
                ("b.npy", npyBytes(header: Self.goodHeader, data: Self.goodData)),
                ("notes.txt", Array("ignored".utf8)),
                ("a.npy", npyBytes(header: Self.goodHeader, data: Self.goodData)),
            ]))
            let layers = try Self.openNpz(good)
            #expect(layers.map(\.name) == ["b", "a"])
            #expect(try layers[1].readAll().storage == (0..<12).map(Float.init))
        }
    }

    @Test("hostile ZIP64 offsets are rejected, not trapped on")
    func npzHostileZip64() throws {
        try withTemporaryDirectory { dir in
            let member = ("x.npy", npyBytes(header: Self.goodHeader, data: Self.goodData))
            for offset: UInt64 in [0xFFFF_FFFF_FFFF_FF00, 1 << 40, 0x8000_0000_0000_0000] {
                let path = try dir.write("zip64-\(offset).npz", storedZip([member], localHeaderOffsetOverride: offset))
                expectLayerIOError("unreadableZip", naming: path) { _ = try Self.openNpz(path) }
            }
            // The same builder without the override makes a readable archive.
            let fine = try dir.write("fine.npz", storedZip([member]))
            #expect(try Self.openNpz(fine).count == 1)
        }
    }
}
