import Foundation

/// Images of a table with the palette and scale its quantity calls for: viridis over the
/// metric's range (or the range `figure.range` asks for), or for a seed baseline the
/// diverging scale symmetric around 0, with its significance marks.
enum ImageTables {
    static func data(_ table: GridTable, format: ExportFormat, figure: FigureOptions) throws -> Data {
        let scale = HeatmapScale.figure(table, range: figure.range)
        switch table.quantity {
        case .measure:
            // The title carries how the numbers were made: N, the reduce policy, the estimator.
            let estimator = (table.estimator == "exact" ? "" : ", \(table.estimator)")
                + (table.order.map { ", order \($0.split(separator: " ").first ?? "")" } ?? "")
            let title = "\(table.metric.displayName) — \(table.rowModel) × \(table.colModel) "
                + "(n = \(table.sampleCount), reduce: \(table.reduce)\(estimator))"
            return try ImageExporter.data(table, format: format, palette: .viridis, scale: scale, title: title, figure: figure)
        case .seedBaseline(let b):
            let sizes = b.members.map { "\($0.count)" }.joined(separator: " + ")
            let title = "seed baseline: \(b.groupNames.joined(separator: " vs ")) — \(table.metric.displayName) "
                + "(\(sizes) models, \(b.labellings) labellings, n = \(table.sampleCount))"
            // Both axes are the layers every model shares (a cell averages over model pairs), not a group's.
            var shared = table
            shared.rowModel = "layer"
            shared.colModel = "layer"
            return try ImageExporter.data(shared, format: format, palette: .diverging, scale: scale, title: title, figure: figure)
        case .difference(let d):
            // (The figures' font has no middle dot: an em dash, as in a measure's title.)
            let title = "difference: \(d.formula) \u{2014} \(d.shared) (n = \(table.sampleCount), reduce: \(table.reduce))"
            return try ImageExporter.data(table, format: format, palette: .diverging, scale: scale, title: title, figure: figure)
        }
    }
}
