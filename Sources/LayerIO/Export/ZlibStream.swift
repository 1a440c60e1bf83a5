import Foundation
import ZIPFoundation

/// A zlib stream (RFC 1950) around raw deflate data (RFC 1951), as PNG's IDAT needs:
/// a two-byte header (CMF 0x78: deflate with a 32 KiB window; FLG 0x9C: default level, no
/// dictionary, check bits making CMF·256 + FLG a multiple of 31), the deflate data, and the
/// Adler-32 of the uncompressed bytes, big-endian.
///
/// The deflate data comes from ZIPFoundation (zlib's deflate with a 32 KiB window on Linux).
/// Should it fail, the bytes are stored in uncompressed deflate blocks instead, so encoding
/// never fails: the file is only larger.
enum ZlibStream {
    static let header: [UInt8] = [0x78, 0x9C]

    /// The zlib stream of `bytes`, compressed.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        let deflated = (try? rawDeflate(bytes)) ?? storedDeflate(bytes)
        return wrap(deflated, checksumOf: bytes)
    }

    /// `header` + `deflated` + Adler-32 of `original`.
    static func wrap(_ deflated: [UInt8], checksumOf original: [UInt8]) -> [UInt8] {
        let a = adler32(original)
        return header + deflated + [UInt8(a >> 24), UInt8((a >> 16) & 0xFF), UInt8((a >> 8) & 0xFF), UInt8(a & 0xFF)]
    }

    /// Raw deflate through ZIPFoundation.
    static func rawDeflate(_ bytes: [UInt8]) throws -> [UInt8] {
        let input = Data(bytes)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count / 4 + 64)
        let bufferSize = 1 << 16
        _ = try Data.compress(size: Int64(input.count), bufferSize: bufferSize, provider: { position, size in
            let from = Int(position)
            return input.subdata(in: from..<min(input.count, from + size))
        }, consumer: { chunk in
            output.append(contentsOf: chunk)
        })
        return output
    }

    /// Raw deflate made of stored (uncompressed) blocks of at most 65 535 bytes: for each, a
    /// header byte (BFINAL on the last, BTYPE 00), LEN and its one's complement NLEN,
    /// little-endian, then the bytes.
    static func storedDeflate(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8]()
        var start = 0
        repeat {
            let n = min(65_535, bytes.count - start)
            let last = start + n == bytes.count
            out.append(last ? 1 : 0)
            out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += bytes[start..<start + n]
            start += n
        } while start < bytes.count
        return out
    }

    /// Adler-32 (RFC 1950 §9): two sums modulo 65 521, a = 1 + Σ bytes and b = Σ a, packed
    /// as b·65536 + a. Reduced every 5 552 bytes, the most that cannot overflow 32 bits.
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        let mod: UInt32 = 65_521
        var a: UInt32 = 1, b: UInt32 = 0
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + 5_552)
            while i < end {
                a += UInt32(bytes[i])
                b += a
                i += 1
            }
            a %= mod
            b %= mod
        }
        return b << 16 | a
    }
}
