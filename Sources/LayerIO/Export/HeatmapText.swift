import Foundation

/// One piece of text on a heatmap image (a title, a layer name, a tick label), placed by
/// `HeatmapLayout` and drawn by both the SVG and the PNG exporter.
///
/// Text is measured with the bitmap font's metrics: at size s a character advances 6·s px
/// and a line is 10·s px tall, with the capitals' tops 1·s below the line's top and the
/// baseline 8·s below it. The SVG sets `font-size` to 10·s, where a sans-serif's capitals
/// have about the same height and its average advance about the same width, so one layout
/// fits both outputs.
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
    /// The font scale s: 1 for the bitmap font's own pixels, 2 for doubled pixels.
    var size: Int
    var direction: Direction
    var anchor: Anchor
    var x: Int
    var y: Int

    /// Advance per character at size 1.
    static let advance = 6
    /// Line height at size 1.
    static let lineHeight = 10
    /// Baseline below the line's top at size 1.
    static let baseline = 8

    /// The drawn width of `text` at size `size`: characters (grapheme clusters) × advance,
    /// less the spacing column after the last one.
    static func width(_ text: String, size: Int) -> Int {
        let n = text.count
        return n == 0 ? 0 : (n * advance - 1) * size
    }

    /// The text's extent along its reading direction.
    var length: Int { Self.width(text, size: size) }

    /// The line's extent across its reading direction.
    var thickness: Int { Self.lineHeight * size }

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

    /// `text` cut to at most `limit` characters by replacing its middle with "…", so both the
    /// prefix (the block) and the suffix (the layer index) of a long layer name stay visible.
    /// Control characters become "?".
    static func shortened(_ text: String, to limit: Int) -> String {
        let clean = String(text.map { ch in
            ch.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } ? "?" : ch
        })
        guard clean.count > limit, limit >= 3 else { return clean }
        let kept = limit - 1
        let head = (kept + 1) / 2, tail = kept / 2
        return String(clean.prefix(head)) + "\u{2026}" + String(clean.suffix(tail))
    }
}
