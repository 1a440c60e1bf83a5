import Testing
import Explorer
import Similarity

/// The heatmap's axes: layer names without their shared prefix, the index ruler.
@Suite struct HeatmapAxesTests {
    @Test func theSharedPrefixGoesAtAWordBoundary() {
        let mlp = AxisNames((1...7).map { "layer\($0)" } + ["layer8_logits"])
        #expect(mlp.prefix == "layer")
        #expect(mlp.short == ["1", "2", "3", "4", "5", "6", "7", "8_logits"])

        let blocks = AxisNames(["blocks.0.attn", "blocks.0.mlp", "blocks.1.attn", "blocks.11.mlp"])
        #expect(blocks.prefix == "blocks.")
        #expect(blocks.short == ["0.attn", "0.mlp", "1.attn", "11.mlp"])

        let bert = AxisNames((0..<12).map { "encoder.layer.\($0).output" })
        #expect(bert.prefix == "encoder.layer.")
        #expect(bert.short.first == "0.output" && bert.short.last == "11.output")

        let oneBlock = AxisNames(["block1_conv1", "block1_conv2", "block1_pool"])
        #expect(oneBlock.prefix == "block1_")
        #expect(oneBlock.short == ["conv1", "conv2", "pool"])
    }

    @Test func numbersAndWordsAreNeverSplit() {
        // `layer1` is shared by all, but cutting there would turn layer10 into `0`.
        let teens = AxisNames((10...19).map { "layer\($0)" })
        #expect(teens.prefix == "layer")
        #expect(teens.short.first == "10")
        // `re` is shared but is half a word.
        #expect(AxisNames(["relu", "read"]).prefix == "")
        #expect(AxisNames(["relu", "read"]).short == ["relu", "read"])
        #expect(AxisNames(["conv1", "layer1.0.conv1", "fc"]).prefix == "")
    }

    @Test func nothingBecomesEmpty() {
        // `input` is the whole shared prefix: it keeps its last part; the separator after
        // the prefix goes too.
        let a = AxisNames(["input", "input.conv", "input.relu"])
        #expect(a.prefix == "input")
        #expect(a.short == ["input", "conv", "relu"])
        let b = AxisNames(["stem.out", "stem.out", "stem.out.act"])
        #expect(b.short == ["out", "out", "act"])
        // One name, or none, is left alone.
        #expect(AxisNames(["layer1"]).short == ["layer1"] && AxisNames(["layer1"]).prefix == "")
        #expect(AxisNames([]).short.isEmpty)
    }

    @Test func aSharedEndingGoesForTheCore() {
        let bert = AxisNames((0..<12).map { "encoder.layer.\($0).attention.output" })
        #expect(bert.suffix == ".attention.output")
        #expect(bert.core == (0..<12).map(String.init))
        #expect(bert.corePattern == "encoder.layer.*.attention.output")
        #expect(bert.shortPattern == "encoder.layer.*")
        #expect(bert.longestShort == 19 && bert.longestCore == 2)
        // Only at a boundary: layer10, layer20 share no ending (0 is half a number).
        #expect(AxisNames(["layer10", "layer20"]).core == ["10", "20"])
        #expect(AxisNames(["fc1.weight", "fc2.weight", "head.weight"]).core == ["fc1", "fc2", "head"])
        // A core that would be empty is the short name.
        let a = AxisNames(["x.out", "x.y.out"])
        #expect(a.short == ["out", "y.out"] && a.core == ["out", "y"])
        // Nothing shared, no pattern.
        #expect(AxisNames(["conv1", "fc"]).corePattern == nil && AxisNames(["conv1", "fc"]).core == ["conv1", "fc"])
    }

    // MARK: On screen

    @Test func columnNamesSharingAnEndingShowTheirNumbers() {
        let names = (0..<12).map { "encoder.layer.\($0).attention.output" }
        var p = Pilot(Fixtures.session(layers: 12, names: names), size: TerminalSize(width: 120, height: 30))
        p.press(.character("+"))
        let f = p.frame
        // The pattern keeps its end, next to the names: …*.attention.output.
        #expect(Screen.trimRight(f.line(2)).hasPrefix("…er.*.attention.output  0     1     2     3"), "\(f.line(2))")
        #expect(f.line(3).hasPrefix(" 0 0.attention.output "), "rows keep what fits")
    }

