import Foundation
import ZIPFoundation

/// Encodes an `RGBBitmap` as a PNG file: 8-bit truecolour (colour type 2), non-interlaced.
///
/// Chunks: IHDR, pHYs (the resolution, when given: pixels per metre, so a document places
/// the image at its intended physical size), tEXt ("Software" = "layermap"), one IDAT, IEND; each with its CRC-32 over
/// the type and data. The IDAT holds a zlib stream (`ZlibStream`) of the filtered scanlines:
/// each row is preceded by its filter type, chosen per row as the one whose output has the
/// least sum of absolute values (read as signed bytes), the heuristic the PNG specification
/// suggests (§12.8).
enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file for `bitmap`, at `dpi` dots per inch when given.
    static func encode(_ bitmap: RGBBitmap, dpi: Double? = nil) -> Data {
        var out = Data(signature)
        var header = [UInt8]()
        header += bigEndian(UInt32(bitmap.width))
        header += bigEndian(UInt32(bitmap.height))
        header += [8, 2, 0, 0, 0] // bit depth, colour type RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &out)
        if let dpi, dpi > 0 {
            let perMetre = bigEndian(UInt32((dpi / 0.0254).rounded()))
            appendChunk("pHYs", perMetre + perMetre + [1], to: &out)
        }
        appendChunk("tEXt", Array("Software".utf8) + [0] + Array("layermap".utf8), to: &out)
        appendChunk("IDAT", ZlibStream.compress(filteredScanlines(bitmap)), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// The scanlines, each a filter-type byte and the filtered row: height × (1 + 3·width) bytes.
    static func filteredScanlines(_ bitmap: RGBBitmap) -> [UInt8] {
        let stride = bitmap.width * 3
        var out = [UInt8](repeating: 0, count: bitmap.height * (stride + 1))
        let zero = [UInt8](repeating: 0, count: stride)
        bitmap.bytes.withUnsafeBufferPointer { pixels in
            zero.withUnsafeBufferPointer { zeroRow in
                out.withUnsafeMutableBufferPointer { outBuffer in
                    let base = pixels.baseAddress!
                    for y in 0..<bitmap.height {
                        let row = UnsafeBufferPointer(start: base + y * stride, count: stride)
                        let up = y == 0 ? zeroRow : UnsafeBufferPointer(start: base + (y - 1) * stride, count: stride)
                        let type = bestFilter(row: row, up: up)
                        let line = UnsafeMutableBufferPointer(start: outBuffer.baseAddress! + y * (stride + 1) + 1,
                                                              count: stride)
                        outBuffer[y * (stride + 1)] = type
                        filter(type, row: row, up: up, into: line)
                    }
                }
            }
        }
        return out
    }

    /// The filter type whose output has the least sum of absolute values as signed bytes.
    static func bestFilter(row: UnsafeBufferPointer<UInt8>, up: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let x = row.baseAddress!, u = up.baseAddress!
        var c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0
        var i = 0
        while i < row.count {
            let v = x[i], b = u[i]
            let a: UInt8 = i >= 3 ? x[i - 3] : 0
            let c: UInt8 = i >= 3 ? u[i - 3] : 0
            c0 += magnitude(v)
            c1 += magnitude(v &- a)
            c2 += magnitude(v &- b)
            c3 += magnitude(v &- UInt8((UInt16(a) + UInt16(b)) >> 1))
            c4 += magnitude(v &- paeth(a, b, c))
            i += 1
        }
        var best: UInt8 = 0, bestCost = c0
        if c1 < bestCost { best = 1; bestCost = c1 }
        if c2 < bestCost { best = 2; bestCost = c2 }
        if c3 < bestCost { best = 3; bestCost = c3 }
        if c4 < bestCost { best = 4 }
        return best
    }

    /// |v| with v read as a signed byte.
    @inline(__always) private static func magnitude(_ v: UInt8) -> Int {
        v < 128 ? Int(v) : 256 - Int(v)
    }

    /// Filters one row (PNG §9.2) with 3 bytes a pixel: 0 none, 1 sub, 2 up, 3 average, 4 Paeth.
    static func filter(_ type: UInt8, row: UnsafeBufferPointer<UInt8>, up: UnsafeBufferPointer<UInt8>,
                       into out: UnsafeMutableBufferPointer<UInt8>) {
        let x = row.baseAddress!, u = up.baseAddress!, o = out.baseAddress!
        var i = 0
        while i < row.count {
            let a: UInt8 = i >= 3 ? x[i - 3] : 0
            let b = u[i]
            let predictor: UInt8
            switch type {
            case 0: predictor = 0
            case 1: predictor = a
            case 2: predictor = b
            case 3: predictor = UInt8((UInt16(a) + UInt16(b)) >> 1)
            default: predictor = paeth(a, b, i >= 3 ? u[i - 3] : 0)
            }
            o[i] = x[i] &- predictor
            i += 1
        }
    }

    /// The Paeth predictor: whichever of left, up and upper-left is closest to left + up − upper-left.
    @inline(__always) static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        var pa = p - Int(a), pb = p - Int(b), pc = p - Int(c)
        if pa < 0 { pa = -pa }
        if pb < 0 { pb = -pb }
        if pc < 0 { pc = -pc }
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Length, type, data, CRC-32 of type + data.
    static func appendChunk(_ type: String, _ data: [UInt8], to out: inout Data) {
        let typeBytes = Array(type.utf8)
        precondition(typeBytes.count == 4, "a chunk type is four letters")
        out.append(contentsOf: bigEndian(UInt32(data.count)))
        let body = Data(typeBytes + data)
        out.append(body)
        out.append(contentsOf: bigEndian(body.crc32(checksum: 0)))
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
}
