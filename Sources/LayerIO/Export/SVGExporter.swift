import Foundation
import Palette
import Similarity

/// Writes a grid as a standalone SVG 1.1 heatmap fit for a paper: the same `HeatmapLayout`
/// figure as the PNG, in vector form.
///
/// - The root `<svg>` has `width`, `height` and a `viewBox` of the layout's size, in px,
///   `font-family="sans-serif"` and a `<title>` (the figure's title).
/// - `<g id="cells">` holds one `<rect>` per cell, row by row (one `<g>` per row, translated
///   to the row's top-left corner), each with `fill="#rrggbb"` and a `<title>` tooltip:
///   "row × col = 0.8731", "row × col: undefined (reason)" or "row × col: not computed",
///   with the full layer names. Undefined cells are crossed by `<path id="undefined-marks">`.
/// - The colour bar is a rectangle filled by a 33-stop `<linearGradient>` sampled from the
///   palette (the lower bound at the bottom), with tick marks and labels beside it.
/// - Text is `<text>` in px units with `text-anchor`, in the generic `sans-serif` family (no
///   font is embedded); every name is XML-escaped. `--annotate`'s values are `<text>` in
///   `<g id="annotations">`, each filled black or white for contrast (`CellInk`).
/// - A seed baseline's significant cells carry a `<circle>` in `<g id="significance-marks">`,
///   and each cell's tooltip gives within, across and p.
///
/// Size: about 100 bytes a cell plus the names in the tooltips, so a 150 × 150 grid with
/// short layer names is about 2–3 MB.
public enum SVGExporter {
    /// The SVG document. `scale` defaults to the metric's (`HeatmapScale(metric:)`); `title`
    /// to "metric — row model × column model (n = N)".
    public static func text(_ table: GridTable, palette: HeatmapPalette = .grey,
                            scale: HeatmapScale? = nil, title: String? = nil) -> String {
        let scale = scale ?? HeatmapScale(metric: table.metric)
        return text(table, palette: palette, layout: HeatmapLayout(table: table, scale: scale, title: title))
    }

    /// The SVG document of `table` drawn as `layout` says.
    static func text(_ table: GridTable, palette: HeatmapPalette, layout: HeatmapLayout) -> String {
        let w = layout.width, h = layout.height
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(w)\" height=\"\(h)\" "
        out += "viewBox=\"0 0 \(w) \(h)\" font-family=\"sans-serif\" "
        out += "font-size=\"\(layout.line)\">\n"
        out += "<title>\(escape(layout.title.text))</title>\n"
        out += "<rect width=\"\(w)\" height=\"\(h)\" fill=\"\(palette.paper.hex)\"/>\n"
        out += gradient(layout: layout, palette: palette)
        out += cells(table, layout: layout, palette: palette)
        if layout.rowCount > 0 && layout.colCount > 0 { out += frame(layout.grid, palette.ink) }
        if !layout.labelTicks.isEmpty {
            out += "<g id=\"label-ticks\" fill=\"\(palette.ink.hex)\" shape-rendering=\"crispEdges\">"
            for t in layout.labelTicks { out += "<rect x=\"\(t.x)\" y=\"\(t.y)\" width=\"\(t.width)\" height=\"\(t.height)\"/>" }
            out += "</g>\n"
        }

        // Colour bar, ticks, legend.
        let bar = layout.bar
        out += "<rect x=\"\(bar.x)\" y=\"\(bar.y)\" width=\"\(bar.width)\" height=\"\(bar.height)\" fill=\"url(#\(gradientID))\"/>\n"
        out += frame(bar, palette.ink)
        if !layout.ticks.isEmpty {
            let d = layout.ticks.map { "M\(bar.maxX) \(number(Double($0.row) + 0.5))h\(layout.spacing.tickLength)" }.joined()
            out += "<path d=\"\(d)\" stroke=\"\(palette.ink.hex)\" stroke-width=\"1\" fill=\"none\"/>\n"
        }
        for entry in layout.legend {
            let s = entry.swatch
            switch entry.kind {
            case .undefined:
                out += "<rect x=\"\(s.x)\" y=\"\(s.y)\" width=\"\(s.width)\" height=\"\(s.height)\" fill=\"\(palette.undefined.hex)\"/>\n"
                out += "<path d=\"\(crossPath(s))\" stroke=\"\(palette.undefinedMark.hex)\" "
                out += "stroke-width=\"\(HeatmapLayout.crossWidth(side: s.width))\" fill=\"none\"/>\n"
            case .uncomputed:
                out += "<rect x=\"\(s.x)\" y=\"\(s.y)\" width=\"\(s.width)\" height=\"\(s.height)\" fill=\"\(palette.uncomputed.hex)\"/>\n"
            case .significant:
                let fill = palette.color(at: 0.5)
                out += "<rect x=\"\(s.x)\" y=\"\(s.y)\" width=\"\(s.width)\" height=\"\(s.height)\" fill=\"\(fill.hex)\"/>\n"
                if !layout.marks.isEmpty || layout.annotations.isEmpty {
                    out += "<circle cx=\"\(number(Double(s.x) + Double(s.width) / 2))\" cy=\"\(number(Double(s.y) + Double(s.height) / 2))\" "
                    out += "r=\"\(number(max(1.5, Double(s.width) * 0.16)))\" fill=\"\(CellInk.on(fill).hex)\"/>\n"
                }
            }
            out += frame(s, palette.ink)
        }

        out += marksAndAnnotations(table, layout: layout, palette: palette)

        // Text.
        out += "<g id=\"labels\" fill=\"\(palette.ink.hex)\">\n"
        let texts = [layout.title, layout.rowAxisTitle, layout.colAxisTitle, layout.barTitle]
            + layout.ticks.map(\.label) + layout.legend.map(\.label) + layout.rowLabels + layout.colLabels
        for text in texts where !text.text.isEmpty { out += element(text, defaultPixels: layout.line) }
        out += "</g>\n</svg>\n"
        return out
    }

