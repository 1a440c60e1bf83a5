import Testing
import Explorer
import Similarity

@Suite struct RenderTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    /// A 6×6 grid with one undefined and one pending cell.
    func cached(_ key: GridKey) -> [CellKey: PairOutcome] {
        var c = Fixtures.fullGrid(key, rows: 6, cols: 6)
        c[CellKey(grid: key, row: 2, col: 3)] = Fixtures.undefined("the column layer is constant")
        c[CellKey(grid: key, row: 4, col: 5)] = nil
        return c
    }

    @Test func gridAt40x12() {
        var p = Pilot(Fixtures.session(layers: 6, cached: cached(grid)), size: Fixtures.size40x12)
        p.press(.character("j"), .character("l"))
        let f = p.frame
        Screen.expectLines(f, [
            "relu-s0 × relu-s1 — linear CKA  pair 2/4",
            "         0 1 2 3 4 5",
            "0 layer0",
            "1 layer1   []",
            "2 layer2       ×",
            "3 layer3",
            "4 layer4           ·",
            "5 layer5",
            "0.00            0.50            1.00",
            "relu-s0:layer1 × relu-s1:layer1 = 1.000",
            "                             35/36 cells",
            "?:help  ↵:details  v:select  q:quit",
        ])
        // Value 1.0 is viridis' last colour, quantised to the xterm cube.
        let top = ColorMode.palette256.quantize(ColorScale.viridis.rgb(at: 1))
        #expect(top == .indexed(220))
        Screen.expectStyle(f, x: 9, y: 2, width: 2, "viridis' top colour") { $0.background == top }
        // Value 1/(1 + 0.25·5) at (0, 5) is darker, with white text.
        let low = ColorMode.palette256.quantize(ColorScale.viridis.rgb(at: 1 / 2.25))
        Screen.expectStyle(f, x: 19, y: 2, width: 2, "the colour of 0.444") { $0.background == low && $0.foreground == .indexed(231) }
        Screen.expectStyle(f, x: 11, y: 3, width: 2, "the cursor") { $0.attributes.contains(.bold) && $0.background == top }
        Screen.expectStyle(f, x: 15, y: 4, "an undefined mark") { $0.foreground == .indexed(1) && $0.background == .default }
        Screen.expectStyle(f, x: 19, y: 6, "a pending mark") { $0.attributes.contains(.dim) }
        Screen.expectStyle(f, x: 0, y: 3, width: 8, "the cursor row's label") { $0.attributes.contains(.reverse) }
        Screen.expectStyle(f, x: 11, y: 1, "the cursor column's index") { $0.attributes.contains(.reverse) }
        Screen.expectStyle(f, x: 0, y: 11, width: 40, "the hint bar") { $0.attributes == .reverse }
        // The legend runs from viridis' first to last colour.
        Screen.expectStyle(f, x: 5, y: 8, "the legend's low end") { $0.background == .indexed(53) }
        Screen.expectStyle(f, x: 30, y: 8, "the legend's high end") { $0.background == top }
    }

    /// A reason longer than the line is cut at its end; the layer names stay whole.
    @Test func aLongUndefinedReasonKeepsTheLayerNamesWhole() {
        let key = GridKey(metric: .mmdPoly, rowModel: 0, colModel: 1)
        var c = cached(key)
        let reason = "layer \"layer2\" of model \"relu-s0\" is not 4-D (N×C×H×W), so it has no channel maps for nst-* to compare"
        c[CellKey(grid: key, row: 2, col: 3)] = Fixtures.undefined(reason)
        var p = Pilot(Fixtures.session(layers: 6, metrics: [.mmdPoly], cached: c), size: Fixtures.size40x12)
        p.press(.character("j"), .character("j"), .character("l"), .character("l"), .character("l"))
        let line = StatusBarText.cell(p.frame)
        #expect(line.hasPrefix("layer2 × layer3  undefined: layer \"laye"), "\(line)")
        #expect(line.hasSuffix("…") && line.count == 40, "\(line)")
    }

    @Test func undefinedReasonAndDistanceLegend() {
        let key = GridKey(metric: .mmdPoly, rowModel: 0, colModel: 1)
        var p = Pilot(Fixtures.session(layers: 6, metrics: [.mmdPoly], cached: cached(key)))
        p.press(.character("j"), .character("j"), .character("l"), .character("l"), .character("l"))
        let f = p.frame
        #expect(StatusBarText.cell(f) == "relu-s0:layer2 × relu-s1:layer3  undefined: the column layer is constant")
        #expect(f.line(20).hasSuffix("lower = more alike  · pending  × undefined"))
        // A distance of 0 gets viridis' top colour (most alike).
        #expect(Screen.find("0.00", in: f, row: 20) == 0)
        Screen.expectStyle(f, x: 5, y: 20, "reversed scale: yellow at 0") { $0.background == .indexed(220) || $0.background == .indexed(184) }
    }

    @Test func bestMatchMarksEachRow() {
        var p = Pilot(Fixtures.session(layers: 6, cached: cached(grid)), size: Fixtures.size40x12)
        p.press(.character("*"), .character("l"))
        let f = p.frame
        // Row 0's best is column 0 (the cursor is on (0, 1) now); rows 1–5 on the diagonal.
        #expect(f.line(2).hasPrefix("0 layer0  *[]"))
        #expect(f.line(3).hasPrefix("1 layer1    *"))
        #expect(f.line(5).hasPrefix("3 layer3        *"))
        // For a model against itself the diagonal is skipped.
        let self00 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 0)
        var q = Pilot(Fixtures.session(layers: 6, cached: cached(self00)), size: Fixtures.size40x12)
        q.press(.backTab, .character("*"))
        #expect(q.state.gridKey == self00)
        #expect(q.frame.line(2).hasPrefix("0 layer0 [] *"), "row 0: best off-diagonal is column 1")
    }

    @Test func tooSmallNoticeIsCentred() {
        let p = Pilot(size: TerminalSize(width: 30, height: 9))
        Screen.expectLines(p.frame, [
            "",
            "",
            "",
            "      terminal too small",
            "       30×9, need 40×12",
            "           q quits",
            "",
            "",
            "",
        ])
        let ascii = Pilot(Fixtures.session(unicode: false), size: TerminalSize(width: 30, height: 9))
        #expect(ascii.frame.line(4) == "       30x9, need 40x12       ")
    }

    @Test func monochromeAndASCIIUseShadeGlyphs() {
        let mono = Pilot(Fixtures.session(layers: 6, mode: .monochrome, cached: cached(grid)), size: Fixtures.size40x12)
        let f = mono.frame
        #expect(f.line(2).hasPrefix("0 layer0 ████▓▓▒▒▒▒▒▒"))
        Screen.expectStyle(f, x: 9, y: 2, width: 2, "the cursor in reverse video") { $0.attributes.contains(.reverse) }
        Screen.expectStyle(f, x: 11, y: 2, width: 30, "no colour") { $0.background == .default }
        var ascii = Pilot(Fixtures.session(layers: 6, mode: .monochrome, unicode: false, cached: cached(grid)), size: Fixtures.size40x12)
        ascii.press(.character("+"))
        Screen.expectLines(ascii.frame, [
            "relu-s0 x relu-s1 - linear CKA",
            "          0     1     2     3     4",
            "  layer*  0     1     2     3     4",
            "0 layer0 @1.000@0.800#0.667:0.571:0.500",
            "1 layer1 @0.800@1.000@0.800#0.667:0.571",
            "2 layer2 #0.667@0.800@1.000   x  #0.667",
            "3 layer3 :0.571#0.667@0.800@1.000@0.800",
            "4 layer4 :0.500:0.571#0.667@0.800@1.000",
            "0.00     ....:: 0.50 ::####@@@@ 1.00",
            "relu-s0:layer0 x relu-s1:layer0 = 1.000",
            "                             35/36 cells",
            "?:help  Enter:details  v:select  q:quit",
        ])
    }

    @Test func valuesZoomShowsDigitsInColour() {
        var p = Pilot(Fixtures.session(layers: 6, mode: .trueColor, cached: cached(grid)), size: Fixtures.size80x24)
        p.press(.character("+"), .character("l"))
        let f = p.frame
        #expect(f.line(3).hasPrefix("0 layer0  1.000 0.800 0.667 0.571 0.500 0.444"))
        Screen.expectStyle(f, x: 9, y: 3, width: 6, "viridis' top in true colour") { $0.background == .rgb(253, 231, 37) && $0.foreground == .rgb(0, 0, 0) }
        Screen.expectStyle(f, x: 15, y: 3, width: 6, "the cursor in reverse video") { $0.attributes.contains(.reverse) }
    }

    @Test func selectionIsHatched() {
        var p = Pilot(Fixtures.session(layers: 6, cached: cached(grid)), size: Fixtures.size40x12)
        p.press(.character("v"), .character("j"), .character("l"))
        let f = p.frame
        #expect(f.line(2).hasPrefix("0 layer0 ░░░░"))
        #expect(f.line(3).hasPrefix("1 layer1 ░░[]"))
        #expect(f.line(9).hasSuffix("sel 2×2"))
    }

    @Test func helpScreenListsEveryBinding() {
        var p = Pilot(size: TerminalSize(width: 120, height: 50))
        p.press(.character("?"))
        // The table no longer fits 50 lines: read it scrolled to the end too.
        var seen = p.frame.lines
        for _ in 0..<40 { p.press(.character("j")); seen += p.frame.lines }
        let text = seen.joined(separator: "\n")
        for b in KeyMap.standard.bindings {
            #expect(text.contains(b.keyLabel(unicode: true) + " "), "keys of \(b.action)")
            #expect(text.contains(b.help), "help of \(b.action): \(b.help)")
        }
        for g in KeyMap.standard.groups { #expect(text.contains(g.name)) }
        p.press(.character("x"))
        #expect(p.state.overlay?.help == nil)
    }

    @Test func helpScreenScrollsWhenItDoesNotFit() {
        var p = Pilot(size: Fixtures.size80x24)
        p.press(.character("?"))
        #expect(p.frame.line(23).hasPrefix("j/k:scroll (lines 1-22 of"))
        var seen = Set(p.frame.lines)
        p.press(.character("j"), .character("j"))
        #expect(p.state.overlay?.help != nil && p.state.overlay?.help?.scroll == 2)
        for _ in 0..<200 { p.press(.character("j")); seen.formUnion(p.frame.lines) }
        let all = seen.joined(separator: "\n")
        for b in KeyMap.standard.bindings { #expect(all.contains(b.help), "\(b.help)") }
        p.press(.escape)
        #expect(p.state.overlay?.help == nil && !p.state.hasQuit)
    }

    @Test func hintLineComesFromTheKeyTable() {
        let p = Pilot()
        #expect(StatusBarText.hints(p.frame) == "?:help  ↵:details  v:select  e:export  m:metric  Tab:pair  /:search  q:quit")
        #expect(KeyMap.standard.hints(for: .grid, width: 20, unicode: true) == "?:help  q:quit")
        #expect(KeyMap.standard.hints(for: .grid, width: 200, unicode: false)
                == "?:help  Enter:details  v:select  e:export  m:metric  Tab:pair  b:baseline  /:search  +:zoom  *:best  c:cancel  r:resume  q:quit")
    }
}

