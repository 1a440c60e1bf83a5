import Testing
import Explorer
import Similarity

@Suite struct UpdateNavigationTests {
    let grid01 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    @Test func startAsksForTheFirstPairWithTheCursorAsFocus() {
        let p = Pilot()
        #expect(p.state.gridKey == grid01)
        #expect(p.effects == [.computeGrid(grid01, Focus(row: 0, col: 0, visibleRows: 0..<12, visibleCols: 0..<12))])
    }

    @Test func movingTheCursorEmitsAFocusUpdate() {
        var p = Pilot()
        let e = p.press(.character("j"), .character("l"))
        #expect(p.state.cursor == GridPosition(row: 1, col: 1))
        #expect(e == [.updateFocus(grid01, Focus(row: 1, col: 0, visibleRows: 0..<12, visibleCols: 0..<12)),
                      .updateFocus(grid01, Focus(row: 1, col: 1, visibleRows: 0..<12, visibleCols: 0..<12))])
        // At the edge nothing moves and nothing is emitted.
        p.press(.character("k"), .character("h"))
        #expect(p.press(.up, .left).isEmpty)
        #expect(p.state.cursor == .zero)
    }

    @Test func jumpsAndTensAreClamped() {
        var p = Pilot()
        p.press(.character("J"))
        #expect(p.state.cursor.row == 10)
        p.press(.character("J"))
        #expect(p.state.cursor.row == 11)
        p.press(.character("l"), .character("L"))
        #expect(p.state.cursor.col == 11)
        p.press(.character("H"))
        #expect(p.state.cursor.col == 1)
        p.press(.character("$"))
        #expect(p.state.cursor.col == 11)
        p.press(.character("0"), .character("g"))
        #expect(p.state.cursor == .zero)
        p.press(.character("G"))
        #expect(p.state.cursor.row == 11)
        p.press(.character("K"))
        #expect(p.state.cursor.row == 1)
    }

    @Test func viewportFollowsTheCursorAndSurvivesResize() {
        var p = Pilot(Fixtures.session(layers: 40), size: Fixtures.size40x12)
        let rows = p.state.layout.visibleRowCapacity
        #expect(rows == 6)
        p.press(.character("J"), .character("J"), .character("J"))
        #expect(p.state.cursor.row == 30)
        #expect(p.state.scroll.row == 30 - rows + 1)
        #expect(p.state.visibleRows.contains(30))
        p.press(.character("$"))
        #expect(p.state.visibleCols.contains(39) && p.state.visibleCols.upperBound == 40)
        // A taller terminal shows more rows and keeps the cursor in view.
        let e = p.send(.resize(TerminalSize(width: 60, height: 30)))
        #expect(p.state.visibleRows.contains(30))
        #expect(p.state.visibleCols.contains(39))
        #expect(e.count == 1 && e[0].isUpdateFocus, "the engine learns the new viewport")
        // Shrinking again keeps it in view too.
        p.send(.resize(Fixtures.size40x12))
        #expect(p.state.visibleRows.contains(30) && p.state.visibleCols.contains(39))
    }

    @Test func pageKeysMoveByAScreenful() {
        var p = Pilot(Fixtures.session(layers: 40), size: Fixtures.size40x12)
        p.press(.pageDown)
        #expect(p.state.cursor.row == 6 && p.state.scroll.row == 6)
        p.press(.pageDown, .pageUp)
        #expect(p.state.cursor.row == 6 && p.state.scroll.row == 6)
        p.press(.pageUp)
        #expect(p.state.cursor.row == 0 && p.state.scroll.row == 0)
    }

    @Test func zoomChangesTheCellWidthAndKeepsTheCursorVisible() {
        var p = Pilot(Fixtures.session(layers: 40), size: Fixtures.size40x12)
        p.press(.character("L"))
        p.press(.character("+"))
        #expect(p.state.zoom == .values && p.state.layout.cellWidth == 6)
        #expect(p.state.visibleCols.contains(10))
        p.press(.character("+"))
        #expect(p.state.zoom == .values)
        p.press(.character("-"), .character("-"))
        #expect(p.state.zoom == .compact && p.state.layout.cellWidth == 1)
        #expect(p.state.visibleCols.count == 29)
    }

    @Test func tabCyclesPairsCancellingTheGridLeft() {
        var p = Pilot(Fixtures.session(models: 2, layers: 3))
        let e = p.press(.tab)
        let grid10 = GridKey(metric: .linearCKA, rowModel: 1, colModel: 0)
        #expect(p.state.gridKey == grid10)
        #expect(e == [.cancelGrid(grid01), .computeGrid(grid10, Focus(row: 0, col: 0, visibleRows: 0..<3, visibleCols: 0..<3))])
        p.press(.tab, .tab)
        #expect(p.state.pairIndex == 0)
        #expect(p.state.gridKey == GridKey(metric: .linearCKA, rowModel: 0, colModel: 0))
        p.press(.backTab)
        #expect(p.state.gridKey == GridKey(metric: .linearCKA, rowModel: 1, colModel: 1))
        #expect(TitleBarText.title(p.frame) == "relu-s1 × relu-s1 — linear CKA")
    }

    @Test func metricCyclesAndValuesStayPerGrid() {
        var p = Pilot(Fixtures.session(models: 2, layers: 3))
        p.send(.engine(.cell(CellKey(grid: grid01, row: 0, col: 0), Fixtures.value(0.9))))
        let e = p.press(.character("m"))
        let rbf = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        #expect(p.state.gridKey == rbf)
        #expect(e.last?.isComputeGrid == true)
        #expect(p.state.values[0, 0] == nil)
        p.press(.character("m"))
        #expect(p.state.metric == .linearCKA)
        #expect(p.state.values[0, 0]?.value == .value(0.9))
    }

    @Test func completeGridsAreNotAskedForAndSymmetricValuesAreMirrored() {
        let cached = Fixtures.fullGrid(grid01, rows: 4, cols: 4)
        var p = Pilot(Fixtures.session(layers: 4, cached: cached))
        #expect(p.effects.isEmpty, "every cell came from the cache")
        // linear CKA is symmetric: (1, 0) is the transpose of (0, 1) and is complete too.
        p.press(.tab)
        #expect(p.effects.isEmpty)
        #expect(p.state.values.isComplete)
        #expect(p.press(.character("j")).isEmpty, "no job runs, so no focus updates")
    }

    @Test func escapeAtTheTopNeverQuitsButQDoes() {
        var p = Pilot()
        #expect(p.press(.escape).isEmpty)
        #expect(p.state.message?.text == "q quits")
        #expect(!p.state.hasQuit)
        #expect(p.press(.character("q")) == [.quit])
        var p2 = Pilot()
        #expect(p2.press(.control("c")) == [.quit])
        #expect(p2.state.hasQuit)
        var p3 = Pilot()
        #expect(p3.press(.control("l")) == [.clearScreen])
    }

    @Test func tooSmallTerminalOnlyQuits() {
        var p = Pilot(size: TerminalSize(width: 30, height: 10))
        #expect(p.state.layout.isTooSmall)
        #expect(p.press(.character("j"), .enter, .character("e")).isEmpty)
        #expect(p.state.cursor == .zero && p.state.overlay?.panel?.drill == nil && p.state.overlay?.prompt == nil)
        #expect(p.press(.character("q")) == [.quit])
    }

    @Test func mouseClickMovesTheCursorAndASecondClickDrills() {
        var p = Pilot()
        let l = p.state.layout
        // Row 3, column 5.
        p.send(.mouse(MouseEvent(kind: .press, x: l.gridX + 5 * l.cellWidth + 1, y: l.gridY + 3)))
        #expect(p.state.cursor == GridPosition(row: 3, col: 5))
        let e = p.send(.mouse(MouseEvent(kind: .press, x: l.gridX + 5 * l.cellWidth, y: l.gridY + 3)))
        #expect(e == [.startDrill(CellKey(grid: grid01, row: 3, col: 5))])
        p.press(.escape)
        // Clicking a row label picks the row; the header picks the column.
        p.send(.mouse(MouseEvent(kind: .press, x: 1, y: l.gridY + 7)))
        #expect(p.state.cursor.row == 7)
        p.send(.mouse(MouseEvent(kind: .press, x: l.gridX + 2 * l.cellWidth, y: l.bodyTop)))
        #expect(p.state.cursor.col == 2)
    }

    @Test func wheelScrollsTheViewportAndCursor() {
        var p = Pilot(Fixtures.session(layers: 40), size: Fixtures.size40x12)
        p.send(.mouse(MouseEvent(kind: .wheelDown, x: 20, y: 5)))
        #expect(p.state.scroll.row == 3 && p.state.cursor.row == 3)
        p.send(.mouse(MouseEvent(kind: .wheelUp, x: 20, y: 5)))
        #expect(p.state.scroll.row == 0 && p.state.cursor.row == 0)
    }
}

/// Reads the title off a frame.
enum TitleBarText {
    static func title(_ frame: CellBuffer) -> String {
        let line = frame.line(0)
        guard let r = line.range(of: "  ") else { return line }
        return String(line[..<r.lowerBound])
    }
}
