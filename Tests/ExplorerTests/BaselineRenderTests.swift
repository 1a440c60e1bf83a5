import Testing
import Explorer
import Similarity

/// Pictures of the baseline view: the expected lines, then styles stamped on regions.
@Suite struct BaselineRenderTests {
    /// The diverging scale's colour at `t` as the 256-colour palette shows it.
    static func diverging256(_ t: Double) -> TermColor { ColorMode.palette256.quantize(ColorScale.diverging.rgb(at: t), chromaticOnly: true) }

    /// The palette colour's RGB, for "red-ish" / "blue-ish" / "white-ish" checks.
    static func rgb(_ c: TermColor) -> RGB? { if case .indexed(let i) = c { return XtermPalette.rgb(i) } else { return nil } }
    static func isReddish(_ c: TermColor) -> Bool { rgb(c).map { Int($0.r) > Int($0.g) + 40 && Int($0.r) > Int($0.b) + 40 } ?? false }
    static func isBluish(_ c: TermColor) -> Bool { rgb(c).map { Int($0.b) > Int($0.r) + 40 && $0.b >= $0.g } ?? false }
    static func isWhitish(_ c: TermColor) -> Bool { rgb(c).map { min($0.r, $0.g, $0.b) >= 200 } ?? false }

    @Test func differencesOnTheDivergingScaleAt80x24() {
        var p = BaselineFixtures.pilot()
        p.press(.character("j"))
        let f = p.frame
        Screen.expectLines(f, [
            "baseline: relu vs tanh — linear CKA (within − across)",
            "         0 1 2 3 4 5",
            "0 layer0  * *",
            "1 layer1 [] * *",
            "2 layer2    * * *",
            "3 layer3      * * *",
            "4 layer4        * *",
            "5 layer5            *",
        ] + Array(repeating: "", count: 12) + [
            "-0.080         0         +0.080   + = within > across: groups differ  * p ≤ 0.05",
            "layer1 × layer0: within 0.83, across 0.80, Δ +0.03, p 0.03",
            "                                                        p from all 70 labellings",
            "?:help  ↵:details  v:select  e:export  m:metric  Tab:pair  b:baseline  q:quit",
        ])
        // +0.08 (the range's top) at (0, 0): the scale's red end, white text on it.
        let red = Self.diverging256(1)
        #expect(Self.isReddish(red), "\(red)")
        Screen.expectStyle(f, x: 9, y: 2, width: 2, "the top of the range") { $0.background == red && $0.foreground == .indexed(231) }
        // −0.08 at (0, 5): the blue end.
        let blue = Self.diverging256(0)
        #expect(Self.isBluish(blue), "\(blue)")
        Screen.expectStyle(f, x: 19, y: 2, width: 2, "the bottom of the range") { $0.background == blue }
        // 0 at (0, 2): the white middle, dark text.
        let white = Self.diverging256(0.5)
        #expect(Self.isWhitish(white), "\(white)")
        Screen.expectStyle(f, x: 13, y: 2, width: 2, "zero") { $0.background == white }
        // +0.03 at (0, 1) is a lighter red than +0.08, significant: `*` in the text colour.
        let light = Self.diverging256((0.03 + 0.08) / 0.16)
        #expect(Self.isReddish(light) && light != red)
        #expect(f[12, 2].character == "*")
        Screen.expectStyle(f, x: 11, y: 2, width: 2, "+0.03") { $0.background == light && $0.foreground == .indexed(16) }
        // A negative cell carries no mark (the test is one-sided).
        #expect(f[20, 2].character == " ")
        // The cursor: brackets in bold on the cell's colour (+0.03 at (1, 0)).
        Screen.expectStyle(f, x: 9, y: 3, width: 2, "the cursor") { $0.attributes.contains(.bold) && $0.background == light }
        // The legend: blue at the left end, white in the middle, red at the right end.
        #expect(Self.isBluish(f[7, 20].style.background))
        #expect(Self.isWhitish(f[13, 20].style.background) && Self.isWhitish(f[17, 20].style.background))
        #expect(Self.isReddish(f[23, 20].style.background))
        Screen.expectStyle(f, x: 35, y: 20, width: 45, "the legend's key") { $0.attributes == .dim }
    }

