import Foundation
import Testing
@testable import LayerIO
import Similarity

/// Value scales, ticks and the shared layout: cells sized for 1–150+ layers, labels thinned
/// when cells are small, long names shortened, and no two pieces of text overlapping.
@Suite struct HeatmapLayoutTests {
    @Test func positionsAreClampedAndReversedForDistances() {
        let similarity = HeatmapScale(metric: .linearCKA)
        #expect(similarity.position(0.25) == 0.25)
        #expect(similarity.position(-0.01) == 0 && similarity.position(1.3) == 1)
        let distance = HeatmapScale(metric: .mmdPoly)
        #expect(distance.reversed && distance.range == 0...2)
        #expect(distance.position(0) == 1 && distance.position(2) == 0 && distance.position(0.5) == 0.75)
        let diverging = HeatmapScale.diverging(radius: 0.2, label: "Δ")
        #expect(diverging.position(0) == 0.5)
        #expect(abs(diverging.position(-0.1) - 0.25) < 1e-12)
        #expect(diverging.position(-5) == 0 && diverging.position(5) == 1)
        #expect(HeatmapScale(range: 0.3...0.3, label: "x").position(7) == 0.5)
    }

    @Test func ticksAreNiceAndLabelledWithTheSameDecimals() {
        let cka = HeatmapScale(metric: .linearCKA)
        #expect(cka.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(cka.ticks.map(cka.tickLabel) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let mmd = HeatmapScale(metric: .mmdPoly)
        #expect(mmd.ticks == [0, 0.5, 1, 1.5, 2])
        let wide = HeatmapScale(range: -37...210, label: "x")
        #expect(wide.ticks == [0, 50, 100, 150, 200])
        #expect(wide.ticks.map(wide.tickLabel) == ["0", "50", "100", "150", "200"])
        let quarter = HeatmapScale(range: 0...1.25, label: "x")
        #expect(quarter.ticks.map(quarter.tickLabel) == ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"])
        let small = HeatmapScale(range: 0.9...1, label: "x")
        #expect(small.ticks == [0.9, 0.92, 0.94, 0.96, 0.98, 1])
    }

