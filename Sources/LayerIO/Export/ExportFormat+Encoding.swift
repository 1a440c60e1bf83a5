import Foundation

extension ExportFormat {
    /// The bytes of `table` in this format: the one place a table becomes a file, so a file is
    /// the same whether `compute`, `merge` or the explorer's export wrote it.
    /// - `csv`, `json`, `text`: UTF-8 text (`CSVExporter`, `JSONExporter`, `GridText`);
    /// - `npy`: a float64 rows×cols array, NaN for a cell with no number (`NpyExporter`);
    /// - `svg`, `png`: the heatmap figure, in the palette and scale the table's quantity
    ///   calls for (`ImageTables`).
    public func data(of table: GridTable) -> Data {
        switch self {
        case .csv: return Data(CSVExporter.text(table).utf8)
        case .json: return Data(JSONExporter.text(table).utf8)
        case .npy: return NpyExporter.data(table)
        case .svg, .png: return ImageTables.data(table, format: self)
        case .text: return Data(GridText.render(table).utf8)
        }
    }
}
