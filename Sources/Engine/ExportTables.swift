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
        var table = GridTable(metric: request.grid.metric, rowModel: a.name, colModel: b.name,
                              rows: request.rows.map { a.layers[$0].name },
                              cols: request.cols.map { b.layers[$0].name },
                              values: request.values, sampleCount: catalog.sampleCount, reduce: catalog.reduceLabel(reduce),
                              options: options)
        table.order = request.order
        return table
    }

    /// The difference view's A − B as a table naming both operands (their values beside it).
    /// An axis whose two models differ (two pairs) is titled `A's model − B's model`.
    public static func differenceTable(for request: ExportRequest, operands d: GridTable.DifferenceCells, catalog: Catalog,
                                       options: MetricOptions, reduce: ReducePolicy) -> GridTable {
        var t = table(for: request, catalog: catalog, options: options, reduce: reduce).with(quantity: .difference(d))
        func axis(_ a: String, _ b: String) -> String { a == b ? a : "\(a) \u{2212} \(b)" }
        t.rowModel = axis(d.minuend.rowModel, d.subtrahend.rowModel)
        t.colModel = axis(d.minuend.colModel, d.subtrahend.colModel)
        return t
    }

    /// The seed baseline over the shared layers, as a table: the request's values (the
    /// difference) with the within, across and p-values it carries, and the groups by name.
    /// Without those (a request made by hand), the groups' models are named from the catalog
    /// and the other numbers are undefined.
    public static func baselineTable(for request: ExportRequest, groups: Session.Baseline,
                              catalog: Catalog, options: MetricOptions, reduce: ReducePolicy) -> GridTable {
        let values = request.values
        let none = values.map { $0.map { _ -> Double? in nil } }
        let cells = request.baseline ?? GridTable.SeedBaselineCells(
            groupNames: groups.groupNames, members: groups.members.map { $0.map { catalog.models[$0].name } },
            within: none, across: none, pValues: none, labellings: 0, exhaustive: false)
        return GridTable(metric: request.grid.metric, rowModel: groups.groupNames[0], colModel: groups.groupNames[1],
                         rows: request.rows.map { groups.layerNames[$0] }, cols: request.cols.map { groups.layerNames[$0] },
                         values: values, sampleCount: catalog.sampleCount, reduce: catalog.reduceLabel(reduce), options: options)
            .with(quantity: .seedBaseline(cells))
    }

    /// Writes the table in `format` (its encoder in LayerIO) to `path` atomically, images
    /// drawn as `figure` asks.
    public static func write(_ table: GridTable, format: ExportFormat, to path: String,
                             figure: FigureOptions = FigureOptions()) throws {
        try AtomicWriter.write(format.data(of: table, figure: figure), to: path)
    }
}
