import Testing
import Explorer
import Similarity

@Suite struct ColorScaleTests {
    /// Published values of matplotlib's `_viridis_data`: stops 0, 128 and 255.
    @Test func viridisMatchesThePublishedTable() {
        #expect(ColorScale.viridis.rgb(at: 0) == RGB(unit: 0.267004, 0.004874, 0.329415))
        #expect(ColorScale.viridis.rgb(step: 128) == RGB(unit: 0.127568, 0.566949, 0.550556))
        #expect(ColorScale.viridis.rgb(at: 1) == RGB(unit: 0.993248, 0.906157, 0.143936))
        #expect(ColorScale.viridis.rgb(at: 0) == RGB(68, 1, 84))
        #expect(ColorScale.viridis.rgb(at: 1) == RGB(253, 231, 37))
        // 0.5 lies between stops 127 and 128 and rounds up to 128.
        #expect(ColorScale.viridis.rgb(at: 0.5) == ColorScale.viridis.rgb(step: 128))
    }

    @Test func viridisGetsLighterAlongTheScale() {
        let lum = (0..<256).map { ColorScale.viridis.rgb(step: $0).luminance }
        #expect(zip(lum, lum.dropFirst()).allSatisfy { $0.0 <= $0.1 + 0.002 }, "viridis is perceptually ordered by lightness")
    }

    @Test func distancesUseTheReversedScale() {
        #expect(ColorScale.forMetric(.linearCKA) == .viridis)
        #expect(ColorScale.forMetric(.mmdPoly) == .viridisReversed)
        for i in 0..<256 {
            #expect(ColorScale.viridisReversed.rgb(step: i) == ColorScale.viridis.rgb(step: 255 - i))
        }
        #expect(ColorScale.viridisReversed.rgb(at: 0) == RGB(253, 231, 37))
    }

    @Test func divergingScaleIsBlueWhiteRed() {
        let low = ColorScale.diverging.rgb(at: 0), mid = ColorScale.diverging.rgb(at: 0.5), high = ColorScale.diverging.rgb(at: 1)
        #expect(low == RGB(5, 48, 97))
        #expect(high == RGB(103, 0, 31))
        #expect(mid.r >= 240 && mid.g >= 240 && mid.b >= 240, "the middle is near white: \(mid)")
        #expect(low.b > low.r && high.r > high.b)
    }

    @Test func valuesAreMappedWithTheDisplayRangeAndClamped() {
        #expect(ColorScale.position(of: 0.25, in: 0...1) == 0.25)
        #expect(ColorScale.position(of: 1.7, in: 0...1) == 1)
        #expect(ColorScale.position(of: -0.3, in: 0...1) == 0)
        #expect(ColorScale.position(of: .nan, in: 0...1) == 0)
        #expect(ColorScale.step(1) == 255 && ColorScale.step(0) == 0 && ColorScale.step(2) == 255)
    }

    @Test func xterm256QuantisationOfKnownColours() {
        #expect(ColorMode.palette256.quantize(RGB(255, 0, 0)) == .indexed(196))
        #expect(ColorMode.palette256.quantize(RGB(0, 0, 255)) == .indexed(21))
        #expect(ColorMode.palette256.quantize(RGB(0, 0, 0)) == .indexed(16))
        #expect(ColorMode.palette256.quantize(RGB(255, 255, 255)) == .indexed(231))
        #expect(ColorMode.palette256.quantize(RGB(95, 135, 175)) == .indexed(67))
        // Greys land on the grey ramp: 8 + 10k.
        #expect(ColorMode.palette256.quantize(RGB(128, 128, 128)) == .indexed(244))
        #expect(ColorMode.palette256.quantize(RGB(88, 88, 88)) == .indexed(240))
        #expect(ColorMode.palette256.quantize(RGB(238, 238, 238)) == .indexed(255))
        // Viridis' last stop (253, 231, 37) is cube (5, 4, 0).
        #expect(ColorMode.palette256.quantize(ColorScale.viridis.rgb(at: 1)) == .indexed(220))
        #expect(XtermPalette.rgb(196) == RGB(255, 0, 0) && XtermPalette.rgb(244) == RGB(128, 128, 128))
    }

    @Test func everyPaletteIndexQuantisesToItself() {
        for i in 16...255 {
            let c = XtermPalette.rgb(UInt8(i))
            let back = XtermPalette.nearest256(c)
            #expect(XtermPalette.rgb(back) == c, "index \(i)")
        }
    }

    @Test func basicPalettesFollowViridisInOrder() {
        func runs(_ mode: ColorMode) -> [TermColor] {
            var out: [TermColor] = []
            for c in ColorScale.viridis.terminalColors(mode) where out.last != c { out.append(c) }
            return out
        }
        #expect(runs(.palette16) == [0, 4, 12, 6, 2, 3, 11].map { TermColor.indexed($0) })
        #expect(runs(.palette8) == [0, 4, 6, 2, 3].map { TermColor.indexed($0) })
        #expect(ColorMode.palette16.quantize(RGB(255, 0, 0)) == .indexed(9))
        #expect(ColorMode.palette8.quantize(RGB(250, 10, 10)) == .indexed(1))
        #expect(ColorMode.palette16.quantize(RGB(120, 120, 120)) == .indexed(8), "greys are kept outside scales")
    }

    @Test func trueColorAndMonochrome() {
        #expect(ColorMode.trueColor.quantize(RGB(1, 2, 3)) == .rgb(1, 2, 3))
        #expect(ColorScale.viridis.terminalColors(.trueColor)[255] == .rgb(253, 231, 37))
        #expect(ColorScale.viridis.terminalColors(.monochrome).allSatisfy { $0 == .default })
        #expect(Glyphs.unicode.shade(0) == " " && Glyphs.unicode.shade(1) == "█" && Glyphs.unicode.shade(0.5) == "▒")
        #expect(Glyphs.ascii.shade(1) == "@" && Glyphs.ascii.shade(0.3) == ".")
    }
}

@Suite struct NumberFormatTests {
    @Test func fixedAndCompact() {
        #expect(NumberFormat.fixed(0.8726, 3) == "0.873")
        #expect(NumberFormat.fixed(1, 3) == "1.000")
        #expect(NumberFormat.fixed(-0.0004, 3) == "0.000")
        #expect(NumberFormat.fixed(-2.5, 1) == "-2.5")
        #expect(NumberFormat.fixed(12.345, 0) == "12")
        #expect(NumberFormat.compact(0.8726) == "0.873")
        #expect(NumberFormat.compact(1) == "1.000")
        #expect(NumberFormat.compact(-0.0213) == "-0.02")
        #expect(NumberFormat.compact(12.345) == "12.35")
        #expect(NumberFormat.compact(-123.4) == "-123")
        #expect(NumberFormat.compact(123456) == ">9999")
    }

    @Test func scientificAndDurations() {
        #expect(NumberFormat.scientific(0.012345) == "1.234e-02" || NumberFormat.scientific(0.012345) == "1.235e-02")
        #expect(NumberFormat.value(0.5) == "0.500")
        #expect(NumberFormat.value(2e-5) == "2.000e-05")
        #expect(NumberFormat.duration(2.2) == "3s")
        #expect(NumberFormat.duration(65) == "1m05s")
        #expect(NumberFormat.duration(7380) == "2h03m")
        #expect(NumberFormat.percent(0.4123) == "41.2%")
    }
}
