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
        #expect(HeatmapLayout.cellSize(rows: 64, cols: 64) == 20, "up to 64 layers, every label fits")
        #expect(HeatmapLayout.cellSize(rows: 65, cols: 65) == 11)
        #expect(HeatmapLayout.cellSize(rows: 100, cols: 100) == 7)
        #expect(HeatmapLayout.cellSize(rows: 150, cols: 150) == 4)
        #expect(HeatmapLayout.cellSize(rows: 600, cols: 2) == 4)
        #expect(HeatmapLayout.cellSize(rows: 0, cols: 0) == 28)
    }

    @Test func labelsLoseWhatTheNamesShareAndKeepTheirEnds() {
        let bert = AxisLabels((0..<64).map { "encoder.layer.\($0).attention.output.dense" }, limit: 48)
        #expect(bert.labels == (0..<64).map { "\($0)" })
        #expect(bert.pattern == "encoder.layer.*.attention.output.dense")
        #expect(bert.axisTitle(model: "bert-s0") == "bert-s0 (encoder.layer.*.attention.output.dense)")
        // Only a prefix shared: the short names.
        let mlp = AxisLabels((1...7).map { "layer\($0)" } + ["layer8_logits"], limit: 48)
        #expect(mlp.labels == ["1", "2", "3", "4", "5", "6", "7", "8_logits"] && mlp.pattern == "layer*")
        // Nothing shared: the full names; a long one keeps its end, never losing its middle.
        let mixed = AxisLabels(["conv1", "features.denseblock4.denselayer16.conv2", "fc"], limit: 24)
        #expect(mixed.pattern == nil)
        #expect(mixed.labels == ["conv1", "\u{2026}denselayer16.conv2", "fc"], "cut after a separator")
        #expect(mixed.labels[1].count <= 24)
        // Taking off the ending would make labels alike: only the prefix goes.
        let alike = AxisLabels(["blocks.0.attn", "blocks.0.mlp", "blocks.1.attn", "blocks.1.mlp"], limit: 48)
        #expect(Set(alike.labels).count == 4)
        #expect(AxisLabels(["a\tb\u{7}"], limit: 24).labels == ["a?b?"])
        #expect(HeatmapText.keepingEnd("encoder.layer.11.attention.output.dense", to: 24) == "\u{2026}attention.output.dense")
        #expect(HeatmapText.keepingEnd("abcdefghijklmnopqrstuvwxyz", to: 10) == "\u{2026}rstuvwxyz", "no separator: cut where it must")
    }

    /// The thinning rule: 0, k, 2k, … and the last, without a multiple of k closer than k to it.
    @Test func thinnedLabelsKeepTheFirstTheLastAndEvenSpacing() {
        #expect(HeatmapLayout.labelIndices(count: 10, step: 1) == Array(0..<10))
        #expect(HeatmapLayout.labelIndices(count: 10, step: 3) == [0, 3, 6, 9])
        #expect(HeatmapLayout.labelIndices(count: 11, step: 3) == [0, 3, 6, 10], "9 is 1 from 10: left out")
        #expect(HeatmapLayout.labelIndices(count: 12, step: 3) == [0, 3, 6, 11], "9 is 2 from 11: left out")
        #expect(HeatmapLayout.labelIndices(count: 13, step: 3) == [0, 3, 6, 9, 12])
        #expect(HeatmapLayout.labelIndices(count: 64, step: 2) == Array(stride(from: 0, to: 62, by: 2)) + [63])
        #expect(HeatmapLayout.labelIndices(count: 2, step: 5) == [0, 1])
        #expect(HeatmapLayout.labelIndices(count: 1, step: 5) == [0])
        #expect(HeatmapLayout.labelIndices(count: 0, step: 5) == [])
        for n in 1..<80 {
            for k in 1..<12 {
                let idx = HeatmapLayout.labelIndices(count: n, step: k)
                #expect(idx.first == 0 && idx.last == n - 1)
                #expect(zip(idx, idx.dropFirst()).allSatisfy { $1 - $0 >= min(k, n - 1) && $1 - $0 < 2 * k }, "\(n), \(k): \(idx)")
            }
        }
    }

    @Test func sixtyFourLayersAreAllLabelledByDefault() {
        let names = (0..<64).map { "encoder.layer.\($0).attention.output.dense" }
        let table = HeatmapFixtures.table(rows: 64, cols: 64, rowNames: names, colNames: names) { i, j in .value(0.9 + 0.1 * Double(min(i, j)) / 63) }
        let layout = HeatmapLayout(table: table, scale: HeatmapScale(metric: .linearCKA))
        #expect(layout.labelStep == 1 && layout.rowLabels.count == 64 && layout.colLabels.count == 64)
        #expect(layout.colLabels.allSatisfy { $0.direction == .up }, "two digits do not fit a 20 px cell side by side")
        // The x-axis title sits right under the column labels.
        let labelsBottom = layout.colLabels.map(\.box.maxY).max()!
        #expect(layout.colAxisTitle.box.y - labelsBottom <= HeatmapLayout.axisTitleGap + 2 * HeatmapText.slack(HeatmapText.width("63", px: 20)) + 1)
        #expect(layout.colAxisTitle.text == "relu-s1 (encoder.layer.*.attention.output.dense)")
    }

    @Test func titleNamesTheMetricTheModelsAndN() {
        let layout = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA))
        #expect(layout.title.text == "linear CKA \u{2014} relu-s0 \u{00D7} relu-s1 (n = 500)")
        #expect(layout.rowAxisTitle.text == "relu-s0 (layer*)" && layout.colAxisTitle.text == "relu-s1 (block*)")
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
        #expect(layout.rowLabels.map(\.text) == stride(from: 0, to: 145, by: 5).map { "\($0)" } + ["149"])
        #expect(layout.colLabels.count == 30)
        #expect(layout.labelTicks.count == 60)
        let small = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA))
        #expect(small.labelStep == 1 && small.rowLabels.count == 6 && small.colLabels.count == 7)
    }

    @Test func labelsAreCentredOnTheirCells() {
        let layout = HeatmapLayout(table: HeatmapFixtures.mixed, scale: HeatmapScale(metric: .linearCKA))
        for (i, label) in layout.rowLabels.enumerated() {
            // The capitals span rows 1·s…8·s of the line: their middle is the cell's middle.
            #expect(label.y + HeatmapText.centring(label.px) == layout.cell(i, 0).centreY)
            #expect(label.box.maxX == layout.grid.x - HeatmapLayout.labelGap, "right-aligned beside the grid")
        }
        for (j, label) in layout.colLabels.enumerated() {
            #expect(label.direction == .horizontal && label.anchor == .middle, "one-digit labels read across")
            #expect(label.x == layout.cell(0, j).centreX)
            #expect(label.box.y == layout.grid.maxY + HeatmapLayout.labelGap, "ends just below the grid")
        }
    }
}
