import Foundation
import Testing
import ZIPFoundation
@testable import LayerIO
import Similarity
import Palette

/// An independent reader for the PNG files the exporter writes, written from the PNG and
/// zlib specifications for the tests: it checks what it reads and records the failures.
///
/// Its CRC-32 is bitwise and table-free (reflected polynomial 0xEDB88320) and its Adler-32 a
/// plain byte loop, so neither shares code with the encoder; inflation is ZIPFoundation's
/// decompress (zlib's inflate), and unfiltering is this file's own.
struct DecodedPNG {
    struct Chunk {
        var type: String
        var data: [UInt8]
        var storedCRC: UInt32
    }

    var chunks: [Chunk] = []
    var width = 0
    var height = 0
    /// The IHDR fields after width and height: bit depth, colour type, compression, filter, interlace.
    var headerFields: [UInt8] = []
    /// The zlib stream: every IDAT's data, concatenated.
    var zlib: [UInt8] = []
    /// The inflated scanlines (filter byte + row).
    var scanlines: [UInt8] = []
    /// The filter type of each row.
    var filterTypes: [UInt8] = []
    /// width × height × 3 bytes, unfiltered.
    var pixels: [UInt8] = []

    /// Reads `data`, recording a test issue for every check that fails.
    init(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bytes = [UInt8](data)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
                "PNG signature", sourceLocation: sourceLocation)
        var k = 8
        while k + 12 <= bytes.count {
            let length = Int(Self.u32(bytes, k))
            try #require(k + 12 + length <= bytes.count, "chunk length runs past the file", sourceLocation: sourceLocation)
            let typeBytes = Array(bytes[(k + 4)..<(k + 8)])
            let body = Array(bytes[(k + 4)..<(k + 8 + length)])
            let chunk = Chunk(type: String(decoding: typeBytes, as: UTF8.self),
                              data: Array(bytes[(k + 8)..<(k + 8 + length)]),
                              storedCRC: Self.u32(bytes, k + 8 + length))
            #expect(chunk.storedCRC == Self.crc32(body), "CRC of \(chunk.type)", sourceLocation: sourceLocation)
            chunks.append(chunk)
            k += 12 + length
        }
        #expect(k == bytes.count, "no bytes after the last chunk", sourceLocation: sourceLocation)
        let ihdr = try #require(chunks.first, sourceLocation: sourceLocation)
        #expect(ihdr.type == "IHDR" && ihdr.data.count == 13, sourceLocation: sourceLocation)
        #expect(chunks.last?.type == "IEND" && chunks.last?.data.isEmpty == true, sourceLocation: sourceLocation)
        width = Int(Self.u32(ihdr.data, 0))
        height = Int(Self.u32(ihdr.data, 4))
        headerFields = Array(ihdr.data[8...])

        zlib = chunks.filter { $0.type == "IDAT" }.flatMap(\.data)
        try #require(zlib.count >= 6, "an IDAT holds a zlib stream", sourceLocation: sourceLocation)
        let deflated = Array(zlib[2..<(zlib.count - 4)])
        scanlines = try Self.inflate(deflated)
        #expect(Self.u32(zlib, zlib.count - 4) == Self.adler32(scanlines), "Adler-32", sourceLocation: sourceLocation)
        try #require(scanlines.count == height * (1 + 3 * width), "scanline bytes", sourceLocation: sourceLocation)
        (pixels, filterTypes) = try Self.unfilter(scanlines, width: width, height: height)
    }

    /// The colour of pixel (x, y).
    subscript(x: Int, y: Int) -> RGB {
        let k = (y * width + x) * 3
        return RGB(pixels[k], pixels[k + 1], pixels[k + 2])
    }

    /// How many pixels of `rect` (clipped) have colour `c`.
    func count(_ c: RGB, in rect: HeatmapLayout.Rect) -> Int {
        var n = 0
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) where self[x, y] == c { n += 1 }
        }
        return n
    }

    static func u32(_ b: [UInt8], _ k: Int) -> UInt32 {
        UInt32(b[k]) << 24 | UInt32(b[k + 1]) << 16 | UInt32(b[k + 2]) << 8 | UInt32(b[k + 3])
    }

    /// CRC-32 (ISO 3309 / ITU-T V.42, as PNG uses it), bit by bit.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// Adler-32 (RFC 1950), a modulo per byte.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    /// Raw inflate through ZIPFoundation.
    static func inflate(_ deflated: [UInt8]) throws -> [UInt8] {
        let input = Data(deflated)
        var out = [UInt8]()
        struct Exhausted: Error {}
        _ = try Data.decompress(size: Int64(input.count), bufferSize: 1 << 16, skipCRC32: true, provider: { position, size in
            let from = Int(position)
            guard from < input.count else { throw Exhausted() }
            return input.subdata(in: from..<min(input.count, from + size))
        }, consumer: { chunk in out.append(contentsOf: chunk) })
        return out
    }

    /// Undoes PNG's five filter types (PNG §9.2) for 3 bytes a pixel.
    static func unfilter(_ scanlines: [UInt8], width: Int, height: Int) throws -> ([UInt8], [UInt8]) {
        struct BadFilter: Error { let type: UInt8 }
        let stride = width * 3
        var pixels = [UInt8](repeating: 0, count: stride * height)
        var types: [UInt8] = []
        for y in 0..<height {
            let type = scanlines[y * (stride + 1)]
            types.append(type)
            for i in 0..<stride {
                let x = scanlines[y * (stride + 1) + 1 + i]
                let a = i >= 3 ? Int(pixels[y * stride + i - 3]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + i]) : 0
                let c = (i >= 3 && y > 0) ? Int(pixels[(y - 1) * stride + i - 3]) : 0
                let predictor: Int
                switch type {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw BadFilter(type: type)
                }
                pixels[y * stride + i] = UInt8((Int(x) + predictor) & 0xFF)
            }
        }
        return (pixels, types)
    }
}

/// Grids for the image tests.
enum HeatmapFixtures {
    /// A rows × cols grid whose cell (i, j) is `value(i, j)`.
    static func table(rows: Int, cols: Int, metric: Metric = .linearCKA,
                      rowModel: String = "relu-s0", colModel: String = "relu-s1",
                      rowNames: [String]? = nil, colNames: [String]? = nil,
                      value: (Int, Int) -> CellValue?) -> GridTable {
        GridTable(metric: metric, rowModel: rowModel, colModel: colModel,
                  rows: rowNames ?? (0..<rows).map { "layer\($0)" },
                  cols: colNames ?? (0..<cols).map { "block\($0)" },
                  values: (0..<rows).map { i in (0..<cols).map { j in value(i, j) } },
                  sampleCount: 500, reduce: "flatten", options: MetricOptions())
    }

    /// A 6 × 7 similarity grid with values spread over 0…1, one undefined cell (1, 2) and one
    /// uncomputed cell (4, 5).
    static let mixed = table(rows: 6, cols: 7) { i, j in
        if i == 1 && j == 2 { return .undefined(reason: "the row layer is constant") }
        if i == 4 && j == 5 { return nil }
        return .value(Double(i * 7 + j) / 41)
    }
}
