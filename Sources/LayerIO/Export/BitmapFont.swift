import Foundation
import Palette

/// A 5×9 bitmap font for the PNG exporter: printable ASCII (32–126) plus the few other
/// characters layermap's own labels use (× — − … ² ρ Δ, and a combining macron for "ρ̄"),
/// written for layermap (the table is in `BitmapFont+Glyphs.swift`).
///
/// A glyph advances 6 pixels and a line is 10 pixels tall, with one blank row above the
/// glyph: the metrics `HeatmapText` lays text out with. At size s each font pixel is an s×s
/// block; the exporter draws at size 2 so that labels stay legible in print.
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

    /// Draws `text` as `HeatmapText` places it (horizontal or rotated to read upwards), in `color`.
    static func draw(_ text: HeatmapText, color: RGB, into bitmap: inout RGBBitmap) {
        let s = text.size
        let start = text.start
        for (k, character) in text.text.enumerated() {
            let rows = rows(for: character)
            for gy in 0..<glyphHeight where rows[gy] != 0 {
                for gx in 0..<glyphWidth where rows[gy] & (0x10 >> gx) != 0 {
                    // Position along the reading direction (u) and across it from the line's top (v).
                    let u = (k * HeatmapText.advance + gx) * s
                    let v = (1 + gy) * s
                    switch text.direction {
                    case .horizontal:
                        bitmap.fill(.init(x: start + u, y: text.y + v, width: s, height: s), color)
                    case .up:
                        bitmap.fill(.init(x: text.x + v, y: start - u - s, width: s, height: s), color)
                    }
                }
            }
        }
    }
}
