import Foundation
import Palette
import Similarity

/// Writes a grid as a PNG heatmap fit for a paper: the `HeatmapLayout` figure (title, row and
/// column labels, axis titles with the model names, square cells, a colour bar with ticks and
/// the metric's name) drawn pixel for pixel, text in the embedded `BitmapFont` scaled to the
/// layout's line height. A seed baseline's significant cells carry a dot, and `--annotate`'s
/// values are printed in the cells, each in black or white for contrast (`CellInk`).
///
/// Cells take `palette.color(at: scale.position(value))`; an undefined cell is
/// `palette.undefined` crossed by both diagonals in `palette.undefinedMark`; a cell not
/// computed is `palette.uncomputed`. The file is 8-bit RGB, non-interlaced (`PNGEncoder`).
public enum PNGExporter {
    /// The PNG file. `scale` defaults to the metric's (`HeatmapScale(metric:)`); `title` to
    /// "metric — row model × column model (n = N)".
    public static func data(_ table: GridTable, palette: HeatmapPalette = .grey,
                            scale: HeatmapScale? = nil, title: String? = nil) -> Data {
        let scale = scale ?? HeatmapScale(metric: table.metric)
        return PNGEncoder.encode(bitmap(table, palette: palette, layout: HeatmapLayout(table: table, scale: scale, title: title)),
                                 dpi: FigureOptions().dpi)
    }

    /// The rendered figure, before encoding.
    static func bitmap(_ table: GridTable, palette: HeatmapPalette,
                       scale: HeatmapScale? = nil, title: String? = nil) -> RGBBitmap {
        let scale = scale ?? HeatmapScale(metric: table.metric)
        return bitmap(table, palette: palette, layout: HeatmapLayout(table: table, scale: scale, title: title))
    }

    /// The figure `layout` describes, drawn.
    static func bitmap(_ table: GridTable, palette: HeatmapPalette, layout: HeatmapLayout) -> RGBBitmap {
        let scale = layout.scale
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
            bitmap.fill(.init(x: layout.bar.maxX, y: tick.row, width: layout.spacing.tickLength, height: 1), palette.ink)
            BitmapFont.draw(tick.label, color: palette.ink, into: &bitmap)
        }
        for entry in layout.legend {
            switch entry.kind {
            case .undefined: drawUndefined(entry.swatch, palette: palette, into: &bitmap)
            case .uncomputed: bitmap.fill(entry.swatch, palette.uncomputed)
            case .significant:
                let fill = palette.color(at: 0.5), s = entry.swatch
                bitmap.fill(s, fill)
                if !layout.marks.isEmpty || layout.annotations.isEmpty {
                    bitmap.disc(cx: Double(s.x) + Double(s.width) / 2, cy: Double(s.y) + Double(s.height) / 2,
                                radius: max(1.5, Double(s.width) * 0.16), CellInk.on(fill))
                }
            }
            bitmap.frame(entry.swatch, palette.ink)
            BitmapFont.draw(entry.label, color: palette.ink, into: &bitmap)
        }

        func fill(_ i: Int, _ j: Int) -> RGB {
            table.values[i][j]?.number.map { palette.color(at: scale.position($0)) } ?? palette.undefined
        }
        for m in layout.marks {
            bitmap.disc(cx: m.centreX, cy: m.centreY, radius: m.radius, CellInk.on(fill(m.row, m.col)))
        }
        for a in layout.annotations {
            BitmapFont.draw(a.text, color: CellInk.on(fill(a.row, a.col)), into: &bitmap)
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
