import Foundation
import Palette

/// The values `--annotate` prints in the cells of a heatmap image, and where.
///
/// - Text: the value with d decimals, d = ⌈−log₁₀(span of the colour range)⌉ + 1 clamped to
///   2…6 (0–1: 2 decimals, 0.9990–0.9998: 5), so that values the colours tell apart read
///   apart too; a true minus sign. A seed baseline's difference is signed (`+0.12`, `−0.05`)
///   and followed by `*` when p ≤ alpha. Undefined and uncomputed cells carry no text.
/// - Size: one size for every cell, 0.8 of the text line (at least `minAnnotationPixels`),
///   smaller when the longest value would not fit a cell with an eighth of it free on each side.
/// - Ink: black or white, whichever contrasts more with the cell (`CellInk`).
enum CellAnnotations {
    /// The size values are printed at when cells are large enough: 0.8 of the line.
    static func preferredPixels(_ line: Int) -> Int { max(HeatmapLayout.minAnnotationPixels, line * 4 / 5) }

    /// The decimals for values on `scale`.
    static func decimals(_ scale: HeatmapScale) -> Int {
        let span = scale.range.upperBound - scale.range.lowerBound
        guard span > 0, span.isFinite else { return 2 }
        return min(6, max(2, Int((-log10(span)).rounded(.up)) + 1))
    }

    /// The text of every cell (`nil` for none), rows × cols.
    static func texts(_ table: GridTable, scale: HeatmapScale) -> [[String?]] {
        let d = decimals(scale)
        let baseline = table.seedBaseline
        return table.values.indices.map { i in
            table.values[i].indices.map { j in
                guard let v = table.values[i][j]?.number, v.isFinite else { return nil }
                let digits = NumberFormat.decimal(abs(v), d)
                let isZero = digits.allSatisfy { $0 == "0" || $0 == "." }
                guard let baseline else { return (v < 0 && !isZero ? "\u{2212}" : "") + digits }
                let sign = isZero ? "" : (v < 0 ? "\u{2212}" : "+")
                return sign + digits + (baseline.isSignificant(i, j) ? "*" : "")
            }
        }
    }

    /// The free space kept on each side of a value in a cell of side `cell`.
    static func padding(_ cell: Int) -> Int { max(1, cell / 8) }

    /// The largest text size at which `characters` characters fit a cell of side `cell`.
    static func fittingPixels(characters: Int, cell: Int) -> Int {
        let room = cell - 2 * padding(cell)
        guard characters > 0, room > 0 else { return 0 }
        return min(room, room * 10 / (characters * HeatmapText.advance - 1))
    }

    /// The smallest cell that holds the longest value at `px`.
    static func cellNeeded(_ table: GridTable, scale: HeatmapScale, px: Int) -> Int {
        let longest = texts(table, scale: scale).joined().compactMap { $0?.count }.max() ?? 0
        guard longest > 0 else { return 1 }
        var c = 1
        while fittingPixels(characters: longest, cell: c) < px { c += 1 }
        return c
    }

    /// The annotations over the grid whose first cell is `cells`, text at most 0.8 of `line`.
    static func place(_ table: GridTable, scale: HeatmapScale, line: Int,
                      cells: HeatmapLayout.Rect) -> [HeatmapLayout.Annotation] {
        let all = texts(table, scale: scale)
        let longest = all.joined().compactMap { $0?.count }.max() ?? 0
        let px = min(preferredPixels(line), fittingPixels(characters: longest, cell: cells.width))
        guard px > 0 else { return [] }
        var out: [HeatmapLayout.Annotation] = []
        for (i, row) in all.enumerated() {
            for (j, text) in row.enumerated() {
                guard let text else { continue }
                let x = cells.x + j * cells.width + cells.width / 2
                let y = cells.y + i * cells.height + cells.height / 2 - HeatmapText.centring(px)
                out.append(.init(row: i, col: j, text: HeatmapText(text: text, px: px, direction: .horizontal,
                                                                   anchor: .middle, x: x, y: y)))
            }
        }
        return out
    }
}

/// The ink for text or marks drawn on a coloured cell: black or white, whichever has the
/// higher WCAG 2 contrast ratio with the fill. Relative luminance is computed on linearised
/// sRGB components (L = 0.2126 R + 0.7152 G + 0.0722 B), the ratio is
/// (L_lighter + 0.05) / (L_darker + 0.05), so white wins on fills with L below about 0.179.
enum CellInk {
    static let black = RGB(0, 0, 0)
    static let white = RGB(255, 255, 255)

    /// The relative luminance of `c`, 0…1.
    static func luminance(_ c: RGB) -> Double {
        func linear(_ byte: UInt8) -> Double {
            let v = Double(byte) / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }

    /// The contrast ratio of two colours, 1…21.
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    /// Black or white, whichever contrasts more with `fill` (black on a tie).
    static func on(_ fill: RGB) -> RGB {
        contrast(white, fill) > contrast(black, fill) ? white : black
    }
}
