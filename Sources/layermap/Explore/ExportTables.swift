import Foundation
import Explorer
import LayerIO
import Similarity

/// Builds the table an explorer export writes, from the cells known so far, and writes it
/// in the format its file name chose.
enum ExportTables {
    static func table(for request: ExportRequest, catalog: Catalog, cells: [GridPosition: PairOutcome],
                      options: MetricOptions, reduce: ReducePolicy) -> GridTable {
        let a = catalog.models[request.grid.rowModel], b = catalog.models[request.grid.colModel]
        let values: [[CellValue?]] = request.rows.map { i in
            request.cols.map { j in cells[GridPosition(row: i, col: j)]?.value }
        }
        return GridTable(metric: request.grid.metric, rowModel: a.name, colModel: b.name,
                         rows: request.rows.map { a.layers[$0].name }, cols: request.cols.map { b.layers[$0].name },
                         values: values, sampleCount: catalog.sampleCount, reduce: reduce.rawValue, options: options)
    }

    static func write(_ table: GridTable, format: ExportFormat, to path: String) throws {
        let data: Data
        switch format {
        case .csv: data = Data(CSVExporter.text(table).utf8)
        case .json: data = Data(JSONExporter.text(table).utf8)
        case .npy: data = NpyExporter.data(table)
        case .svg: data = ImageExporter.data(table, format: .svg, palette: ImagePalettes.viridis)
        case .png: data = ImageExporter.data(table, format: .png, palette: ImagePalettes.viridis)
        }
        try AtomicWriter.write(data, to: path)
    }
}

