import Foundation
import LayerIO

/// Writes a grid for `compute` and `merge`, encoded by `ExportFormat.data(of:)`, the encoder
/// the explorer's exports use too, so a file is the same whichever wrote it.
enum GridOutput {
    /// Writes `table` in `format` (a file format, or the terminal text table) to `output`
    /// atomically, or to standard output when `output` is nil.
    static func write(_ table: GridTable, format: ExportFormat, to output: String?) throws {
        let data = format.data(of: table)
        if let output {
            try reportingFailures { try AtomicWriter.write(data, to: output) }
        } else {
            try StandardOutput.write(data)
        }
    }
}
