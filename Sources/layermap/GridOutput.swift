import Explorer
import Foundation
import LayerIO

/// Encodes a grid in a chosen format and writes it: the one place `compute`, `merge` and the
/// explorer's exports turn a table into bytes, so a file is the same whichever wrote it.
enum GridOutput {
    /// The bytes of `table` as a file of `format`.
    static func data(_ table: GridTable, _ format: ExportFormat) -> Data {
        switch format {
        case .csv: return Data(CSVExporter.text(table).utf8)
        case .json: return Data(JSONExporter.text(table).utf8)
        case .npy: return NpyExporter.data(table)
        case .svg: return ImageTables.data(table, format: .svg)
        case .png: return ImageTables.data(table, format: .png)
        }
    }

    /// Writes `table` in `format` (a file format, or the terminal text table) to `output`
    /// atomically, or to standard output when `output` is nil.
    static func write(_ table: GridTable, format: Compute.Format, to output: String?) throws {
        let data = ExportFormat(rawValue: format.rawValue).map { Self.data(table, $0) }
            ?? Data(GridText.render(table).utf8)
        if let output {
            try reportingFailures { try AtomicWriter.write(data, to: output) }
        } else {
            try StandardOutput.write(data)
        }
    }
}
