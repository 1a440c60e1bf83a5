import Foundation

extension ExportFormat {
    /// The bytes of `table` in this format: the one place a table becomes a file, so a file is
    /// the same whether `compute`, `merge`, `baseline` or the explorer's export wrote it.
    /// - `csv`, `json`, `text`: UTF-8 text (`CSVExporter`, `JSONExporter`, `GridText`); a seed
    ///   baseline's CSV and JSON carry within, across, difference and p (`BaselineExport`);
    /// - `npy`: a float64 rows×cols array, NaN for a cell with no number (`NpyExporter`); for
    ///   a seed baseline, its difference;
    /// - `svg`, `png`, `pdf`: the heatmap figure, in the palette and scale the table's quantity
    ///   calls for, drawn as `figure` asks (`ImageTables`). Other formats ignore `figure`.
    /// - Throws: `FigureError` when `figure.size` cannot hold the grid.
    public func data(of table: GridTable, figure: FigureOptions = FigureOptions()) throws -> Data {
        switch self {
        case .csv: return Data(CSVExporter.text(table).utf8)
        case .json: return Data(JSONExporter.text(table).utf8)
        case .npy: return NpyExporter.data(table)
        case .svg, .png, .pdf: return try ImageTables.data(table, format: self, figure: figure)
        case .text: return Data(GridText.render(table).utf8)
        }
    }

    /// Whether this is an image format (`svg`, `png`, `pdf`), the ones `FigureOptions` applies to.
    public var isImage: Bool { self == .svg || self == .png || self == .pdf }
}