    @Test func valuesZoomShowsSignedDifferencesAndMarksAt120x40() {
        var p = BaselineFixtures.pilot(size: TerminalSize(width: 120, height: 40))
        p.press(.character("+"), .character("G"))
        let f = p.frame
        #expect(TitleBarText.title(f) == "baseline: relu vs tanh — linear CKA (within − across)")
        #expect(f.line(3).hasPrefix("0 layer0 *+0.08*+0.03 0.000 -0.02 -0.04 -0.08"))
        #expect(f.line(5).hasPrefix("2 layer2  0.000*+0.02*+0.05*+0.01 0.000 -0.02"))
        #expect(f.line(8).hasPrefix("5 layer5  -0.08 -0.04 -0.02 0.000 0.000*+0.01"))
        #expect(Screen.trimRight(f.line(36))
                == "-0.080        -0.040        0        +0.040        +0.080    + = within > across: groups differ  * p ≤ 0.05  × undefined")
        #expect(StatusBarText.cell(f) == "layer5 × layer0: within 0.32, across 0.40, Δ -0.08, p 1.00")
        Screen.expectStyle(f, x: 9, y: 3, width: 6, "+0.08 in red") { $0.background == Self.diverging256(1) }
        Screen.expectStyle(f, x: 9, y: 8, width: 6, "the cursor on -0.08") {
            $0.background == Self.diverging256(0) && $0.attributes.contains(.reverse)
        }
    }

    @Test func pendingUntilTheResultAndOtherMetricsResultsAreNotShown() {
        var p = BaselineFixtures.pilot(deliver: false)
        p.send(.engine(.baseline(.rbfCKA, .success(BaselineFixtures.baseline()))))
        let f = p.frame
        #expect(f.line(2).hasPrefix("0 layer0 []· · · · ·"))
        #expect(f.line(7).hasPrefix("5 layer5 · · · · · ·"))
        Screen.expectStyle(f, x: 11, y: 2, "a pending mark") { $0.attributes.contains(.dim) && $0.background == .default }
        #expect(Screen.trimRight(f.line(20)) == "-            0            +       + = within > across: groups differ  * p ≤ 0.05")
        #expect(StatusBarText.cell(f) == "layer0 × layer0: computing the baseline…")
        // Its own metric's result fills the cells.
        p.send(.engine(.baseline(.linearCKA, .success(BaselineFixtures.baseline()))))
        #expect(p.frame.line(2).hasPrefix("0 layer0 [] *"))
    }

    @Test func aFailureSaysWhyInTheBody() {
        var p = BaselineFixtures.pilot(deliver: false)
        p.send(.engine(.baseline(.linearCKA, .failure(.degenerate("group relu has a constant layer")))))
        let f = p.frame
        #expect(Screen.trimRight(f.line(2)) == "0 layer0 the seed baseline could not be computed: group relu has a constant")
        #expect(Screen.trimRight(f.line(3)) == "1 layer1 layer")
        #expect(Screen.trimRight(f.line(4)) == "2 layer2 r tries again")
        Screen.expectStyle(f, x: 9, y: 2, width: 20, "the error") { $0.foreground == .indexed(1) && $0.attributes.contains(.bold) }
    }

    @Test func undefinedDifferencesAreMarkedAndExplained() {
        var p = BaselineFixtures.pilot(deliver: false)
        let undefined: Set<GridPosition> = [GridPosition(row: 2, col: 3)]
        p.send(.engine(.baseline(.linearCKA, .success(BaselineFixtures.baseline(undefined: undefined)))))
        p.press(.character("j"), .character("j"), .character("l"), .character("l"), .character("l"), .character("l"))
        let f = p.frame
        #expect(f.line(4).hasPrefix("2 layer2    * *× []"))
        #expect(f[15, 4].character == "×")
        Screen.expectStyle(f, x: 15, y: 4, "an undefined mark") { $0.foreground == .indexed(1) && $0.background == .default }
        p.press(.character("h"))
        #expect(StatusBarText.cell(p.frame) == "layer2 × layer3: undefined: no defined model pair within or across the groups")
    }

    @Test func distancesAreFlippedAndSaySo() {
        let session = BaselineFixtures.session(metrics: [.mmdPoly])
        let p = BaselineFixtures.pilot(session: session, metric: .mmdPoly)
        let f = p.frame
        #expect(TitleBarText.title(f) == "baseline: relu vs tanh — MMD² (poly) (across − within)")
        #expect(f.line(20).hasSuffix("+ = within < across: groups differ  * p ≤ 0.05"))
        // The grids read as distances: the same offsets now say "more alike across".
        #expect(StatusBarText.cell(f) == "layer0 × layer0: within 0.98, across 0.90, Δ -0.08, p 1.00")
    }

    @Test func asciiAndMonochrome() {
        let session = BaselineFixtures.session(mode: .monochrome, unicode: false)
        let f = BaselineFixtures.pilot(session: session).frame
        #expect(TitleBarText.title(f) == "baseline: relu vs tanh - linear CKA (within - across)")
        #expect(StatusBarText.cell(f) == "layer0 x layer0: within 0.98, across 0.90, diff +0.08, p 0.03")
        #expect(f.line(20).hasSuffix("+ = within > across: groups differ  * p <= 0.05"))
        // Shades from the blue end (blank) to the red end (@); marks stay.
        #expect(f.line(3).hasPrefix("1 layer1 #*@*#*"))
        #expect(f.line(2).hasPrefix("0 layer0 @*#*::....  "))
        Screen.expectStyle(f, x: 9, y: 2, width: 2, "the cursor in reverse video") { $0.attributes.contains(.reverse) }
    }

    @Test func smallTerminalKeepsTheShortKey() {
        let f = BaselineFixtures.pilot(size: Fixtures.size40x12).frame
        #expect(Screen.trimRight(f.line(8)) == "-0.080            0            +0.080")
        #expect(StatusBarText.hints(f) == "?:help  ↵:details  v:select  q:quit")
        #expect(legendKey(width: 70) == "+ = groups differ  * p ≤ 0.05  × undefined")
    }

    /// The legend's key at a width, through a render at that width.
    func legendKey(width: Int) -> String {
        let f = BaselineFixtures.pilot(size: TerminalSize(width: width, height: 24)).frame
        let line = Screen.trimRight(f.line(20))
        guard let r = line.range(of: "+ = ") else { return "" }
        return String(line[r.lowerBound...])
    }
}

