import Foundation
import Similarity

/// Writes a grid as a PNG heatmap fit for a paper: the `HeatmapLayout` figure (title, row and
/// column labels, axis titles with the model names, square cells, a colour bar with ticks and
/// the metric's name) drawn pixel for pixel, text in the embedded `BitmapFont` at size 2.
///
/// Cells take `palette.color(at: scale.position(value))`; an undefined cell is
/// `palette.undefined` crossed by both diagonals in `palette.undefinedMark`; a cell not
/// computed is `palette.uncomputed`. The file is 8-bit RGB, non-interlaced (`PNGEncoder`).
public enum PNGExporter {
    /// The PNG file. `scale` defaults to the metric's (`HeatmapScale(metric:)`); `title` to
    /// "metric — row model × column model (n = N)".
    public static func data(_ table: GridTable, palette: HeatmapPalette = .grey,
                            scale: HeatmapScale? = nil, title: String? = nil) -> Data {
        PNGEncoder.encode(bitmap(table, palette: palette, scale: scale, title: title))
    }

    /// The rendered figure, before encoding.
    static func bitmap(_ table: GridTable, palette: HeatmapPalette,
                       scale: HeatmapScale? = nil, title: String? = nil) -> RGBBitmap {
        let scale = scale ?? HeatmapScale(metric: table.metric)
        let layout = HeatmapLayout(table: table, scale: scale, title: title)
        var bitmap = RGBBitmap(width: layout.width, height: layout.height, fill: palette.paper)

        for i in 0..<layout.rowCount {
            for j in 0..<layout.colCount {
                let rect = layout.cell(i, j)
                switch table.values[i][j] {
                case .value(let v)?:
                    bitmap.fill(rect, palette.color(at: scale.position(v)))
                case .undefined?:
                    drawUndefined(rect, palette: palette, into: &bitmap)
                case nil:
                    bitmap.fill(rect, palette.uncomputed)
                }
            }
        }
        if layout.rowCount > 0 && layout.colCount > 0 { bitmap.frame(layout.grid, palette.ink) }
        for mark in layout.labelTicks { bitmap.fill(mark, palette.ink) }

        // Colour bar: one colour per pixel row, the upper bound on top.
        for r in 0..<layout.bar.height {
            let c = palette.color(at: scale.position(layout.barValue(row: r)))
            bitmap.fill(.init(x: layout.bar.x, y: layout.bar.y + r, width: layout.bar.width, height: 1), c)
        }
        bitmap.frame(layout.bar, palette.ink)
        for tick in layout.ticks {
            bitmap.fill(.init(x: layout.bar.maxX, y: tick.row, width: HeatmapLayout.tickLength, height: 1), palette.ink)
            BitmapFont.draw(tick.label, color: palette.ink, into: &bitmap)
        }
        for entry in layout.legend {
            switch entry.kind {
            case .undefined: drawUndefined(entry.swatch, palette: palette, into: &bitmap)
            case .uncomputed: bitmap.fill(entry.swatch, palette.uncomputed)
            }
            bitmap.frame(entry.swatch, palette.ink)
            BitmapFont.draw(entry.label, color: palette.ink, into: &bitmap)
        }

        for text in [layout.title, layout.rowAxisTitle, layout.colAxisTitle, layout.barTitle]
            + layout.rowLabels + layout.colLabels {
            BitmapFont.draw(text, color: palette.ink, into: &bitmap)
        }
        return bitmap
    }

    /// The undefined fill crossed by both diagonals.
    private static func drawUndefined(_ rect: HeatmapLayout.Rect, palette: HeatmapPalette,
                                      into bitmap: inout RGBBitmap) {
        bitmap.fill(rect, palette.undefined)
        bitmap.cross(rect, lineWidth: HeatmapLayout.crossWidth(side: rect.width), palette.undefinedMark)
    }
}
