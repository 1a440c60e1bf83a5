import Explorer
import Testing
@testable import CursesTerminal

@Suite("Colour numbers and RGB packing")
struct ColorNumbersTests {
    @Test("RGB packs as r<<16 | g<<8 | b and unpacks back")
    func packing() {
        #expect(ColorNumbers.packRGB(0x12, 0x34, 0x56) == 0x123456)
        #expect(ColorNumbers.packRGB(255, 255, 255) == 0xFFFFFF)
        #expect(ColorNumbers.packRGB(0, 1, 0) == 0x000100)
        let (r, g, b) = ColorNumbers.unpackRGB(0xFA7800)
        #expect(r == 250 && g == 120 && b == 0)
    }

    @Test("packed values below 8 are raised to 8, away from the ANSI palette")
    func lowValues() {
        for b: UInt8 in 0..<8 { #expect(ColorNumbers.packRGB(0, 0, b) == 8) }
        #expect(ColorNumbers.packRGB(0, 0, 8) == 8)
        #expect(ColorNumbers.packRGB(0, 0, 9) == 9)
    }

    @Test("the xterm palette: system colours, cube, grey ramp")
    func xtermPalette() {
        #expect(ColorNumbers.xtermRGB(1) == (205, 0, 0))
        #expect(ColorNumbers.xtermRGB(16) == (0, 0, 0))
        #expect(ColorNumbers.xtermRGB(196) == (255, 0, 0))
        #expect(ColorNumbers.xtermRGB(21) == (0, 0, 255))
        #expect(ColorNumbers.xtermRGB(231) == (255, 255, 255))
        #expect(ColorNumbers.xtermRGB(232) == (8, 8, 8))
        #expect(ColorNumbers.xtermRGB(255) == (238, 238, 238))
    }

    @Test("nearest palette index")
    func nearest() {
        #expect(ColorNumbers.nearestIndex(255, 0, 0, paletteSize: 256) == 196)
        #expect(ColorNumbers.nearestIndex(10, 200, 30, paletteSize: 256) == 40)
        #expect(ColorNumbers.nearestIndex(128, 128, 128, paletteSize: 256) == 244)
        #expect(ColorNumbers.nearestIndex(255, 0, 0, paletteSize: 16) == 9)
        #expect(ColorNumbers.nearestIndex(255, 0, 0, paletteSize: 8) == 1)
        #expect(ColorNumbers.nearestIndex(250, 250, 250, paletteSize: 8) == 7)
        // Every cube colour maps to itself.
        for i in 16...255 {
            let (r, g, b) = ColorNumbers.xtermRGB(UInt8(i))
            #expect(ColorNumbers.xtermRGB(ColorNumbers.nearestIndex(r, g, b, paletteSize: 256)) == (r, g, b))
        }
    }

    @Test("palette numbering: indices pass through, the rest degrade to the nearest")
    func paletteNumbers() {
        let p256 = ColorNumbering.palette(size: 256), p8 = ColorNumbering.palette(size: 8)
        #expect(ColorNumbers.number(for: .default, numbering: p256, defaultColors: true, foreground: true) == -1)
        #expect(ColorNumbers.number(for: .default, numbering: p256, defaultColors: false, foreground: true) == 7)
        #expect(ColorNumbers.number(for: .default, numbering: p256, defaultColors: false, foreground: false) == 0)
        #expect(ColorNumbers.number(for: .indexed(196), numbering: p256, defaultColors: true, foreground: true) == 196)
        #expect(ColorNumbers.number(for: .indexed(196), numbering: p8, defaultColors: true, foreground: true) == 1)
        #expect(ColorNumbers.number(for: .indexed(12), numbering: p8, defaultColors: true, foreground: true) == 4)
        #expect(ColorNumbers.number(for: .rgb(10, 200, 30), numbering: p256, defaultColors: true, foreground: false) == 40)
    }

    @Test("direct numbering: everything is packed RGB")
    func directNumbers() {
        #expect(ColorNumbers.number(for: .default, numbering: .direct, defaultColors: true, foreground: false) == -1)
        #expect(ColorNumbers.number(for: .rgb(10, 200, 30), numbering: .direct, defaultColors: true, foreground: true) == 0x0AC81E)
        #expect(ColorNumbers.number(for: .indexed(196), numbering: .direct, defaultColors: true, foreground: true) == 0xFF0000)
        #expect(ColorNumbers.number(for: .indexed(1), numbering: .direct, defaultColors: true, foreground: true) == 0xCD0000)
        #expect(ColorNumbers.number(for: .indexed(0), numbering: .direct, defaultColors: true, foreground: true) == 8)
        #expect(ColorNumbers.number(for: .rgb(0, 0, 0), numbering: .direct, defaultColors: true, foreground: true) == 8)
    }

    @Test("numbering for each mode")
    func numberingForMode() {
        #expect(ColorNumbering.forMode(.monochrome, directEntry: true) == ColorNumbering.none)
        #expect(ColorNumbering.forMode(.trueColor, directEntry: true) == .direct)
        #expect(ColorNumbering.forMode(.palette8, directEntry: true) == .direct)
        #expect(ColorNumbering.forMode(.palette256, directEntry: false) == .palette(size: 256))
        #expect(ColorNumbering.forMode(.palette16, directEntry: false) == .palette(size: 16))
        #expect(ColorNumbering.forMode(.palette8, directEntry: false) == .palette(size: 8))
    }
}
