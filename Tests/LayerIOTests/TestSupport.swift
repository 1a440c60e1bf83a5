import Foundation
import Testing
@testable import LayerIO
import Similarity

/// Paths inside the committed fixture directory (see Fixtures/make_fixtures.py).
enum Fixtures {
    static let root: String = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            return "Fixtures-not-found"
        }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/layerio-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` inside the directory and returns the file's path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs `body` with a temporary directory that is removed afterwards, whatever happens.
func withTemporaryDirectory(_ body: (TemporaryDirectory) throws -> Void) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try body(directory)
}

/// The bytes of a .npy file with the given header dict text, padded like numpy pads it.
func npyBytes(header: String, version: UInt8 = 1, data: [UInt8]) -> [UInt8] {
    let prefixLength = version == 1 ? 10 : 12
    var text = Array(header.utf8)
    let total = prefixLength + text.count + 1
    text += Array(repeating: UInt8(ascii: " "), count: (64 - total % 64) % 64) + [UInt8(ascii: "\n")]
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    if version == 1 {
        bytes += [UInt8(text.count & 0xFF), UInt8(text.count >> 8)]
    } else {
        bytes += (0..<4).map { UInt8((text.count >> (8 * $0)) & 0xFF) }
    }
    return bytes + text + data
}

/// Little-endian float32 bytes of `values`.
func float32Bytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v in (0..<4).map { UInt8((v.bitPattern >> (8 * $0)) & 0xFF) } }
}

/// The bytes of a safetensors file with the given JSON header and data area.
func safetensorsBytes(json: String, data: [UInt8]) -> [UInt8] {
    let header = Array(json.utf8)
    return (0..<8).map { UInt8((UInt64(header.count) >> (8 * UInt64($0))) & 0xFF) } + header + data
}

/// The name of the enum case of a `LayerIOError` ("badMagic", "sizeMismatch", …).
func caseName(_ error: LayerIOError) -> String {
    Mirror(reflecting: error).children.first?.label ?? "\(error)"
}

/// Expects `body` to throw a `LayerIOError` of case `expected` whose one-line description names
/// `file` (its last path component is enough: tests use temporary directories).
func expectLayerIOError(_ expected: String, naming file: String, sourceLocation: SourceLocation = #_sourceLocation,
                        _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected LayerIOError.\(expected), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as LayerIOError {
        #expect(caseName(error) == expected, "\(error)", sourceLocation: sourceLocation)
        let name = (file as NSString).lastPathComponent
        #expect(error.description.contains(name), "description should name \(name): \(error)",
                sourceLocation: sourceLocation)
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
    } catch {
        Issue.record("expected LayerIOError.\(expected), got \(error)", sourceLocation: sourceLocation)
    }
}

/// A[i, j] = 10 i + j + 0.25, the "grid" the fixture script writes.
func grid(_ n: Int, _ d: Int) -> Matrix<Float> {
    var m = Matrix<Float>(rows: n, cols: d)
    for i in 0..<n { for j in 0..<d { m[i, j] = Float(10 * i + j) + 0.25 } }
    return m
}

/// Opens a single .npy file as a layer.
func openNpy(_ path: String, reduce: ReducePolicy = .flatten) throws -> Layer {
    try NpyFile.openLayer(path: path, name: (path as NSString).lastPathComponent, modelName: "test", reduce: reduce)
}

/// The one model a fixture path denotes.
func openModel(_ relative: String, reduce: ReducePolicy = .flatten) throws -> Model {
    let locations = try ModelSpec(path: Fixtures.path(relative)).resolve()
    try #require(locations.count == 1)
    return try Model.open(locations[0], reduce: reduce)
}

/// CRC-32 (IEEE, reflected, as zip uses it).
func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

/// Little-endian bytes of an integer of `width` bytes.
func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    (0..<MemoryLayout<T>.size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
}

/// A minimal zip archive of stored members (no compression), built by hand so malformed archives
/// can be made too. `localHeaderOffsetOverride` replaces the first member's local-header offset in
/// the central directory with 0xFFFFFFFF plus a ZIP64 extra field holding the given value.
func storedZip(_ members: [(String, [UInt8])], localHeaderOffsetOverride: UInt64? = nil) -> [UInt8] {
    var out: [UInt8] = []
    var central: [UInt8] = []
    for (index, (name, data)) in members.enumerated() {
        let nameBytes = Array(name.utf8)
        let offset = UInt32(out.count)
        let crc = crc32(data)
        out += le(UInt32(0x0403_4b50)) + le(UInt16(20)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(0))
        out += le(crc) + le(UInt32(data.count)) + le(UInt32(data.count)) + le(UInt16(nameBytes.count)) + le(UInt16(0))
        out += nameBytes + data
        var extra: [UInt8] = []
        var recordedOffset = offset
        if index == 0, let override = localHeaderOffsetOverride {
            recordedOffset = 0xFFFF_FFFF
            extra = le(UInt16(1)) + le(UInt16(8)) + le(override)
        }
        central += le(UInt32(0x0201_4b50)) + le(UInt16(20)) + le(UInt16(20)) + le(UInt16(0)) + le(UInt16(0))
        central += le(UInt16(0)) + le(UInt16(0)) + le(crc) + le(UInt32(data.count)) + le(UInt32(data.count))
        central += le(UInt16(nameBytes.count)) + le(UInt16(extra.count)) + le(UInt16(0)) + le(UInt16(0))
        central += le(UInt16(0)) + le(UInt32(0)) + le(recordedOffset) + nameBytes + extra
    }
    let directoryOffset = UInt32(out.count)
    out += central
    out += le(UInt32(0x0605_4b50)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(members.count)) + le(UInt16(members.count))
    out += le(UInt32(central.count)) + le(directoryOffset) + le(UInt16(0))
    return out
}
