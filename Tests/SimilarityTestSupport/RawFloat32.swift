import Foundation
import Similarity

/// Matrices the numpy fixture scripts write as raw float32 (little-endian, row-major, no header).
public enum RawFloat32 {
    /// `data` as a rows×cols matrix, or nil when it does not hold exactly rows·cols floats.
    public static func matrix(_ data: Data, rows: Int, cols: Int) -> Matrix<Float>? {
        let count = rows * cols
        guard data.count == count * 4 else { return nil }
        var values = [Float](repeating: 0, count: count)
        data.withUnsafeBytes { raw in
            for k in 0..<count {
                values[k] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self)))
            }
        }
        return Matrix(rows: rows, cols: cols, storage: values)
    }
}