    /// The significance dots, and the values printed in the cells, each in the ink that
    /// contrasts with its cell.
    private static func marksAndAnnotations(_ table: GridTable, layout: HeatmapLayout, palette: HeatmapPalette) -> String {
        var out = ""
        func fill(_ i: Int, _ j: Int) -> RGB {
            table.values[i][j]?.number.map { palette.color(at: layout.scale.position($0)) } ?? palette.undefined
        }
        if !layout.marks.isEmpty {
            out += "<g id=\"significance-marks\">\n"
            for m in layout.marks {
                out += "<circle cx=\"\(number(m.centreX))\" cy=\"\(number(m.centreY))\" r=\"\(number(m.radius))\" "
                out += "fill=\"\(CellInk.on(fill(m.row, m.col)).hex)\"/>\n"
            }
            out += "</g>\n"
        }
        if let px = layout.annotations.first?.text.px {
            out += "<g id=\"annotations\" font-size=\"\(px)\" text-anchor=\"middle\">\n"
            for a in layout.annotations {
                let baseline = Double(a.text.y) + Double(HeatmapText.baseline * px) / 10
                out += "<text x=\"\(a.text.x)\" y=\"\(number(baseline))\" fill=\"\(CellInk.on(fill(a.row, a.col)).hex)\">"
                out += "\(escape(a.text.text))</text>\n"
            }
            out += "</g>\n"
        }
        return out
    }

    static let gradientID = "layermap-colour-bar"

    /// The colour bar's gradient: 33 stops from the lower bound (offset 0, at the bottom) to
    /// the upper bound (offset 1, at the top).
    private static func gradient(layout: HeatmapLayout, palette: HeatmapPalette) -> String {
        let lo = layout.scale.range.lowerBound, hi = layout.scale.range.upperBound
        var out = "<defs>\n<linearGradient id=\"\(gradientID)\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n"
        let n = 32
        for k in 0...n {
            let f = Double(k) / Double(n)
            let c = palette.color(at: layout.scale.position(lo + (hi - lo) * f))
            out += "<stop offset=\"\(number(f))\" stop-color=\"\(c.hex)\"/>\n"
        }
        return out + "</linearGradient>\n</defs>\n"
    }

