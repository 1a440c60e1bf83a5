import Foundation
import Testing
@testable import LayerIO
import Similarity
import Palette

/// The PNG heatmap is a valid file (checked by an independent reader) and shows what the
/// layout says: cell colours from the palette, marks on undefined cells, the colour bar's
/// ends, and text where the labels are.
@Suite struct PNGExporterTests {
    static let palette = HeatmapPalette.grey

    static func decode(_ table: GridTable, scale: HeatmapScale? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> (DecodedPNG, HeatmapLayout) {
        let png = try DecodedPNG(PNGExporter.data(table, palette: palette, scale: scale), sourceLocation: sourceLocation)
        let layout = HeatmapLayout(table: table, scale: scale ?? HeatmapScale(metric: table.metric))
        return (png, layout)
    }

    /// The pixel at the centre of cell (i, j).
    static func centre(_ png: DecodedPNG, _ layout: HeatmapLayout, _ i: Int, _ j: Int) -> RGB {
        let cell = layout.cell(i, j)
        return png[cell.x + cell.width / 2, cell.y + cell.height / 2]
    }

    @Test func chunkStructureHeaderAndChecksums() throws {
        let (png, layout) = try Self.decode(HeatmapFixtures.mixed)
        #expect(png.chunks.map(\.type) == ["IHDR", "pHYs", "tEXt", "IDAT", "IEND"])
        // 144 dpi = 5669.29 pixels per metre, unit 1 (metre), for both axes.
        #expect(png.chunks[1].data == [0, 0, 0x16, 0x25, 0, 0, 0x16, 0x25, 1])
        #expect(png.width == layout.width && png.height == layout.height)
        #expect(png.headerFields == [8, 2, 0, 0, 0], "8-bit RGB, deflate, adaptive filtering, not interlaced")
        // zlib header: deflate with a 32 KiB window, no preset dictionary, valid check bits.
        #expect(png.zlib[0] == 0x78)
        #expect((Int(png.zlib[0]) << 8 | Int(png.zlib[1])) % 31 == 0)
        #expect(png.zlib[1] & 0x20 == 0)
        #expect(png.filterTypes.allSatisfy { $0 <= 4 })
        #expect(Set(png.filterTypes).count > 1, "filters are chosen per row")
    }

    @Test func cellsHaveThePaletteColourOfTheirValue() throws {
        let table = HeatmapFixtures.mixed
        let (png, layout) = try Self.decode(table)
        let scale = HeatmapScale(metric: .linearCKA)
        for i in table.rows.indices {
            for j in table.cols.indices {
                guard let v = table.number(i, j) else { continue }
                #expect(Self.centre(png, layout, i, j) == Self.palette.color(at: scale.position(v)), "cell (\(i), \(j))")
            }
        }
        // The whole cell is one colour.
        let cell = layout.cell(3, 3)
        #expect(png.count(Self.palette.color(at: 24.0 / 41), in: cell) == cell.width * cell.height)
    }

    @Test func undefinedCellsAreCrossedAndUncomputedCellsAreBlank() throws {
        let (png, layout) = try Self.decode(HeatmapFixtures.mixed)
        let cell = layout.cell(1, 2)
        #expect(Self.centre(png, layout, 1, 2) == Self.palette.undefinedMark, "the cross passes through the centre")
        #expect(png[cell.x, cell.y] == Self.palette.undefinedMark, "and through the corners")
        #expect(png[cell.maxX - 1, cell.y] == Self.palette.undefinedMark)
        #expect(png[cell.x + cell.width / 2, cell.y + 1] == Self.palette.undefined, "off the diagonals: the undefined fill")
        let marks = png.count(Self.palette.undefinedMark, in: cell)
        #expect(marks > 0 && marks < cell.width * cell.height / 2)
        #expect(Self.centre(png, layout, 4, 5) == Self.palette.uncomputed)
        #expect(layout.legend.map(\.kind) == [.undefined, .uncomputed])
        #expect(png[layout.legend[0].swatch.x, layout.legend[0].swatch.y] == Self.palette.undefinedMark)
    }

    @Test func colourBarEndsHaveThePalettesEndColours() throws {
        let (png, layout) = try Self.decode(HeatmapFixtures.mixed)
        let x = layout.bar.centreX
        #expect(png[x, layout.bar.y] == Self.palette.color(at: 1), "the upper bound is on top")
        #expect(png[x, layout.bar.maxY - 1] == Self.palette.color(at: 0))
        // Tick marks sit on their rows, right of the bar.
        for tick in layout.ticks {
            #expect(png[layout.bar.maxX + 1, tick.row] == Self.palette.ink, "tick \(tick.value)")
        }
        #expect(layout.ticks.map(\.label.text) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func textIsDrawnWhereTheLabelsAre() throws {
        let (png, layout) = try Self.decode(HeatmapFixtures.mixed)
        let ink = Self.palette.ink
        let texts = [layout.title, layout.rowAxisTitle, layout.colAxisTitle, layout.barTitle]
            + layout.rowLabels + layout.colLabels + layout.ticks.map(\.label) + layout.legend.map(\.label)
        #expect(layout.rowLabels.count == 6 && layout.colLabels.count == 7)
        for text in texts {
            #expect(png.count(ink, in: text.box) > 5 * text.text.count, "ink in the box of \"\(text.text)\"")
        }
        // Between the row labels and the grid, and in the corner margin, there is only paper.
        let gap = HeatmapLayout.Rect(x: 0, y: 0, width: HeatmapLayout.margin, height: HeatmapLayout.margin)
        #expect(png.count(Self.palette.paper, in: gap) == gap.width * gap.height)
    }

    @Test func oneByOneGrid() throws {
        let table = HeatmapFixtures.table(rows: 1, cols: 1) { _, _ in .value(0.5) }
        let (png, layout) = try Self.decode(table)
        #expect(layout.cellSize == 28)
        #expect(Self.centre(png, layout, 0, 0) == Self.palette.color(at: 0.5))
        #expect(layout.legend.isEmpty)
        #expect(layout.bar.height == HeatmapLayout.minBarHeight)
    }

    @Test func allUndefinedGrid() throws {
        let table = HeatmapFixtures.table(rows: 5, cols: 4) { _, _ in .undefined(reason: "too few samples") }
        let (png, layout) = try Self.decode(table)
        for i in 0..<5 {
            for j in 0..<4 { #expect(Self.centre(png, layout, i, j) == Self.palette.undefinedMark) }
        }
        #expect(layout.legend.map(\.kind) == [.undefined])
        #expect(png[layout.bar.centreX, layout.bar.y] == Self.palette.color(at: 1), "the colour bar is still drawn")
    }

    @Test func distanceMetricReversesTheScale() throws {
        // MMD² spans 0…2 and is a distance: 0 ("alike") takes the palette's top colour.
        let table = HeatmapFixtures.table(rows: 2, cols: 2, metric: .mmdPoly) { i, j in .value(Double(i + j)) }
        let (png, layout) = try Self.decode(table)
        #expect(Self.centre(png, layout, 0, 0) == Self.palette.color(at: 1))
        #expect(Self.centre(png, layout, 0, 1) == Self.palette.color(at: 0.5))
        #expect(Self.centre(png, layout, 1, 1) == Self.palette.color(at: 0))
        #expect(png[layout.bar.centreX, layout.bar.y] == Self.palette.color(at: 0), "2 on top, in the 'unlike' colour")
        #expect(png[layout.bar.centreX, layout.bar.maxY - 1] == Self.palette.color(at: 1))
        #expect(layout.ticks.map(\.label.text) == ["0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(layout.barTitle.text == "MMD² (poly)")
    }

    @Test func divergingRangeCentredAtZero() throws {
        let blueWhiteRed = HeatmapPalette.interpolating([RGB(0, 0, 255), RGB(255, 255, 255), RGB(255, 0, 0)])
        let table = HeatmapFixtures.table(rows: 1, cols: 5) { _, j in .value([-0.2, -0.1, 0, 0.2, 0.7][j]) }
        let scale = HeatmapScale.diverging(radius: 0.2, label: "Δ linear CKA")
        let png = try DecodedPNG(PNGExporter.data(table, palette: blueWhiteRed, scale: scale))
        let layout = HeatmapLayout(table: table, scale: scale)
        #expect(Self.centre(png, layout, 0, 0) == RGB(0, 0, 255))
        #expect(Self.centre(png, layout, 0, 1) == RGB(128, 128, 255))
        #expect(Self.centre(png, layout, 0, 2) == RGB(255, 255, 255), "0 is the centre colour")
        #expect(Self.centre(png, layout, 0, 3) == RGB(255, 0, 0))
        #expect(Self.centre(png, layout, 0, 4) == RGB(255, 0, 0), "clamped to the range")
        #expect(layout.ticks.map(\.label.text) == ["\u{2212}0.2", "\u{2212}0.1", "0.0", "0.1", "0.2"])
        #expect(png[layout.bar.centreX, layout.bar.y] == RGB(255, 0, 0))
        #expect(png[layout.bar.centreX, layout.bar.maxY - 1] == RGB(0, 0, 255))
    }

    @Test func grid150x150HasAReasonableSize() throws {
        let n = 150
        let table = HeatmapFixtures.table(rows: n, cols: n) { i, j in
            .value(exp(-3 * abs(Double(i - j)) / Double(n)))
        }
        let start = ContinuousClock.now
        let data = PNGExporter.data(table, palette: Self.palette)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(30), "took \(elapsed)")
        #expect(data.count < 400_000, "\(data.count) bytes")
        let png = try DecodedPNG(data)
        let layout = HeatmapLayout(table: table, scale: HeatmapScale(metric: .linearCKA))
        #expect(layout.cellSize == 4 && layout.labelStep == 5)
        #expect(png.width < 1200 && png.height < 1200, "\(png.width)×\(png.height)")
        for (i, j) in [(0, 0), (0, 149), (75, 20), (149, 149)] {
            #expect(Self.centre(png, layout, i, j) == Self.palette.color(at: exp(-3 * abs(Double(i - j)) / Double(n))))
        }
    }

    @Test func everyFilterTypeRoundTripsThroughTheIndependentUnfilter() throws {
        var rng = SplitMix64(seed: 7)
        let width = 9
        let rows: [[UInt8]] = (0..<2).map { _ in (0..<(3 * width)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
        for type in UInt8(0)...4 {
            var scanlines: [UInt8] = []
            for y in 0..<2 {
                var out = [UInt8](repeating: 0, count: 3 * width)
                rows[y].withUnsafeBufferPointer { row in
                    (y == 0 ? [UInt8](repeating: 0, count: 3 * width) : rows[0]).withUnsafeBufferPointer { up in
                        out.withUnsafeMutableBufferPointer { PNGEncoder.filter(type, row: row, up: up, into: $0) }
                    }
                }
                scanlines += [type] + out
            }
            let (pixels, _) = try DecodedPNG.unfilter(scanlines, width: width, height: 2)
            #expect(pixels == rows[0] + rows[1], "filter type \(type)")
        }
    }

    @Test func storedDeflateFallbackIsAValidZlibStream() throws {
        var rng = SplitMix64(seed: 11)
        let bytes = (0..<150_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let stream = ZlibStream.wrap(ZlibStream.storedDeflate(bytes), checksumOf: bytes)
        #expect(try DecodedPNG.inflate(Array(stream[2..<(stream.count - 4)])) == bytes)
        #expect(DecodedPNG.u32(stream, stream.count - 4) == DecodedPNG.adler32(bytes))
        #expect(ZlibStream.adler32(bytes) == DecodedPNG.adler32(bytes))
    }
}

/// A small seeded generator (SplitMix64), so randomized tests are reproducible.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
