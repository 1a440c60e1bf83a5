import Foundation

/// The image formats a grid can be exported as.
public enum ImageFormat: String, CaseIterable, Sendable {
    case svg
    case png

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }
}

/// One entry point for both heatmap image formats, so the explorer's export and
/// `layermap compute` draw the same figure.
public enum ImageExporter {
    /// The file's bytes: UTF-8 SVG text, or a PNG. `palette` maps normalised positions to
    /// colours; `scale` (default: the metric's range, reversed for a distance) maps values to
    /// positions and names the colour bar; `title` replaces the default title.
    public static func data(_ table: GridTable, format: ImageFormat, palette: HeatmapPalette = .grey,
                            scale: HeatmapScale? = nil, title: String? = nil) -> Data {
        switch format {
        case .svg: return Data(SVGExporter.text(table, palette: palette, scale: scale, title: title).utf8)
        case .png: return PNGExporter.data(table, palette: palette, scale: scale, title: title)
        }
    }
}
