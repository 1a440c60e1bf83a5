import Foundation
import Explorer
import LayerIO
import Similarity

/// Builds the table an explorer export writes, from the values the request carries (the UI's
/// cells when it was asked for), and writes it in the format its file name chose.
public enum ExportTables {
    public static func table(for request: ExportRequest, catalog: Catalog, options: MetricOptions,
                      reduce: ReducePolicy) -> GridTable {
        let a = catalog.models[request.grid.rowModel], b = catalog.models[request.grid.colModel]
        return GridTable(metric: request.grid.metric, rowModel: a.name, colModel: b.name,
                         rows: request.rows.map { a.layers[$0].name }, cols: request.cols.map { b.layers[$0].name },
                         values: request.values, sampleCount: catalog.sampleCount, reduce: reduce.rawValue, options: options)
    }

    /// The seed baseline's difference over the shared layers (the request's values), as a table.
    public static func baselineTable(for request: ExportRequest, groups: Session.Baseline,
                              catalog: Catalog, options: MetricOptions, reduce: ReducePolicy) -> GridTable {
        let values = request.values
        return GridTable(metric: request.grid.metric, rowModel: groups.groupNames[0], colModel: groups.groupNames[1],
                         rows: request.rows.map { groups.layerNames[$0] }, cols: request.cols.map { groups.layerNames[$0] },
                         values: values, sampleCount: catalog.sampleCount, reduce: reduce.rawValue, options: options)
            .with(quantity: .seedBaselineDifference(groupA: groups.groupNames[0], groupB: groups.groupNames[1]))
    }

    /// Writes the table in `format` (its encoder in LayerIO) to `path` atomically.
    public static func write(_ table: GridTable, format: ExportFormat, to path: String) throws {
        try AtomicWriter.write(format.data(of: table), to: path)
    }
}