    @Test func randomRangesGetThreeToSixTicksInside() {
        let seed: UInt64 = 2024
        var rng = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let a = Double(rng.next() % 2_000_001) / 1000 - 1000
            let span = pow(10, Double(rng.next() % 900) / 100 - 5)
            let scale = HeatmapScale(range: a...(a + span), label: "x")
            let ticks = scale.ticks
            #expect((3...6).contains(ticks.count), "seed \(seed): \(a)…\(a + span) gave \(ticks)")
            #expect(ticks.allSatisfy { scale.range.contains($0) || abs($0 - a) < span * 1e-6 || abs($0 - a - span) < span * 1e-6 },
                    "seed \(seed): \(ticks) outside \(a)…\(a + span)")
            let labels = ticks.map(scale.tickLabel)
            #expect(Set(labels).count == labels.count, "seed \(seed): labels \(labels) repeat")
        }
    }

    @Test func cellSizeAdaptsToTheNumberOfLayers() {
        #expect(HeatmapLayout.cellSize(rows: 1, cols: 1) == 28)
        #expect(HeatmapLayout.cellSize(rows: 12, cols: 3) == 28)
        #expect(HeatmapLayout.cellSize(rows: 30, cols: 30) == 24)
        #expect(HeatmapLayout.cellSize(rows: 40, cols: 12) == 20, "every label still fits")
        #expect(HeatmapLayout.cellSize(rows: 100, cols: 100) == 7)
        #expect(HeatmapLayout.cellSize(rows: 150, cols: 150) == 4)
        #expect(HeatmapLayout.cellSize(rows: 600, cols: 2) == 4)
        #expect(HeatmapLayout.cellSize(rows: 0, cols: 0) == 28)
    }

    @Test func longNamesLoseTheirMiddle() {
        let name = "encoder.layer.11.attention.output.dense"
        let short = HeatmapText.shortened(name, to: 24)
        #expect(short.count == 24)
        #expect(short == "encoder.laye\u{2026}utput.dense")
        #expect(HeatmapText.shortened("conv1", to: 24) == "conv1")
        #expect(HeatmapText.shortened("a\tb\u{7}", to: 24) == "a?b?")
    }

    @Test func titleNamesTheMetricTheModelsAndN() {
        let layout = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA))
        #expect(layout.title.text == "linear CKA \u{2014} relu-s0 \u{00D7} relu-s1 (n = 500)")
        #expect(layout.rowAxisTitle.text == "relu-s0" && layout.colAxisTitle.text == "relu-s1")
        #expect(layout.barTitle.text == "linear CKA")
        let custom = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA), title: "Figure 3")
        #expect(custom.title.text == "Figure 3")
    }

    static func overlaps(_ a: HeatmapLayout.Rect, _ b: HeatmapLayout.Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }

    static let layouts: [(String, GridTable)] = [
        ("1×1", HeatmapFixtures.table(rows: 1, cols: 1) { _, _ in .value(1) }),
        ("mixed", HeatmapFixtures.mixed),
        ("45×45 long names", HeatmapFixtures.table(
            rows: 45, cols: 45, rowModel: "a-model-with-a-rather-long-name-for-a-figure-axis",
            rowNames: (0..<45).map { "encoder.layer.\($0).attention.output.dense" }) { i, j in
                i == j ? nil : .value(0.5) }),
        ("1×3 wide column model", HeatmapFixtures.table(
            rows: 1, cols: 3, colModel: "an-extremely-long-model-name-under-a-tiny-grid") { _, _ in .undefined(reason: "x") }),
        ("150×150", HeatmapFixtures.table(rows: 150, cols: 150) { _, _ in .value(0.1) }),
        ("0×0", HeatmapFixtures.table(rows: 0, cols: 0) { _, _ in nil }),
    ]

    @Test(arguments: layouts.indices)
    func textStaysInsideTheImageAndNothingOverlaps(_ k: Int) {
        let (name, table) = Self.layouts[k]
        for scale in [HeatmapScale(metric: .linearCKA), .diverging(radius: 0.2, label: "Δ linear CKA")] {
            let layout = HeatmapLayout(table: table, scale: scale)
            let texts = [layout.title, layout.rowAxisTitle, layout.colAxisTitle, layout.barTitle]
                + layout.rowLabels + layout.colLabels + layout.ticks.map(\.label) + layout.legend.map(\.label)
            let boxes = texts.map(\.reservedBox) + [layout.grid, layout.bar] + layout.legend.map(\.swatch)
            for (a, box) in boxes.enumerated() {
                #expect(box.x >= 0 && box.y >= 0 && box.maxX <= layout.width && box.maxY <= layout.height,
                        "\(name): \(box) outside \(layout.width)×\(layout.height)")
                for b in boxes.indices where b > a && Self.overlaps(box, boxes[b]) {
                    let what = { (i: Int) in i < texts.count ? "\"\(texts[i].text)\"" : "shape \(i - texts.count)" }
                    Issue.record("\(name): \(what(a)) overlaps \(what(b))")
                }
            }
        }
    }

    @Test func labelsAreThinnedWhenCellsAreSmallerThanALine() {
        let layout = HeatmapLayout(table: Self.layouts[4].1, scale: HeatmapScale(metric: .linearCKA))
        #expect(layout.labelStep == 5)
        #expect(layout.rowLabels.map(\.text) == stride(from: 0, to: 150, by: 5).map { "layer\($0)" })
        #expect(layout.colLabels.count == 30)
        #expect(layout.labelTicks.count == 60)
        let small = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA))
        #expect(small.labelStep == 1 && small.rowLabels.count == 6 && small.colLabels.count == 7)
    }

    @Test func labelsAreCentredOnTheirCells() {
        let layout = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA))
        for (i, label) in layout.rowLabels.enumerated() {
            // The capitals span rows 1·s…8·s of the line: their middle is the cell's middle.
            #expect(label.y + 9 * label.size / 2 == layout.cell(i, 0).centreY)
            #expect(label.box.maxX == layout.grid.x - HeatmapLayout.labelGap, "right-aligned beside the grid")
        }
        for (j, label) in layout.colLabels.enumerated() {
            #expect(label.x + 9 * label.size / 2 == layout.cell(0, j).centreX)
            #expect(label.box.y == layout.grid.maxY + HeatmapLayout.labelGap, "ends just below the grid")
        }
    }
}
