import Foundation

/// Images of a table with the palette and scale its quantity calls for: viridis over the
/// metric's range, or the diverging scale symmetric around 0 for a baseline difference.
enum ImageTables {
    static func data(_ table: GridTable, format: ExportFormat) -> Data {
        switch table.quantity {
        case .measure:
            // The title carries how the numbers were made: N, the reduce policy, the estimator.
            let estimator = table.estimator == "exact" ? "" : ", \(table.estimator)"
            let title = "\(table.metric.displayName) — \(table.rowModel) × \(table.colModel) "
                + "(n = \(table.sampleCount), reduce: \(table.reduce)\(estimator))"
            return ImageExporter.data(table, format: format, palette: .viridis, title: title)
        case .seedBaselineDifference(let a, let b):
            let largest = table.values.joined().compactMap { $0?.number }.map(abs).max() ?? 0
            let scale = HeatmapScale.diverging(radius: max(0.01, largest), label: "within − across")
            return ImageExporter.data(table, format: format, palette: .diverging, scale: scale,
                                      title: "seed baseline: \(a) vs \(b) — \(table.metric.displayName)")
        }
    }
}
