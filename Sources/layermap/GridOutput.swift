import Foundation
import LayerIO

/// Writes a grid for `compute` and `merge`, encoded by `ExportFormat.data(of:)`, the encoder
/// the explorer's exports use too, so a file is the same whichever wrote it.
enum GridOutput {
    /// Writes `table` in `format` (a file format, or the terminal text table) to `output`
    /// atomically, or to standard output when `output` is nil; images drawn as `figure` asks.
    static func write(_ table: GridTable, format: ExportFormat, to output: String?,
                      figure: FigureOptions = FigureOptions()) throws {
        let data: Data
        do {
            data = try format.data(of: table, figure: figure)
        } catch let e as FigureError {
            throw CLIFailure.badInput(e.description)
        }
        if let output {
            try reportingFailures { try AtomicWriter.write(data, to: output) }
        } else {
            try StandardOutput.write(data)
        }
    }
}
