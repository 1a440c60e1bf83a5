import Foundation

/// One entry point for both heatmap image formats, so the explorer's export and
/// `layermap compute` draw the same figure.
public enum ImageExporter {
    /// The file's bytes for `format` `.svg` (UTF-8 SVG text), `.png` or `.pdf`. `palette` maps normalised positions to
    /// colours; `scale` (default: the metric's range, reversed for a distance) maps values to
    /// positions and names the colour bar; `title` replaces the default title (`figure.title`,
    /// when given, replaces both); `figure` sets the size, text and annotations.
    /// - Throws: `FigureError` when `figure.size` cannot hold the grid (`HeatmapLayout.fitted`).
    public static func data(_ table: GridTable, format: ExportFormat, palette: HeatmapPalette = .grey,
                            scale: HeatmapScale? = nil, title: String? = nil,
                            figure: FigureOptions = FigureOptions()) throws -> Data {
        let scale = scale ?? HeatmapScale(metric: table.metric)
        let layout = try HeatmapLayout.fitted(table: table, scale: scale, title: title, figure: figure)
        switch format {
        case .svg: return Data(SVGExporter.text(table, palette: palette, layout: layout).utf8)
        case .png: return PNGEncoder.encode(PNGExporter.bitmap(table, palette: palette, layout: layout), dpi: figure.dpi)
        case .pdf: return PDFExporter.data(table, palette: palette, layout: layout, dpi: figure.dpi)
        case .csv, .json, .npy, .text: preconditionFailure("\(format.rawValue) is not an image format")
        }
    }
}
