import Foundation
import Palette

/// Writes the heatmap figure as a one-page PDF 1.4, by hand and without dependencies: the
/// same `HeatmapLayout` as the SVG and PNG, in vector form, for a paper's LaTeX.
///
/// - The page is the layout's size at `dpi`: W·72/dpi × H·72/dpi points (so text set at
///   `--font-size` points is that size on the page). The content stream first maps the
///   layout's pixels onto it, y pointing down (`cm`), then draws in pixels.
/// - Cells, the colour bar (one rectangle per pixel row), swatches and frames are filled or
///   stroked rectangles; undefined cells' crosses are lines; significance marks are circles
///   (four Bézier arcs).
/// - Text is the standard Helvetica font (no font is embedded: every PDF reader has it) in
///   WinAnsiEncoding, placed with a text matrix per string, upward text rotated by −90°; it is
///   anchored with Helvetica's own advance widths (`helveticaWidths`), so right-aligned labels
///   end exactly at their anchor. Characters WinAnsi lacks are spelled out (− as -, ≤ as <=,
///   ≥ as >=, ρ as rho, Δ as Delta) or shown as ?.
/// - Objects: catalog, pages, page, font, content (Flate-compressed by `ZlibStream`); a
///   classic cross-reference table with each object's byte offset.
enum PDFExporter {
    static func data(_ table: GridTable, palette: HeatmapPalette, layout: HeatmapLayout, dpi: Double) -> Data {
        let content = ZlibStream.compress(contentStream(table, palette: palette, layout: layout, dpi: dpi))
        let s = 72 / dpi
        let w = number(Double(layout.width) * s), h = number(Double(layout.height) * s)
        let objects: [[UInt8]] = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(w) \(h)] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".utf8),
            Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".utf8),
            Array("<< /Length \(content.count) /Filter /FlateDecode >>\nstream\n".utf8) + content + Array("\nendstream".utf8),
        ]
        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (k, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(k + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { table += String(format: "%010d 00000 n \n", o) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return Data(out)
    }

    /// The page's drawing operators, in layout pixels with y down.
    static func contentStream(_ table: GridTable, palette: HeatmapPalette, layout: HeatmapLayout, dpi: Double) -> [UInt8] {
        let s = 72 / dpi
        var out: [UInt8] = []
        func put(_ text: String) { out += Array(text.utf8); out.append(0x0A) }
        func fill(_ c: RGB) -> String { "\(unit(c.r)) \(unit(c.g)) \(unit(c.b)) rg" }
        func stroke(_ c: RGB) -> String { "\(unit(c.r)) \(unit(c.g)) \(unit(c.b)) RG" }
        func rect(_ r: HeatmapLayout.Rect, _ c: RGB) { put("\(fill(c)) \(r.x) \(r.y) \(r.width) \(r.height) re f") }
        func frame(_ r: HeatmapLayout.Rect) {
            put("\(stroke(palette.ink)) 1 w \(number(Double(r.x) - 0.5)) \(number(Double(r.y) - 0.5)) \(r.width + 1) \(r.height + 1) re S")
        }
        func cross(_ r: HeatmapLayout.Rect) {
            let lw = Double(HeatmapLayout.crossWidth(side: r.width)), inset = lw / 2
            let x0 = number(Double(r.x) + inset), x1 = number(Double(r.maxX) - inset)
            let y0 = number(Double(r.y) + inset), y1 = number(Double(r.maxY) - inset)
            put("\(stroke(palette.undefinedMark)) \(number(lw)) w \(x0) \(y0) m \(x1) \(y1) l \(x1) \(y0) m \(x0) \(y1) l S")
        }
        func circle(_ cx: Double, _ cy: Double, _ r: Double, _ c: RGB) {
            let k = 0.5523 * r
            put("\(fill(c)) \(number(cx + r)) \(number(cy)) m "
                + "\(number(cx + r)) \(number(cy + k)) \(number(cx + k)) \(number(cy + r)) \(number(cx)) \(number(cy + r)) c "
                + "\(number(cx - k)) \(number(cy + r)) \(number(cx - r)) \(number(cy + k)) \(number(cx - r)) \(number(cy)) c "
                + "\(number(cx - r)) \(number(cy - k)) \(number(cx - k)) \(number(cy - r)) \(number(cx)) \(number(cy - r)) c "
                + "\(number(cx + k)) \(number(cy - r)) \(number(cx + r)) \(number(cy - k)) \(number(cx + r)) \(number(cy)) c f")
        }
        func text(_ t: HeatmapText, _ c: RGB) {
            let bytes = winAnsi(t.text)
            guard !bytes.isEmpty else { return }
            let px = Double(t.px)
            let width = bytes.reduce(0) { $0 + helveticaWidth($1) } * px / 1000
            let shift: Double
            switch t.anchor {
            case .start: shift = 0
            case .middle: shift = width / 2
            case .end: shift = width
            }
            let baseline = Double(HeatmapText.baseline) * px / 10
            let matrix: String
            switch t.direction {
            case .horizontal:
                // (x, y) is the anchor and the line's top; the text runs right from its start.
                matrix = "1 0 0 -1 \(number(Double(t.x) - shift)) \(number(Double(t.y) + baseline))"
            case .up:
                // (x, y) is the line's left edge (the glyphs' tops) and the anchor; it runs up.
                matrix = "0 -1 -1 0 \(number(Double(t.x) + baseline)) \(number(Double(t.y) + shift))"
            }
            out += Array("\(fill(c)) BT /F1 \(number(px)) Tf \(matrix) Tm (".utf8) + escaped(bytes) + Array(") Tj ET\n".utf8)
        }

        put("\(number(s)) 0 0 \(number(-s)) 0 \(number(Double(layout.height) * s)) cm")
        rect(.init(x: 0, y: 0, width: layout.width, height: layout.height), palette.paper)
        let scale = layout.scale
        func cellFill(_ i: Int, _ j: Int) -> RGB {
            table.values[i][j]?.number.map { palette.color(at: scale.position($0)) } ?? palette.undefined
        }
        for i in 0..<layout.rowCount {
            for j in 0..<layout.colCount {
                let r = layout.cell(i, j)
                switch table.values[i][j] {
                case .value?: rect(r, cellFill(i, j))
                case .undefined?: rect(r, palette.undefined); cross(r)
                case nil: rect(r, palette.uncomputed)
                }
            }
        }
        if layout.rowCount > 0 && layout.colCount > 0 { frame(layout.grid) }
        for m in layout.labelTicks { rect(m, palette.ink) }
        for r in 0..<layout.bar.height {
            rect(.init(x: layout.bar.x, y: layout.bar.y + r, width: layout.bar.width, height: 1),
                 palette.color(at: scale.position(layout.barValue(row: r))))
        }
        frame(layout.bar)
        for tick in layout.ticks {
            rect(.init(x: layout.bar.maxX, y: tick.row, width: layout.spacing.tickLength, height: 1), palette.ink)
        }
        for entry in layout.legend {
            let sw = entry.swatch
            switch entry.kind {
            case .undefined: rect(sw, palette.undefined); cross(sw)
            case .uncomputed: rect(sw, palette.uncomputed)
            case .significant:
                let f = palette.color(at: 0.5)
                rect(sw, f)
                if !layout.marks.isEmpty || layout.annotations.isEmpty {
                    circle(Double(sw.x) + Double(sw.width) / 2, Double(sw.y) + Double(sw.height) / 2,
                           max(1.5, Double(sw.width) * 0.16), CellInk.on(f))
                }
            }
            frame(sw)
        }
        for m in layout.marks { circle(m.centreX, m.centreY, m.radius, CellInk.on(cellFill(m.row, m.col))) }
        for a in layout.annotations { text(a.text, CellInk.on(cellFill(a.row, a.col))) }
        for t in [layout.title, layout.rowAxisTitle, layout.colAxisTitle, layout.barTitle]
            + layout.ticks.map(\.label) + layout.legend.map(\.label) + layout.rowLabels + layout.colLabels {
            text(t, palette.ink)
        }
        return out
    }

    /// `text` in WinAnsiEncoding (Windows-1252): ASCII and the Latin-1 letters as themselves,
    /// the typographic marks layermap uses at their WinAnsi codes, the rest spelled out or `?`.
    static func winAnsi(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        for u in text.unicodeScalars {
            switch u.value {
            case 0x20...0x7E: out.append(UInt8(u.value))
            case 0xA0...0xFF: out.append(UInt8(u.value))
            case 0x2014: out.append(0x97)
            case 0x2013: out.append(0x96)
            case 0x2026: out.append(0x85)
            case 0x2212: out.append(0x2D)
            case 0x2264: out += Array("<=".utf8)
            case 0x2265: out += Array(">=".utf8)
            case 0x03C1: out += Array("rho".utf8)
            case 0x0394: out += Array("Delta".utf8)
            case 0x0300...0x036F: break // combining marks (the macron of ρ̄) are dropped
            default: out.append(0x3F)
            }
        }
        return out
    }

    /// A PDF literal string's bytes: `(`, `)` and `\` escaped.
    static func escaped(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for b in bytes {
            if b == 0x28 || b == 0x29 || b == 0x5C { out.append(0x5C) }
            out.append(b)
        }
        return out
    }

    /// Helvetica's advance widths (thousandths of the font size) for WinAnsi codes 32–126, from
    /// Adobe's Helvetica AFM.
    static let helveticaWidths: [Double] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p … ~
    ]

    /// The advance width of one WinAnsi byte (the marks above 126 that layermap writes have
    /// their own; other Latin-1 letters are taken as 556, Helvetica's usual lower-case width).
    static func helveticaWidth(_ b: UInt8) -> Double {
        switch b {
        case 32...126: return helveticaWidths[Int(b) - 32]
        case 0x97, 0x85: return 1000
        case 0x96: return 556
        case 0xD7: return 584
        case 0xB2: return 333
        default: return 556
        }
    }

    /// A colour component as a fraction with up to four decimals.
    static func unit(_ byte: UInt8) -> String { number((Double(byte) / 255 * 10_000).rounded() / 10_000) }

    /// A number for the content stream: an integer without a fraction, else up to four decimals.
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        var t = String(format: "%.4f", v)
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}
