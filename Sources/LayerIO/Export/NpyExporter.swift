import Foundation

/// Writes a grid's values as a `.npy` file (format 1.0): little-endian float64 `<f8`,
/// C order, shape (rows, cols). Undefined and uncomputed cells are NaN, which is how numpy
/// users mark missing values; the reasons are in the JSON export.
public enum NpyExporter {
    public static func data(_ table: GridTable) -> Data {
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(table.rows.count), \(table.cols.count)), }"
        // magic (6) + version (2) + header length (2) + header + padding + "\n", a multiple of 64.
        let unpadded = 10 + header.utf8.count + 1
        let padding = (64 - unpadded % 64) % 64
        var out = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = UInt16(header.utf8.count + padding + 1)
        out.append(UInt8(headerLength & 0xff))
        out.append(UInt8(headerLength >> 8))
        out.append(contentsOf: Array(header.utf8))
        out.append(contentsOf: [UInt8](repeating: 0x20, count: padding))
        out.append(0x0a)
        out.reserveCapacity(out.count + table.rows.count * table.cols.count * 8)
        for i in table.rows.indices {
            for j in table.cols.indices {
                let v = table.number(i, j) ?? .nan
                withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }
}