@Suite struct BaselinePanelRenderTests {
    @Test func aSignificantCellReadsAsAGroupDifference() {
        var p = BaselineFixtures.pilot(size: TerminalSize(width: 100, height: 40))
        p.press(.enter)
        let lines = p.frame.lines.map(Screen.trimRight)
        #expect(Array(lines[1...19]) == [
            "Seed baseline  layer0 × layer0",
            "  relu vs tanh, linear CKA",
            "",
            "Within and across the groups",
            "  within        0.980   mean over model pairs inside a group",
            "  across        0.900   mean over model pairs from different groups",
            "  difference   +0.080   within − across",
            "  p             0.029   one-sided, from 70 labellings (all of them)",
            "",
            "Reading",
            "  p = 0.029 ≤ 0.05: a group's seeds resemble each other more than they resemble the other",
            "  group's, so relu and tanh differ here by more than seeds do.",
            "",
            "Groups",
            "  relu (4): relu-s0, relu-s1, relu-s2, relu-s3",
            "  tanh (4): tanh-s0, tanh-s1, tanh-s2, tanh-s3",
            "",
            "",
            "",
        ])
        Screen.expectStyle(p.frame, x: 2, y: 7, width: 20, "the significant difference") { $0.attributes == .bold }
        #expect(StatusBarText.cell(p.frame) == "layer0 × layer0: within 0.98, across 0.90, Δ +0.08, p 0.03")
        #expect(StatusBarText.hints(p.frame) == "?:help  ↑:scroll  Esc:back  q:quit")
    }

    @Test func aNegativeCellIsNotSignificant() {
        var p = BaselineFixtures.pilot(size: TerminalSize(width: 100, height: 40))
        p.press(.character("$"), .enter)
        let text = p.frame.lines.map(Screen.trimRight)
        #expect(text.contains("  difference   -0.080   within − across"))
        #expect(text.contains("  p             1.000   one-sided, from 70 labellings (all of them)"))
        #expect(text.contains("  not significant (p = 1.000 > 0.05): seeds differ as much within a group as across"))
        #expect(!text.contains { $0.contains("Note:") })
    }

    @Test func threeSeedsPerGroupCannotReachSignificance() {
        var p = BaselineFixtures.pilot(perGroup: 3, size: TerminalSize(width: 80, height: 40))
        p.press(.enter)
        let f = p.frame
        let lines = f.lines.map(Screen.trimRight)
        #expect(lines.contains("  p             0.100   one-sided, from 20 labellings (all of them)"))
        #expect(lines.contains("  relu (3): relu-s0, relu-s1, relu-s2"))
        #expect(lines.contains("  not significant (p = 0.100 > 0.05): seeds differ as much within a"))
        guard let note = lines.firstIndex(where: { $0.hasPrefix("  Note:") }) else {
            Issue.record("no small-sample note")
            return
        }
        #expect(Array(lines[note..<(note + 5)]) == [
            "  Note: with 3 + 3 models there are only 20 labellings, so the",
            "  smallest possible p is 2/20 = 0.100 (swapping the two groups' names",
            "  gives the same split, which ties with the observed one): no layer",
            "  pair can reach p ≤ 0.05. More seeds per group are needed to tell the",
            "  groups apart.",
        ])
        Screen.expectStyle(f, x: 2, y: note, width: 60, "the note") { $0.foreground == .indexed(3) }
        // No cell of the grid carries a mark.
        p.press(.escape)
        #expect(!p.frame.lines[2...7].contains { $0.contains("*") })
    }

    @Test func theSmallestPossibleP() {
        let b44 = BaselineResult(BaselineFixtures.baseline(perGroup: 4))
        #expect(b44.smallestP(equalGroups: true) == 2.0 / 70)
        let b33 = BaselineResult(BaselineFixtures.baseline(perGroup: 3))
        #expect(b33.smallestP(equalGroups: true) == 0.1)
        #expect(b33.smallestP(equalGroups: false) == 0.05)
    }

    @Test func thePanelWaitsForTheResult() {
        var p = BaselineFixtures.pilot(size: TerminalSize(width: 80, height: 30), deliver: false)
        p.press(.enter)
        var lines = p.frame.lines.map(Screen.trimRight)
        #expect(lines[5] == "  computing…")
        #expect(lines.contains("  tanh (4): tanh-s0, tanh-s1, tanh-s2, tanh-s3"))
        p.send(.engine(.baseline(.linearCKA, .success(BaselineFixtures.baseline()))))
        lines = p.frame.lines.map(Screen.trimRight)
        #expect(lines[5] == "  within        0.980   mean over model pairs inside a group")
    }
}