@Suite struct DrillPanelRenderTests {
    let cell = CellKey(grid: GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), row: 0, col: 0)

    @Test func everySectionSaysComputingUntilItsPartArrives() {
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 60))
        p.press(.enter)
        let text = p.frame.lines.map(Screen.trimRight)
        #expect(text[1] == "Details  relu-s0:layer0 × relu-s1:layer0")
        // Six sections: HSIC terms, PC pairs, neuron matching, other measures, significance, sweeps.
        #expect(text.filter { $0 == "  computing…" }.count == 6)
        p.send(.engine(.drill(cell, .matchingProgress(0.42))))
        #expect(p.frame.lines.contains { $0.hasPrefix("  computing… 42%  ████████............") || $0.hasPrefix("  computing… 42%  ████████░") })
    }

    @Test func partsFillTheSections() {
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 100))
        p.send(.engine(.cell(cell, Fixtures.value(0.8))))
        p.press(.enter)
        for part in DrillFixtures.allParts { p.send(.engine(.drill(cell, part))) }
        let lines = p.frame.lines.map(Screen.trimRight)
        let text = lines.joined(separator: "\n")
        #expect(lines.contains("  n = 500   d_A = 64   d_B = 64   reduce: flatten"))
        #expect(lines.contains("  linear CKA = 0.800"))
        #expect(lines.contains("               HSIC(K,L)   HSIC(K,K)   HSIC(L,L)      CKA"))
        #expect(lines.contains("      biased   1.200e-02   2.000e-02   1.250e-02    0.759"))
        #expect(lines.contains("    unbiased   1.100e-02   1.950e-02   1.210e-02    0.716"))
        #expect(lines.contains("     0   0   1.20e+03   9.50e+02   0.810   50.0%"))
        #expect(text.contains("top 3 pairs: 75.0% of HSIC(K,L) = 1.200e-02"))
        #expect(lines.contains("  mean matched |r| = 0.557 over 4 pairs"))
        #expect(lines.contains("  dead (constant) neurons: 2 of 6 in A, 0 of 4 in B"))
        #expect(lines.contains("  best   A#0 ↔ B#3   r = 0.950"))
        #expect(lines.contains("  worst  A#3 ↔ B#2   r = 0.050"))
        #expect(text.contains("  0.6–0.7 ████████████████████████████████████████ 2"))
        #expect(text.contains("  0.0–0.1 ████████████████████ 1"))
        #expect(text.contains("  0.1–0.2  0"))
        #expect(lines.contains("  linear CKA           0.800"))
        #expect(lines.contains("  PWCCA           undefined: too few samples"))
        #expect(lines.contains("  MMD² (poly)          0.031  (distance)"))
        #expect(lines.contains("  permutation p = 0.001  (999 permutations)"))
        #expect(lines.contains("  bootstrap 95% interval (percentile) 0.770 – 0.830  (200 resamples, seed 7)"))
        #expect(lines.contains("  R² against the rank k of the map (full rank 4 = regression)"))
        #expect(lines.contains("  k 1:0.500 2:0.700 4:0.900"))
        #expect(lines.contains("  1 of 3 lasso fits did not converge"))
        #expect(!text.contains("computing"))
    }

    @Test func failuresSayWhy() {
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 60))
        p.press(.enter)
        p.send(.engine(.drill(cell, .matching(.failure(.degenerate("every neuron of the row layer is constant"))))))
        p.send(.engine(.drill(cell, .decomposition(.failure(.tooFewSamples(needed: 2, have: 1))))))
        let text = p.frame.lines.joined(separator: "\n")
        #expect(text.contains("  not available: every neuron of the row layer is constant"))
        #expect(text.contains("  not available: needs at least 2 samples, has 1"))
    }

    @Test func undefinedTermsSayWhyInsteadOfWaiting() throws {
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 60))
        p.press(.enter)
        p.send(.engine(.drill(cell, .linearTerms(.failure(.degenerate("layer \"b\" of model \"m\" holds 1 NaN or infinite value"))))))
        let lines = p.frame.lines.map(Screen.trimRight)
        let heading = try #require(lines.firstIndex(of: "HSIC terms, linear kernel"))
        #expect(lines[heading + 1] == "  not available: layer \"b\" of model \"m\" holds 1 NaN or infinite value")
    }

    @Test func gridCellTermsShowWhileWaiting() {
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 60))
        p.send(.engine(.cell(cell, PairOutcome(value: .value(0.759), cka: DrillFixtures.linearTerms))))
        p.press(.enter)
        let lines = p.frame.lines.map(Screen.trimRight)
        #expect(lines.contains("HSIC terms, linear kernel (from the grid; linear terms computing…)"))
        #expect(lines.contains("      biased   1.200e-02   2.000e-02   1.250e-02    0.759"))
    }

    @Test func smallPanelScrolls() {
        var p = Pilot(Fixtures.session(layers: 4), size: Fixtures.size40x12)
        p.press(.enter)
        for part in DrillFixtures.allParts { p.send(.engine(.drill(cell, part))) }
        #expect(p.frame.line(7).contains("↓"))
        p.press(.character("G"))
        let f = p.frame
        #expect(f.line(1).contains("↑"))
        #expect(f.lines.contains { $0.contains("bootstrap 95%") })
    }
}
