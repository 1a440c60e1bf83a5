import CChecksum
import Foundation

/// CRC-32 with the zip polynomial, as zip members and shard files record it.
enum CRC32Checksum {
    /// The CRC-32 of `bytes` (continuing from `crc`, 0 to start).
    /// - Complexity: one pass; zlib's implementation, several GB/s.
    static func of(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return crc }
        return lm_crc32(crc, base, bytes.count)
    }

    static func of(_ data: Data) -> UInt32 {
        data.withUnsafeBytes { of($0) }
    }
}
