import Foundation

/// One entry point for both heatmap image formats, so the explorer's export and
/// `layermap compute` draw the same figure.
public enum ImageExporter {
    /// The file's bytes for `format` `.svg` (UTF-8 SVG text) or `.png`. `palette` maps normalised positions to
    /// colours; `scale` (default: the metric's range, reversed for a distance) maps values to
    /// positions and names the colour bar; `title` replaces the default title.
    public static func data(_ table: GridTable, format: ExportFormat, palette: HeatmapPalette = .grey,
                            scale: HeatmapScale? = nil, title: String? = nil) -> Data {
        switch format {
        case .svg: return Data(SVGExporter.text(table, palette: palette, scale: scale, title: title).utf8)
        case .png: return PNGExporter.data(table, palette: palette, scale: scale, title: title)
        case .csv, .json, .npy, .text: preconditionFailure("\(format.rawValue) is not an image format")
        }
    }
}
