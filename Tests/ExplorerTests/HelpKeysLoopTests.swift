import Testing
import Explorer
import Similarity

/// Every row of the `?` screen, one key at a time, through the real loop and the fake
/// terminal: each key does what its help line says, and the screen shows it. The cases come
/// from the key table itself, so a new binding without a check here fails to compile (the
/// switch over `Action` is exhaustive) and a new key on an old binding is checked at once.
@Suite struct HelpKeysLoopTests {
    /// One key of one binding (or the mouse row, which has no key).
    struct KeyUse: Sendable, CustomTestStringConvertible {
        let binding: Binding
        let key: Key?
        var testDescription: String {
            "\(binding.context.rawValue): \(key?.label(unicode: false) ?? binding.label ?? "?") \(binding.action.rawValue)"
        }

        static let all: [KeyUse] = KeyMap.standard.bindings.flatMap { b in
            b.keys.isEmpty ? [KeyUse(binding: b, key: nil)] : b.keys.map { KeyUse(binding: b, key: $0) }
        }
    }

    @Test(arguments: KeyUse.all)
    func everyKeyInTheHelpDoesWhatItSays(_ use: KeyUse) {
        let key = use.key ?? .character("\u{0}")
        switch use.binding.action {
        case .moveUp, .moveDown, .moveLeft, .moveRight, .moveUp10, .moveDown10, .moveLeft10, .moveRight10:
            let delta: [Action: (Int, Int)] = [.moveUp: (-1, 0), .moveDown: (1, 0), .moveLeft: (0, -1), .moveRight: (0, 1),
                                               .moveUp10: (-10, 0), .moveDown10: (10, 0), .moveLeft10: (0, -10), .moveRight10: (0, 10)]
            let rig = LoopRig()
            rig.send([.event(.mouse(MouseEvent(kind: .press, x: 11 + 2 * 15, y: 2 + 15)))])  // to (15, 15)
            rig.press(.character("J"), .character("L"))  // (25, 25): scrolled both ways
            #expect(rig.state.cursor == GridPosition(row: 25, col: 25))
            rig.press(key)
            let (dr, dc) = delta[use.binding.action]!
            expectCursor(rig, 25 + dr, 25 + dc)
        case .firstRow, .lastRow, .firstColumn, .lastColumn:
            let rig = LoopRig()
            rig.press(.character("J"), .character("L"))
            rig.press(key)
            switch use.binding.action {
            case .firstRow: expectCursor(rig, 0, 10)
            case .lastRow: expectCursor(rig, 39, 10)
            case .firstColumn: expectCursor(rig, 10, 0)
            default: expectCursor(rig, 10, 39)
            }
        case .pageDown, .pageUp:
            let rig = LoopRig()
            let page = rig.state.layout.visibleRowCapacity
            #expect(page == 18)
            if use.binding.action == .pageUp { rig.press(.character("G")) }
            rig.press(key)
            if use.binding.action == .pageDown {
                expectCursor(rig, 18, 0)
                #expect(rig.title.contains("rows 18–35/40"))
            } else {
                // The view and the cursor go up a screenful from the end.
                expectCursor(rig, 39 - 18, 0)
                #expect(rig.title.contains("rows 4–21/40"), "\(rig.title)")
            }
        case .drillDown:
            let rig = LoopRig()
            rig.press(.character("j"), key)
            #expect(rig.state.overlay?.panel?.drill?.cell.row == 1)
            #expect(rig.lines[1] == "Details  relu-s0:layer1 × relu-s1:layer0")
            #expect(rig.performer.performed.contains(.startDrill(CellKey(grid: rig.state.gridKey, row: 1, col: 0))))
        case .nextPair, .previousPair:
            let rig = LoopRig()
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1"))
            rig.press(key)
            #expect(rig.title.hasPrefix(use.binding.action == .nextPair ? "relu-s1 × relu-s0" : "relu-s0 × relu-s0"))
            // From the baseline view, both go back to the pair.
            let b = LoopRig(BaselineFixtures.session())
            b.press(.character("b"))
            #expect(b.state.screen == .baseline)
            b.press(key)
            #expect(b.state.screen == .grid && b.title.hasPrefix("relu-s0 × relu-s1"))
        case .toggleBaseline:
            let rig = LoopRig(BaselineFixtures.session())
            rig.press(key)
            #expect(rig.title.hasPrefix("baseline: relu vs tanh"))
            #expect(rig.performer.performed.contains(.computeBaseline(.linearCKA)))
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1"))
            // Without groups it says how to get them.
            let plain = LoopRig()
            plain.press(key)
            #expect(plain.infoLine.hasPrefix("no seed baseline: start layermap with two --group"))
        case .nextMetric:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — \(Metric.rbfCKA.displayName)"))
            #expect(rig.performer.performed.contains { if case .computeGrid(let g, _, _) = $0 { return g.metric == .rbfCKA } else { return false } })
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — \(Metric.linearCKA.displayName)"), "it cycles")
        case .zoomIn:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.state.zoom == .values)
            #expect(rig.lines[3].hasPrefix(" 0 layer0   1.000 0.800"), "values show: \(rig.lines[3])")
        case .zoomOut:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.state.zoom == .compact)
            #expect(rig.state.visibleCols == 0..<40, "every column fits one wide")
        case .toggleBestMatch:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.state.showBestMatch)
            #expect(rig.lines[rig.lines.count - 4].hasSuffix("* best"), "the legend explains the mark")
            #expect(rig.cellLine.hasSuffix("(best in row)"))
        case .cancelJob, .resumeJob:
            let rig = LoopRig(LoopRig.session(cached: false))
            rig.press(.character("c"))
            #expect(rig.performer.performed.contains(.cancelGrid(rig.state.gridKey)))
            #expect(rig.infoLine.hasSuffix("0/1600 cells · cancelled (r resumes)"))
            if use.binding.action == .resumeJob {
                rig.press(key)
                #expect(rig.performer.performed.filter(\.isComputeGrid).count == 2)
                #expect(rig.infoLine.hasSuffix("0/1600 cells"))
            }
        case .toggleSelection:
            let rig = LoopRig()
            rig.press(key, .character("j"), .character("l"), .character("l"))
            #expect(rig.cellLine.hasSuffix("sel 2×3"))
            rig.press(key)
            #expect(rig.state.selectionAnchor == nil && rig.infoLine.hasPrefix("selection cleared"))
        case .export:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.hintLine == "export to: relu-s0_x_relu-s1_linear-cka.csv")
            rig.press(.enter)
            #expect(rig.performer.performed.contains { if case .export = $0 { return true } else { return false } })
            #expect(rig.infoLine.hasPrefix("wrote 40×40 cells to relu-s0_x_relu-s1_linear-cka.csv"))
        case .search:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.hintLine == "search: /")
            rig.type("layer7")
            rig.press(.enter)
            expectCursor(rig, 7, 0)
            #expect(rig.infoLine.hasPrefix("/layer7  match 1/2: row 7 layer7  (n/N)"))
        case .nextMatch, .previousMatch:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.infoLine.hasPrefix("no search yet: / searches layer names"))
            rig.press(.character("/"))
            rig.type("layer3")
            rig.press(.enter)  // layer3, layer30 … layer39 in rows, then in columns: 22 matches
            rig.press(key)
            if use.binding.action == .nextMatch {
                expectCursor(rig, 30, 0)
                #expect(rig.infoLine.hasPrefix("/layer3  match 2/22: row 30 layer30"))
            } else {
                expectCursor(rig, 3, 39)
                #expect(rig.infoLine.hasPrefix("/layer3  match 22/22: column 39 layer39"))
            }
        case .scrollUp, .scrollDown, .scrollPageUp, .scrollPageDown, .scrollTop, .scrollBottom:
            if use.binding.context == .help {
                checkHelpScroll(use.binding.action, key)
            } else {
                checkPanelScroll(use.binding.action, key)
            }
        case .back:
            let rig = LoopRig()
            if use.binding.context == .drill {
                rig.press(.enter)
                #expect(rig.state.overlay?.panel?.drill != nil)
                rig.press(key)
                #expect(rig.state.overlay?.panel?.drill == nil && rig.lines[2].hasPrefix(" 0 layer0  "), "the grid is back")
            } else {
                rig.press(.character("v"), .character("j"))
                rig.press(key)
                #expect(rig.state.selectionAnchor == nil)
                rig.press(key)
                #expect(!rig.loop.hasQuit && rig.infoLine.hasPrefix("q quits"), "Esc never quits")
            }
        case .promptConfirm:
            let rig = LoopRig()
            rig.press(.character("/"))
            rig.type("layer12")
            rig.press(key)
            #expect(rig.state.overlay?.prompt == nil)
            expectCursor(rig, 12, 0)
        case .promptCancel:
            let rig = LoopRig()
            rig.press(.character("/"))
            rig.type("layer12")
            rig.press(key)
            #expect(rig.state.overlay?.prompt == nil && rig.state.search == nil)
            expectCursor(rig, 0, 0)
            #expect(rig.hintLine.hasPrefix("?:help"))
        case .promptDeleteBackward:
            let rig = LoopRig()
            rig.press(.character("/"))
            rig.type("layer123")
            rig.press(key)
            #expect(rig.hintLine == "search: /layer12")
            rig.press(.enter)
            expectCursor(rig, 12, 0)
        case .promptClear:
            let rig = LoopRig()
            rig.press(.character("e"))
            rig.press(key)
            #expect(rig.hintLine == "export to:")
            #expect(rig.state.overlay?.prompt?.text == "")
        case .help:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.title == "layermap keys — any key closes")
            #expect(rig.screen.contains("next model pair"))
            rig.press(.character("x"))
            #expect(rig.state.overlay?.help == nil && rig.title.hasPrefix("relu-s0 × relu-s1"))
        case .redraw:
            let rig = LoopRig()
            let before = rig.term.clearCount
            rig.press(key)
            #expect(rig.term.clearCount == before + 1)
            #expect(rig.term.screen == render(rig.state), "everything drawn again")
        case .quit:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.loop.hasQuit)
            #expect(rig.performer.performed.last == .quit)
        case .differenceMenu, .copyToClipboard:
            DifferenceKeyChecks.check(use.binding.action, key)
        case .cycleColorRange, .cyclePrecision, .toggleLabelWidth, .pairPicker, .metricMenu, .previousMetric,
             .layerFilter, .transpose, .pickerUp, .pickerDown, .pickerOpen,
             .pickerClose, .pickerDeleteBackward, .pickerClear:
            // The colour range, precision and navigation keys: `NavigationKeysLoopTests`.
            NavigationKeyChecks.check(use.binding.action, key)
        case .toggleOverview, .overviewMove, .overviewOpen, .overviewClose, .toggleClustering:
            OverviewKeyChecks.check(use.binding.action, key)
        case .mouseHelp:
            if use.binding.label == "click" {
                let rig = LoopRig()
                let click = FakeTerminal.Step.event(.mouse(MouseEvent(kind: .press, x: 11 + 2 * 4, y: 2 + 3)))
                rig.send([click])
                expectCursor(rig, 3, 4)
                rig.send([click])
                #expect(rig.state.overlay?.panel?.drill?.cell.row == 3 && rig.state.overlay?.panel?.drill?.cell.col == 4, "a click on the cursor opens its details")
            } else {
                let rig = LoopRig()
                rig.send([.event(.mouse(MouseEvent(kind: .wheelDown, x: 30, y: 10)))])
                #expect(rig.state.scroll.row == 3)
                expectCursor(rig, 3, 0)
                rig.send([.event(.mouse(MouseEvent(kind: .wheelUp, x: 30, y: 10)))])
                #expect(rig.state.scroll.row == 0)
            }
        }
    }

    /// The cursor is at (row, col), in view, and the status bar names the cell.
    func expectCursor(_ rig: LoopRig, _ row: Int, _ col: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(rig.state.cursor == GridPosition(row: row, col: col), sourceLocation: sourceLocation)
        #expect(rig.state.visibleRows.contains(row) && rig.state.visibleCols.contains(col), sourceLocation: sourceLocation)
        #expect(rig.cellLine.hasPrefix("relu-s0:layer\(row) × relu-s1:layer\(col) = "), "\(rig.cellLine)", sourceLocation: sourceLocation)
    }

    /// The details panel scrolls within its content (on a short terminal, so it does not fit).
    func checkPanelScroll(_ action: Action, _ key: Key) {
        let size = TerminalSize(width: 80, height: 14)
        let measure = LoopRig(size: size)
        measure.press(.enter, .character("G"))
        let end = measure.state.overlay?.panel?.drill?.scroll ?? 0
        let rig = LoopRig(size: size)
        rig.press(.enter)
        let body = rig.state.layout.bodyHeight
        #expect(end > 2 * body, "the panel is long enough to page")
        switch action {
        case .scrollDown:
            rig.press(key)
            #expect(rig.state.overlay?.panel?.drill?.scroll == 1)
        case .scrollUp:
            rig.press(.down, .down, key)
            #expect(rig.state.overlay?.panel?.drill?.scroll == 1)
        case .scrollPageDown:
            rig.press(key)
            #expect(rig.state.overlay?.panel?.drill?.scroll == body - 1)
        case .scrollPageUp:
            rig.press(.end, key)
            #expect(rig.state.overlay?.panel?.drill?.scroll == end - (body - 1))
        case .scrollBottom:
            rig.press(key)
            #expect(rig.state.overlay?.panel?.drill?.scroll == end)
            #expect(!rig.screen.contains("more") || rig.screen.contains("↑"))
        default:
            rig.press(.end, key)
            #expect(rig.state.overlay?.panel?.drill?.scroll == 0)
        }
    }

    /// The help screen scrolls with j/k when it does not fit.
    func checkHelpScroll(_ action: Action, _ key: Key) {
        let rig = LoopRig(size: TerminalSize(width: 80, height: 20))
        rig.press(.character("?"))
        #expect(rig.hintLine.hasPrefix("j/k:scroll (lines 1-18 of"))
        if action == .scrollUp { rig.press(.down, .down) }
        rig.press(key)
        #expect(rig.state.overlay?.help != nil)
        #expect(rig.hintLine.hasPrefix("j/k:scroll (lines 2-19 of"))
    }
}