    /// `<g id="cells">`: a row group per row, one rect with a tooltip per cell, then the crosses.
    private static func cells(_ table: GridTable, layout: HeatmapLayout, palette: HeatmapPalette) -> String {
        let c = layout.cellSize
        var out = "<g id=\"cells\" shape-rendering=\"crispEdges\">\n"
        var crosses = ""
        for i in 0..<layout.rowCount {
            let rowName = escape(table.rows[i])
            out += "<g transform=\"translate(\(layout.grid.x),\(layout.grid.y + i * c))\">"
            for j in 0..<layout.colCount {
                let fill: RGB
                let tip: String
                switch table.values[i][j] {
                case .value(let v)?:
                    fill = palette.color(at: layout.scale.position(v))
                    tip = baselineTip(table.seedBaseline, i, j, v) ?? " = " + NumberFormat.significant(v, 4)
                case .undefined(let reason)?:
                    fill = palette.undefined
                    tip = ": undefined (\(reason))"
                    crosses += crossPath(layout.cell(i, j))
                case nil:
                    fill = palette.uncomputed
                    tip = ": not computed"
                }
                out += "<rect x=\"\(j * c)\" width=\"\(c)\" height=\"\(c)\" fill=\"\(fill.hex)\">"
                out += "<title>\(rowName) \u{00D7} \(escape(table.cols[j]))\(escape(tip))</title></rect>"
            }
            out += "</g>\n"
        }
        out += "</g>\n"
        if !crosses.isEmpty {
            out += "<path id=\"undefined-marks\" d=\"\(crosses)\" stroke=\"\(palette.undefinedMark.hex)\" "
            out += "stroke-width=\"\(HeatmapLayout.crossWidth(side: c))\" fill=\"none\"/>\n"
        }
        return out
    }

    /// A seed-baseline cell's tooltip: ": difference +0.1234 (within 0.91, across 0.79, p = 0.03)".
    private static func baselineTip(_ b: GridTable.SeedBaselineCells?, _ i: Int, _ j: Int, _ d: Double) -> String? {
        guard let b else { return nil }
        func show(_ v: Double?) -> String { v.map { NumberFormat.significant($0, 4) } ?? "undefined" }
        return ": difference \(String(format: "%+.4g", d)) (within \(show(b.within[i][j])), across \(show(b.across[i][j])), p = \(show(b.pValues[i][j])))"
    }

    /// Both diagonals of `rect`, inset by half a line so they stay inside it.
    private static func crossPath(_ rect: HeatmapLayout.Rect) -> String {
        let inset = Double(HeatmapLayout.crossWidth(side: rect.width)) / 2
        let x0 = number(Double(rect.x) + inset), x1 = number(Double(rect.maxX) - inset)
        let y0 = number(Double(rect.y) + inset), y1 = number(Double(rect.maxY) - inset)
        return "M\(x0) \(y0)L\(x1) \(y1)M\(x1) \(y0)L\(x0) \(y1)"
    }

    /// A one-pixel frame just outside `rect`, like the PNG's.
    private static func frame(_ rect: HeatmapLayout.Rect, _ ink: RGB) -> String {
        "<rect x=\"\(number(Double(rect.x) - 0.5))\" y=\"\(number(Double(rect.y) - 0.5))\" "
            + "width=\"\(rect.width + 1)\" height=\"\(rect.height + 1)\" fill=\"none\" stroke=\"\(ink.hex)\" stroke-width=\"1\"/>\n"
    }

    /// A `<text>` element for a laid-out text: the baseline 0.8·px below the line's top, or for
    /// upward text, a translation to the baseline and a −90° rotation.
    private static func element(_ text: HeatmapText, defaultPixels: Int) -> String {
        let b = Double(HeatmapText.baseline * text.px) / 10
        var attributes: String
        switch text.direction {
        case .horizontal: attributes = "x=\"\(text.x)\" y=\"\(number(Double(text.y) + b))\""
        case .up: attributes = "transform=\"translate(\(number(Double(text.x) + b)),\(text.y)) rotate(-90)\""
        }
        switch text.anchor {
        case .start: break
        case .middle: attributes += " text-anchor=\"middle\""
        case .end: attributes += " text-anchor=\"end\""
        }
        if text.px != defaultPixels { attributes += " font-size=\"\(text.px)\"" }
        return "<text \(attributes)>\(escape(text.text))</text>\n"
    }

    /// `s` safe in XML text and attribute values: the five special characters as entities,
    /// and characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage
    /// return; U+FFFE, U+FFFF) as U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// A coordinate: an integer without a fraction, otherwise up to five decimals.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var s = String(format: "%.5f", v)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
