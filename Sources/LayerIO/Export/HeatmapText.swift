import Foundation
import Palette

/// One piece of text on a heatmap image (a title, a layer name, a tick label, a cell's value),
/// placed by `HeatmapLayout` and drawn by both the SVG and the PNG exporter.
///
/// `px` is the line height in pixels (the font size). Text is measured with the bitmap
/// font's metrics scaled by px/10: a character advances 0.6·px and its glyph is 0.5·px wide,
/// the capitals' tops are 0.1·px below the line's top and the baseline 0.8·px below it. The
/// SVG sets `font-size` to px, where a sans-serif's capitals have about the same height and
/// its average advance about the same width, so one layout fits both outputs. The PNG draws
/// the bitmap font scaled by px/10 with area coverage (crisp at multiples of 10 px).
///
/// `direction` is `.horizontal`, or `.up` (rotated 90° counter-clockwise, read bottom to top,
/// the glyphs' tops facing left). The anchor point is (`x`, `y`):
/// - horizontal: `x` is where the text starts, is centred or ends (by `anchor`), `y` is the
///   line's top;
/// - up: `x` is the line's left edge, `y` is where the text starts (its bottom end), is
///   centred, or ends (its top end).
struct HeatmapText: Equatable, Sendable {
    enum Direction: Equatable, Sendable { case horizontal, up }
    enum Anchor: Equatable, Sendable { case start, middle, end }

    var text: String
    /// The line height in pixels: 10 for the bitmap font's own pixels, 20 for doubled pixels.
    var px: Int
    var direction: Direction
    var anchor: Anchor
    var x: Int
    var y: Int

    /// Advance per character, in tenths of the line height.
    static let advance = 6
    /// Baseline below the line's top, in tenths of the line height.
    static let baseline = 8

    /// The drawn width of `text` at line height `px`: characters (grapheme clusters) × the
    /// advance, less the spacing column after the last one, rounded up to whole pixels.
    static func width(_ text: String, px: Int) -> Int {
        let n = text.count
        return n == 0 ? 0 : ((n * advance - 1) * px + 9) / 10
    }

    /// The offset from a line's top to the middle of its capitals (4.5 tenths), used to centre
    /// a line on a cell.
    static func centring(_ px: Int) -> Int { 9 * px / 20 }

    /// The text's extent along its reading direction.
    var length: Int { Self.width(text, px: px) }

    /// The line's extent across its reading direction.
    var thickness: Int { px }

    /// Where the text begins along its reading direction: the left x (horizontal) or the
    /// bottom y, exclusive (up).
    var start: Int {
        let offset: Int
        switch anchor {
        case .start: offset = 0
        case .middle: offset = length / 2
        case .end: offset = length
        }
        return direction == .horizontal ? x - offset : y + offset
    }

    /// The box the text occupies on the image.
    var box: HeatmapLayout.Rect {
        switch direction {
        case .horizontal: return .init(x: start, y: y, width: length, height: thickness)
        case .up: return .init(x: x, y: start - length, width: thickness, height: length)
        }
    }

    /// `box` grown along the reading direction by an eighth of the length, away from the
    /// anchor (half of that on each side when centred): the room the layout keeps so that a
    /// sans-serif a little wider than the bitmap font's metrics still fits in the SVG.
    var reservedBox: HeatmapLayout.Rect {
        let extra = Self.slack(length)
        var b = box
        switch (direction, anchor) {
        case (.horizontal, .start): b.width += extra
        case (.horizontal, .end): b.x -= extra; b.width += extra
        case (.horizontal, .middle): b.x -= extra / 2; b.width += extra
        case (.up, .start): b.y -= extra; b.height += extra
        case (.up, .end): b.height += extra
        case (.up, .middle): b.y -= extra / 2; b.height += extra
        }
        return b
    }

    /// The room kept beyond a text's measured length.
    static func slack(_ length: Int) -> Int { length / 8 }

    // MARK: - Text helpers

    /// Control characters as "?", so a name cannot break a line of the figure.
    static func printable(_ text: String) -> String {
        String(text.map { ch in
            ch.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } ? "?" : ch
        })
    }

    /// `text` (printable) cut to at most `limit` characters by keeping its end after an
    /// ellipsis, "…denselayer16.conv2": a name is never cut in its middle, and its end, which
    /// tells layers and seeds apart, stays. The cut is after a separator (not a letter or a
    /// digit) when the kept end has one, so no word is split.
    static func keepingEnd(_ text: String, to limit: Int) -> String {
        let clean = printable(text)
        guard clean.count > limit, limit >= 2 else { return clean }
        var tail = Substring(clean.suffix(limit - 1))
        let before = clean.dropLast(tail.count).last
        if let before, AxisNames.isWordCharacter(before),
           let separator = tail.firstIndex(where: { !AxisNames.isWordCharacter($0) }), separator < tail.index(before: tail.endIndex) {
            tail = tail[tail.index(after: separator)...]
        }
        return "\u{2026}" + tail
    }

    /// `text` (printable) cut to at most `limit` characters at its end, "linear CKA — a × …":
    /// for titles, which read from the start.
    static func keepingStart(_ text: String, to limit: Int) -> String {
        let clean = printable(text)
        guard clean.count > limit, limit >= 2 else { return clean }
        return String(clean.prefix(limit - 1)) + "\u{2026}"
    }
}
