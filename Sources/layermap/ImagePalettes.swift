import Foundation
import LayerIO
import Palette

/// The image exporters' colour maps, from the same scales the terminal heatmap uses, so an
/// exported figure has the explorer's colours. The exporters reverse the scale for a distance
/// metric themselves, so plain viridis is passed for every metric.
enum ImagePalettes {
    static let viridis = HeatmapPalette { t in
        let c = ColorScale.viridis.rgb(at: t)
        return ImageColor(c.r, c.g, c.b)
    }

    /// Blue–white–red for signed differences (the seed baseline).
    static let diverging = HeatmapPalette { t in
        let c = ColorScale.diverging.rgb(at: t)
        return ImageColor(c.r, c.g, c.b)
    }
}

/// Images of a table with the palette and scale its quantity calls for: viridis over the
/// metric's range, or the diverging scale symmetric around 0 for a baseline difference.
enum ImageTables {
    static func data(_ table: GridTable, format: ImageFormat) -> Data {
        switch table.quantity {
        case .measure:
            // The title carries how the numbers were made: N, the reduce policy, the estimator.
            let estimator = table.estimator == "exact" ? "" : ", \(table.estimator)"
            let title = "\(table.metric.displayName) — \(table.rowModel) × \(table.colModel) "
                + "(n = \(table.sampleCount), reduce: \(table.reduce)\(estimator))"
            return ImageExporter.data(table, format: format, palette: ImagePalettes.viridis, title: title)
        case .seedBaselineDifference(let a, let b):
            let largest = table.values.joined().compactMap { $0?.number }.map(abs).max() ?? 0
            let scale = HeatmapScale.diverging(radius: max(0.01, largest), label: "within − across")
            return ImageExporter.data(table, format: format, palette: ImagePalettes.diverging, scale: scale,
                                      title: "seed baseline: \(a) vs \(b) — \(table.metric.displayName)")
        }
    }
}
