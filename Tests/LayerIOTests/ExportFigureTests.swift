import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LayerIO
import Similarity
import Palette

/// The figure options: their command-line forms, the colour ranges (percentiles checked
/// against numpy), the values printed in cells and their contrasting ink, an exact image
/// size, and the seed baseline's diverging figure with its significance marks.
@Suite struct ExportFigureTests {
    // MARK: - Parsing

    @Test func sizesParseAsWidthByHeight() {
        #expect(FigureOptions.PixelSize(parsing: "1600x1200") == .init(width: 1600, height: 1200))
        #expect(FigureOptions.PixelSize(parsing: "800X600") == .init(width: 800, height: 600))
        for bad in ["", "800", "800x", "x600", "800x600x2", "-800x600", "8.5x600", "800*600", "15x600", "800x20001"] {
            #expect(FigureOptions.PixelSize(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func rangesParseByNameOrAsMinColonMax() {
        #expect(FigureOptions.RangeMode(parsing: "full") == .full)
        #expect(FigureOptions.RangeMode(parsing: "AUTO") == .auto)
        #expect(FigureOptions.RangeMode(parsing: "robust") == .robust)
        #expect(FigureOptions.RangeMode(parsing: "0.9:1") == .fixed(0.9...1))
        #expect(FigureOptions.RangeMode(parsing: "-1:1") == .fixed(-1...1))
        #expect(FigureOptions.RangeMode(parsing: "-0.5:-0.1") == .fixed(-0.5...(-0.1)))
        for bad in ["", "wide", "1:0", "0.5:0.5", "0:", ":1", "0:inf", "nan:1", "0;1", "a:b"] {
            #expect(FigureOptions.RangeMode(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func pointsBecomePixelsAtTheDPI() {
        #expect(FigureOptions().linePixels == 20, "10 pt at 144 dpi")
        #expect(FigureOptions(dpi: 300, fontSize: 8).linePixels == 33)
        #expect(FigureOptions(dpi: 72, fontSize: 4).linePixels == 6, "at least 6 px")
    }

    // MARK: - Ranges

    /// Twelve values with two outliers (0.2, 0.5); numpy: np.percentile(v, 2) = 0.266,
    /// np.percentile(v, 98) = 0.999078.
    static let spread: [Double] = [0.91, 0.95, 0.99, 0.935, 0.9991, 0.97, 0.5, 0.999, 0.92, 0.96, 0.2, 0.985]

    static func table(_ values: [Double], metric: Metric = .linearCKA) -> GridTable {
        HeatmapFixtures.table(rows: 1, cols: values.count, metric: metric) { _, j in .value(values[j]) }
    }

    @Test func percentilesAreNumpysLinearOnes() {
        #expect(abs(HeatmapScale.percentile(Self.spread, 2) - 0.266) < 1e-12)
        #expect(abs(HeatmapScale.percentile(Self.spread, 98) - 0.999078) < 1e-12)
        #expect(HeatmapScale.percentile([3], 2) == 3 && HeatmapScale.percentile([1, 2], 100) == 2)
    }

    @Test func rangeModesSpanWhatTheyPromise() {
        let t = Self.table(Self.spread)
        let full = HeatmapScale.figure(t, range: .full)
        #expect(full.range == 0...1 && full.label == "linear CKA")
        let auto = HeatmapScale.figure(t, range: .auto)
        #expect(auto.range == 0.2...0.9991 && auto.label == "linear CKA, data range")
        let robust = HeatmapScale.figure(t, range: .robust)
        #expect(abs(robust.range.lowerBound - 0.266) < 1e-12 && abs(robust.range.upperBound - 0.999078) < 1e-12)
        #expect(robust.label == "linear CKA, 2nd\u{2013}98th percentile")
        let fixed = HeatmapScale.figure(t, range: .fixed(0.9...1))
        #expect(fixed.range == 0.9...1 && abs(fixed.position(0.95) - 0.5) < 1e-12)
        // A distance stays reversed; equal values get a range around them.
        let mmd = HeatmapScale.figure(Self.table([0.4, 0.4], metric: .mmdPoly), range: .auto)
        #expect(mmd.reversed && mmd.range.contains(0.4) && mmd.range.lowerBound < 0.4)
        // No numbers: the full range.
        let empty = HeatmapFixtures.table(rows: 1, cols: 1) { _, _ in .undefined(reason: "x") }
        #expect(HeatmapScale.figure(empty, range: .robust).range == 0...1)
    }

    @Test func aBaselinesRangesStaySymmetricAroundZero() {
        // numpy: np.percentile(np.abs(d), 98) = 0.1064.
        let d = [0.013, -0.002, 0.05, 0.11, -0.08, 0.03, 0.0]
        let t = ExportBaselineTests.baseline(differences: [d])
        #expect(HeatmapScale.figure(t, range: .full).range == -0.11...0.11)
        #expect(HeatmapScale.figure(t, range: .auto).range == -0.11...0.11)
        let robust = HeatmapScale.figure(t, range: .robust).range
        #expect(abs(robust.upperBound - 0.1064) < 1e-12 && robust.lowerBound == -robust.upperBound)
        #expect(HeatmapScale.figure(t, range: .fixed(-0.2...0.2)).range == -0.2...0.2)
    }

    // MARK: - Annotations and ink

    /// WCAG 2 relative luminance and contrast, against values computed with numpy:
    /// (68, 1, 84) → L = 0.018907, white; (253, 231, 37) → 0.781680, black; (117, 117, 117) →
    /// 0.177888, white (4.608 against 4.558); (118, 118, 118) → 0.181164, black.
    @Test func inkContrastsWithTheCell() {
        #expect(abs(CellInk.luminance(RGB(68, 1, 84)) - 0.01890745028708783) < 1e-12)
        #expect(abs(CellInk.luminance(RGB(253, 231, 37)) - 0.781680461121995) < 1e-12)
        #expect(abs(CellInk.contrast(CellInk.white, RGB(117, 117, 117)) - 4.607518093747377) < 1e-9)
        #expect(CellInk.on(RGB(68, 1, 84)) == CellInk.white)
        #expect(CellInk.on(RGB(253, 231, 37)) == CellInk.black)
        #expect(CellInk.on(RGB(117, 117, 117)) == CellInk.white)
        #expect(CellInk.on(RGB(118, 118, 118)) == CellInk.black)
        #expect(CellInk.on(RGB(0, 0, 255)) == CellInk.white && CellInk.on(RGB(255, 0, 0)) == CellInk.black)
    }

    @Test func annotationsHaveTheDecimalsTheRangeNeeds() {
        #expect(CellAnnotations.decimals(HeatmapScale(metric: .linearCKA)) == 2)
        #expect(CellAnnotations.decimals(HeatmapScale(range: 0.9...1, label: "")) == 2)
        #expect(CellAnnotations.decimals(HeatmapScale(range: 0.99...1, label: "")) == 3)
        #expect(CellAnnotations.decimals(HeatmapScale(range: 0.9991...0.9998, label: "")) == 5)
        #expect(CellAnnotations.decimals(HeatmapScale(range: 0...1e-9, label: "")) == 6)
        let t = Self.table([0.873, -0.0004, 1])
        #expect(CellAnnotations.texts(t, scale: HeatmapScale(metric: .linearCKA)) == [["0.87", "0.00", "1.00"]])
        let b = ExportBaselineTests.baseline(differences: [[0.12, -0.05]], p: [[0.01, 0.2]])
        #expect(CellAnnotations.texts(b, scale: .diverging(radius: 0.12, label: "")) == [["+0.12*", "\u{2212}0.05"]])
    }

    /// Every cell's value is printed in it, centred, in the ink that contrasts with the cell;
    /// in the PNG, the dark cell's text is white and the light cell's black.
    @Test func annotatedImagesPrintEveryValue() throws {
        let t = Self.table([0.02, 0.97])
        let figure = FigureOptions(annotate: true)
        let layout = try HeatmapLayout.fitted(table: t, scale: HeatmapScale(metric: .linearCKA), title: nil, figure: figure)
        #expect(layout.annotations.map(\.text.text) == ["0.02", "0.97"])
        for a in layout.annotations {
            #expect(a.text.px >= HeatmapLayout.minAnnotationPixels)
            let cell = layout.cell(a.row, a.col)
            #expect(a.text.box.x >= cell.x && a.text.box.maxX <= cell.maxX, "inside its cell")
            #expect(a.text.x == cell.centreX)
        }
        let png = try DecodedPNG(try ImageExporter.data(t, format: .png, palette: .viridis, figure: figure))
        func inks(_ j: Int) -> Set<RGB> {
            let c = layout.cell(0, j)
            var seen = Set<RGB>()
            for y in c.y..<c.maxY { for x in c.x..<c.maxX { seen.insert(png[x, y]) } }
            return seen
        }
        #expect(inks(0).contains(CellInk.white) && !inks(0).contains(CellInk.black))
        #expect(inks(1).contains(CellInk.black) && !inks(1).contains(CellInk.white))
        let svg = try SVGExporterTests.parse(String(decoding: try ImageExporter.data(t, format: .svg, palette: .viridis, figure: figure), as: UTF8.self))
        let texts = svg.filter { $0.name == "text" && $0.ancestorIDs.contains("annotations") }
        #expect(texts.map(\.text) == ["0.02", "0.97"])
        #expect(texts.map { $0.attributes["fill"] } == ["#ffffff", "#000000"])
    }

    // MARK: - Size

    @Test func anExactSizeIsThePNGsSize() throws {
        let names = (0..<64).map { "encoder.layer.\($0).attention.output.dense" }
        let t = HeatmapFixtures.table(rows: 64, cols: 64, rowNames: names, colNames: names) { i, j in .value(1 - Double(abs(i - j)) / 64) }
        for (w, h) in [(800, 700), (1600, 1400), (640, 1000)] {
            let figure = FigureOptions(size: .init(width: w, height: h), fontSize: 7)
            let png = try DecodedPNG(try ImageExporter.data(t, format: .png, palette: .viridis, figure: figure))
            #expect(png.width == w && png.height == h, "\(w)x\(h)")
            let layout = try HeatmapLayout.fitted(table: t, scale: HeatmapScale(metric: .linearCKA), title: nil, figure: figure)
            #expect(layout.rowLabels.first?.text == "0" && layout.rowLabels.last?.text == "63", "the first and last are labelled")
            let svg = try SVGExporterTests.parse(String(decoding: try ImageExporter.data(t, format: .svg, figure: figure), as: UTF8.self))
            #expect(svg[0].attributes["width"] == "\(w)" && svg[0].attributes["height"] == "\(h)")
        }
    }

    @Test func aSizeTooSmallIsAnErrorThatSaysWhatItNeeds() {
        let t = HeatmapFixtures.table(rows: 64, cols: 64) { _, _ in .value(0.5) }
        #expect(throws: FigureError.self) {
            try HeatmapLayout.fitted(table: t, scale: HeatmapScale(metric: .linearCKA), title: nil,
                                     figure: FigureOptions(size: .init(width: 100, height: 100)))
        }
        do {
            _ = try ImageExporter.data(t, format: .png, figure: FigureOptions(size: .init(width: 900, height: 900), annotate: true))
            Issue.record("64 values in a 900 px figure cannot be legible")
        } catch let e as FigureError {
            #expect(e.description.hasPrefix("--annotate: cells of "))
        } catch { Issue.record("\(error)") }
    }

    @Test func anEmptyTitleLeavesNone() throws {
        let t = Self.table([0.5])
        let layout = try HeatmapLayout.fitted(table: t, scale: HeatmapScale(metric: .linearCKA), title: "ignored", figure: FigureOptions(title: ""))
        #expect(layout.title.text.isEmpty)
        #expect(layout.grid.y == layout.spacing.margin, "the grid moves up into the title's room")
        let svg = try SVGExporterTests.parse(SVGExporter.text(t, palette: .grey, layout: layout))
        #expect(!svg.contains { $0.name == "text" && $0.text.isEmpty })
    }

    // MARK: - Seed baseline figures

    @Test func baselineFiguresAreDivergingWithTheirMarks() throws {
        let t = ExportBaselineTests.baseline(differences: [[0.1, -0.02], [0.03, 0.0]], p: [[0.01, 0.5], [0.04, 1]])
        let svgText = String(decoding: try ExportFormat.svg.data(of: t), as: UTF8.self)
        let svg = try SVGExporterTests.parse(svgText)
        let marks = svg.filter { $0.name == "circle" && $0.ancestorIDs.contains("significance-marks") }
        #expect(marks.count == 2, "p = 0.01 and 0.04")
        let stops = svg.filter { $0.name == "stop" }
        #expect(stops[16].attributes["stop-color"] == HeatmapPalette.diverging.color(at: 0.5).hex, "0 in the middle")
        let texts = svg.filter { $0.name == "text" }.map(\.text)
        #expect(texts.contains { $0.hasPrefix("p \u{2264} 0.05") })
        #expect(texts.contains("layer (layer*)"), "the axes are the shared layers, not a group")
        let tips = SVGExporterTests.cells(svg).map(\.tip)
        #expect(tips[0] == "layer0 \u{00D7} block0: difference +0.1 (within 0.9, across 0.8, p = 0.01)")
        // The PNG has a dot in the significant cells only.
        let layout = try HeatmapLayout.fitted(table: t, scale: HeatmapScale.figure(t, range: .full), title: nil, figure: FigureOptions())
        #expect(layout.marks.map { [$0.row, $0.col] } == [[0, 0], [1, 0]])
        // 2 + 3 models, 10 labellings, all used: p ≥ 0.1, so the legend says no cell can be marked.
        #expect(t.seedBaseline?.smallestP == 0.1)
        #expect(layout.legend.last?.label.text == "p \u{2264} 0.05 (none can be: p \u{2265} 0.1 with 2 + 3 models)")
        let png = try DecodedPNG(try ExportFormat.png.data(of: t))
        for i in 0..<2 {
            for j in 0..<2 {
                let c = layout.cell(i, j)
                let centre = png[c.centreX, c.centreY], corner = png[c.x + 1, c.y + 1]
                #expect((centre != corner) == layout.marks.contains { $0.row == i && $0.col == j }, "cell \(i), \(j)")
            }
        }
    }
}