    static let mlpNames = (1...7).map { "layer\($0)" } + ["layer8_logits"]

    @Test func valuesZoomHeadersShowTheDistinctPartWithThePrefixInTheCorner() {
        let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        var p = Pilot(Fixtures.session(layers: 8, mode: .monochrome, unicode: false,
                                       cached: Fixtures.fullGrid(grid, rows: 8, cols: 8), names: Self.mlpNames),
                      size: Fixtures.size80x24)
        p.press(.character("+"), .character("$"))
        let f = p.frame
        // Full row names fit: the rows keep them. Columns: `1` … `8_…ts`, over the digits.
        #expect(Screen.trimRight(f.line(1)) == "                 0     1     2     3     4     5     6     7")
        #expect(Screen.trimRight(f.line(2)) == "         layer*  1     2     3     4     5     6     7     8_~ts")
        #expect(f.line(3).hasPrefix("0 layer1        @1.000@0.800"))
        Screen.expectStyle(f, x: 9, y: 2, width: 6, "the pattern, dim") { $0.attributes.contains(.dim) }
        Screen.expectStyle(f, x: 58, y: 2, width: 6, "the cursor's column name") { $0.attributes.contains(.reverse) }
        // The status bar keeps the full names.
        #expect(f.line(21).hasPrefix("relu-s0:layer1 x relu-s1:layer8_logits = 0.3636363636"))
    }

    @Test func longRowNamesLoseTheirPrefixWhenTheyDoNotFit() {
        let names = (0..<12).map { "encoder.layer.\($0).attention.output" }
        let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        let p = Pilot(Fixtures.session(layers: 12, cached: Fixtures.fullGrid(grid, rows: 12, cols: 12), names: names),
                      size: Fixtures.size80x24)
        let layout = p.state.layout
        #expect(layout.shortRowNames)
        #expect(layout.labelWidth == 20, "a quarter of 80: the full names (36) do not fit")
        let f = p.frame
        #expect(Screen.trimRight(f.line(1)).hasPrefix("   encoder.layer.*   0   2   4   6   8   10"))
        #expect(f.line(2).hasPrefix(" 0 0.attent…n.output "))
        #expect(f.line(13).hasPrefix("11 11.atten…n.output "))
        // Names that fit are shown whole, whatever they share.
        let short = Pilot(Fixtures.session(layers: 12, names: (0..<12).map { "blocks.\($0)" }), size: Fixtures.size80x24)
        #expect(!short.state.layout.shortRowNames)
        #expect(short.frame.line(2).hasPrefix(" 0 blocks.0 "))
    }

    @Test func theBaselineViewUsesTheSameAxes() {
        var p = BaselineFixtures.pilot()
        p.press(.character("+"))
        #expect(Screen.trimRight(p.frame.line(2)) == "  layer*  0     1     2     3     4     5")
    }

    @Test func theCursorsIndexNeverRunsIntoItsNeighbours() {
        // Compact zoom: every second index is numbered; the cursor's (5) is shown too, and
        // the numbers touching it (4, 6) make way, so it never reads `456`.
        var p = Pilot(Fixtures.session(layers: 8), size: Fixtures.size80x24)
        p.press(.character("-"), .character("$"), .character("h"), .character("h"))
        #expect(p.state.cursor.col == 5)
        #expect(Screen.trimRight(p.frame.line(1)) == "         0 2  5")
        Screen.expectStyle(p.frame, x: 14, y: 1, "the cursor's index") { $0.attributes.contains(.reverse) }
        // Two-digit indices in the normal zoom: 10 12 14, cursor on 11.
        var q = Pilot(Fixtures.session(layers: 16), size: Fixtures.size80x24)
        q.press(.character("$"), .character("h"), .character("h"), .character("h"), .character("h"))
        #expect(q.state.cursor.col == 11)
        #expect(Screen.trimRight(q.frame.line(1)).hasSuffix(" 8     11    14"))
    }
}
