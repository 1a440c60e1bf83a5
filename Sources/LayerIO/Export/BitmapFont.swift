import Foundation
import Palette

/// A 5×9 bitmap font for the PNG exporter: printable ASCII (32–126) plus the few other
/// characters layermap's own labels use (× — – − … ≤ ≥ ² ρ Δ, and a combining macron for "ρ̄"),
/// written for layermap (the table is in `BitmapFont+Glyphs.swift`).
///
/// A glyph advances 6 pixels and a line is 10 pixels tall, with one blank row above the
/// glyph: the metrics `HeatmapText` lays text out with. At size s each font pixel is an s×s
/// block (and a fractional s is smoothed, see `draw`).
///
/// Text is drawn one glyph per `Character` (grapheme cluster). A character without a glyph
/// is drawn from its base letter when it is an accented Latin letter ("é" as "e"), and as "?"
/// otherwise.
enum BitmapFont {
    static let glyphWidth = 5
    static let glyphHeight = 9

    /// The decoded ASCII glyphs, 9 row bytes each (bit 4 = leftmost column).
    private static let asciiRows: [[UInt8]] = ascii.map(decode)
    private static let extraRows: [Unicode.Scalar: [UInt8]] = extras.mapValues(decode)

    /// The 9 rows of the glyph for `character`, top first, bit 4 = leftmost column; a macron
    /// or overline (U+0304, U+0305) in the cluster is drawn into the top row.
    static func rows(for character: Character) -> [UInt8] {
        let scalars = character.unicodeScalars
        let question = asciiRows[0x3F - 0x20]
        guard let base = scalars.first else { return question }
        var rows = glyph(base) ?? folded(character) ?? question
        if scalars.dropFirst().contains(where: { $0.value == 0x0304 || $0.value == 0x0305 }) { rows[0] |= 0x0E }
        return rows
    }

    /// Whether the font has its own glyph for `scalar`.
    static func hasGlyph(_ scalar: Unicode.Scalar) -> Bool { glyph(scalar) != nil }

    private static func glyph(_ scalar: Unicode.Scalar) -> [UInt8]? {
        if (0x20...0x7E).contains(scalar.value) { return asciiRows[Int(scalar.value) - 0x20] }
        return extraRows[scalar]
    }

    /// The glyph of the character with its diacritics removed, when that is one ASCII character.
    private static func folded(_ character: Character) -> [UInt8]? {
        let plain = String(character).folding(options: .diacriticInsensitive, locale: nil).unicodeScalars
        guard plain.count == 1, let s = plain.first, (0x20...0x7E).contains(s.value) else { return nil }
        return asciiRows[Int(s.value) - 0x20]
    }

    /// 18 hex digits → 9 row bytes.
    private static func decode(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        precondition(digits.count == 2 * glyphHeight, "a glyph is \(2 * glyphHeight) hex digits")
        func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : c - 0x61 + 10 }
        return (0..<glyphHeight).map { r in nibble(digits[2 * r]) << 4 | nibble(digits[2 * r + 1]) }
    }

    /// Draws `text` as `HeatmapText` places it (horizontal or rotated to read upwards), in
    /// `color`. Each font pixel is a square of px/10 image pixels; an image pixel takes the
    /// share of it the glyph covers (so a line height that is a multiple of 10 is drawn crisp,
    /// and others are smoothed rather than drawn with uneven strokes).
    static func draw(_ text: HeatmapText, color: RGB, into bitmap: inout RGBBitmap) {
        let k = Double(text.px) / 10
        let length = text.length, thickness = text.px
        guard length > 0, thickness > 0 else { return }
        // Coverage over the text's box: u along the reading direction, v across it from the line's top.
        var cover = [Double](repeating: 0, count: length * thickness)
        func spans(_ a: Double, _ b: Double, limit: Int) -> [(Int, Double)] {
            let first = max(0, Int(a.rounded(.down))), last = min(limit, Int(b.rounded(.up)))
            guard first < last else { return [] }
            return (first..<last).map { p in (p, min(b, Double(p + 1)) - max(a, Double(p))) }
        }
        for (c, character) in text.text.enumerated() {
            let rows = rows(for: character)
            for gy in 0..<glyphHeight where rows[gy] != 0 {
                let across = spans(Double(1 + gy) * k, Double(2 + gy) * k, limit: thickness)
                for gx in 0..<glyphWidth where rows[gy] & (0x10 >> gx) != 0 {
                    let u0 = Double(c * HeatmapText.advance + gx) * k
                    for (u, cu) in spans(u0, u0 + k, limit: length) {
                        for (v, cv) in across { cover[v * length + u] += cu * cv }
                    }
                }
            }
        }
        let start = text.start
        for v in 0..<thickness {
            for u in 0..<length {
                let a = cover[v * length + u]
                guard a > 0.004 else { continue }
                switch text.direction {
                case .horizontal: bitmap.blend(start + u, text.y + v, color, coverage: a)
                case .up: bitmap.blend(text.x + v, start - 1 - u, color, coverage: a)
                }
            }
        }
    }
}
