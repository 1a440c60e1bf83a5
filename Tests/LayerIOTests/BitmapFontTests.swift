import Testing
@testable import LayerIO
import Palette

/// The PNG's bitmap font covers printable ASCII with distinct glyphs, and drawn text is as
/// wide as the layout measures it.
@Suite struct BitmapFontTests {
    static let printable = (0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }

    @Test func everyPrintableASCIIGlyphIsPresentAndDistinct() {
        #expect(BitmapFont.ascii.count == 95)
        var seen: [[UInt8]: Character] = [:]
        for ch in Self.printable {
            #expect(BitmapFont.hasGlyph(ch.unicodeScalars.first!), "\(ch)")
            let rows = BitmapFont.rows(for: ch)
            #expect(rows.count == BitmapFont.glyphHeight)
            #expect(rows.allSatisfy { $0 < 0x20 }, "\(ch) is 5 pixels wide")
            #expect((ch == " ") == rows.allSatisfy { $0 == 0 }, "only the space is blank: \(ch)")
            if let other = seen[rows] { Issue.record("\(ch) and \(other) have the same glyph") }
            seen[rows] = ch
        }
    }

    @Test func onlyDescendersReachBelowTheBaseline() {
        for ch in Self.printable {
            let below = BitmapFont.rows(for: ch)[7...].contains { $0 != 0 }
            #expect(below == "gjpqy,;_".contains(ch), "\(ch)")
        }
    }

    @Test func unknownCharactersAreQuestionMarksAndAccentsFallBackToTheBaseLetter() {
        let question = BitmapFont.rows(for: "?")
        #expect(BitmapFont.rows(for: "日") == question)
        #expect(BitmapFont.rows(for: "\u{1F600}") == question)
        #expect(BitmapFont.rows(for: "é") == BitmapFont.rows(for: "e"))
        #expect(BitmapFont.rows(for: "Ü") == BitmapFont.rows(for: "U"))
        // The symbols of layermap's own labels have their own glyphs.
        for ch: Character in ["×", "—", "−", "…", "²", "ρ", "Δ"] {
            #expect(BitmapFont.rows(for: ch) != question, "\(ch)")
        }
        // "ρ̄" (ρ + combining macron) is one glyph: ρ with a bar on top.
        var barred = BitmapFont.rows(for: "ρ")
        barred[0] |= 0x0E
        #expect(BitmapFont.rows(for: "ρ\u{0304}") == barred)
        #expect(HeatmapText.width("CCA ρ\u{0304}", px: 10) == HeatmapText.width("CCA r", px: 10))
    }

    /// The ink's bounding box: (minX, minY, maxX, maxY), inclusive.
    static func inkBox(_ bitmap: RGBBitmap, _ ink: RGB) -> (Int, Int, Int, Int)? {
        var box: (Int, Int, Int, Int)?
        for y in 0..<bitmap.height {
            for x in 0..<bitmap.width where bitmap[x, y] == ink {
                box = box.map { (min($0.0, x), min($0.1, y), max($0.2, x), max($0.3, y)) } ?? (x, y, x, y)
            }
        }
        return box
    }

    @Test func renderedWidthIsGlyphCountTimesAdvance() throws {
        let ink = RGB(0, 0, 0)
        for size in [1, 2, 3] {
            for text in ["MM", "HWMH", "M0123456789M"] {
                // "M" and "H" fill the glyph's first and last columns, so the ink spans the text exactly.
                var bitmap = RGBBitmap(width: 200 * size, height: 40 * size, fill: RGB(255, 255, 255))
                let item = HeatmapText(text: text, px: 10 * size, direction: .horizontal, anchor: .start, x: 3, y: 2)
                BitmapFont.draw(item, color: ink, into: &bitmap)
                let box = try #require(Self.inkBox(bitmap, ink))
                #expect(box.2 - box.0 + 1 == (text.count * HeatmapText.advance - 1) * size, "\(text) at size \(size)")
                #expect(box.2 - box.0 + 1 == item.length)
                #expect(box.0 == 3 && box.1 == 2 + size, "capitals start one row below the line's top")
                #expect(box.3 == 2 + 8 * size - 1, "and end on the baseline")
            }
        }
    }

    @Test func upwardTextIsTheHorizontalTextRotated() throws {
        let ink = RGB(0, 0, 0)
        let text = "Layer_7g"
        var flat = RGBBitmap(width: 120, height: 30, fill: RGB(255, 255, 255))
        var up = RGBBitmap(width: 30, height: 120, fill: RGB(255, 255, 255))
        BitmapFont.draw(HeatmapText(text: text, px: 20, direction: .horizontal, anchor: .start, x: 0, y: 0),
                        color: ink, into: &flat)
        BitmapFont.draw(HeatmapText(text: text, px: 20, direction: .up, anchor: .start, x: 0, y: 120),
                        color: ink, into: &up)
        // Rotating 90° counter-clockwise: (x, y) → (y, 119 − x).
        for y in 0..<30 {
            for x in 0..<120 { #expect(flat[x, y] == up[y, 119 - x]) }
        }
    }

    @Test func anchorsPlaceTheTextAroundThePoint() {
        let t = HeatmapText(text: "abcd", px: 20, direction: .horizontal, anchor: .end, x: 100, y: 0)
        #expect(t.box.maxX == 100 && t.box.width == (4 * 6 - 1) * 2)
        let m = HeatmapText(text: "abcd", px: 20, direction: .up, anchor: .middle, x: 0, y: 100)
        #expect(m.box.y + m.box.height / 2 == 100 && m.box.width == 20)
    }

    /// A line height that is no multiple of 10 scales the glyphs by px/10 with area coverage:
    /// a glyph pixel of side 1.5 covers one image pixel fully and half of the next, so "I"'s
    /// one-pixel stem (column 2 of the glyph, x from 3 to 4.5) is ink at x = 3 and half ink at 4.
    @Test func fractionalSizesAreSmoothedNotUneven() throws {
        let white = RGB(255, 255, 255), ink = RGB(0, 0, 0)
        var bitmap = RGBBitmap(width: 20, height: 20, fill: white)
        BitmapFont.draw(HeatmapText(text: "I", px: 15, direction: .horizontal, anchor: .start, x: 0, y: 0),
                        color: ink, into: &bitmap)
        // "I": rows 0–6 of the glyph; its stem is column 2 on rows 1–5 (y from 3 to 10.5).
        #expect(bitmap[3, 6] == ink)
        #expect(bitmap[4, 6] == white.mixed(with: ink, 0.5))
        #expect(bitmap[5, 6] == white)
        #expect(HeatmapText.width("I", px: 15) == 8, "5 glyph pixels × 1.5, rounded up")
    }
}
