import Testing
import Explorer
import Similarity

@Suite struct UpdateEngineTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    @Test func cellsAreStoredAndProgressShowsAnETAFromTickTimes() {
        var p = Pilot(Fixtures.session(layers: 10))
        p.send(.tick(10))
        p.send(.engine(.progress(grid, done: 0, total: 100)))
        for c in 0..<10 { p.send(.engine(.cell(CellKey(grid: grid, row: 0, col: c), Fixtures.value(0.5)))) }
        p.send(.tick(12))
        p.send(.engine(.progress(grid, done: 50, total: 100)))
        #expect(p.state.values.knownCount == 10)
        // 50 cells in 2 s: 25 cells/s, 50 left: 2 s.
        #expect(p.state.jobs[grid]?.eta(now: 12) == 2)
        #expect(StatusBarText.info(p.frame).hasSuffix("50/100 cells · ETA 2s"))
        p.send(.tick(13))
        #expect(StatusBarText.info(p.frame).hasSuffix("50/100 cells · ETA 1s"))
        p.send(.engine(.finished(grid)))
        #expect(StatusBarText.info(p.frame).hasSuffix("100/100 cells · done"))
    }

    @Test func cancelAndResume() {
        var p = Pilot()
        #expect(p.press(.character("c")) == [.cancelGrid(grid)])
        #expect(p.state.jobs[grid]?.phase == .cancelling)
        #expect(StatusBarText.info(p.frame).hasSuffix("0/144 cells · cancelling…"))
        p.send(.engine(.cancelled(grid)))
        #expect(p.state.jobs[grid]?.phase == .cancelled)
        #expect(StatusBarText.info(p.frame).contains("cancelled (r resumes)"))
        // Cancelling again does nothing; r asks for the grid again.
        #expect(p.press(.character("c")).isEmpty)
        let e = p.press(.character("r"))
        #expect(e.count == 1 && e[0].isComputeGrid)
        #expect(p.state.jobs[grid]?.phase == .running)
    }

    @Test func aCancelThatCameAfterTheLastCellSaysTheGridIsDone() {
        var p = Pilot(Fixtures.session(layers: 2))
        p.press(.character("c"))
        // The job finishes the cell it was on, which was the last, then reports the cancel.
        for r in 0..<2 { for c in 0..<2 { p.send(.engine(.cell(CellKey(grid: grid, row: r, col: c), Fixtures.value(0.5)))) } }
        p.send(.engine(.cancelled(grid)))
        #expect(p.state.message?.text == "every cell is known")
        #expect(p.state.jobs[grid]?.phase == .finished)
        #expect(!StatusBarText.hints(p.frame).contains("r:resume"))
        #expect(StatusBarText.info(p.frame).hasSuffix("4/4 cells · done"))
    }

    @Test func aLateCancelledReportDoesNotStopARestartedJob() {
        var p = Pilot(Fixtures.session(layers: 3))
        p.press(.tab)       // cancels grid (0,1), computes (1,0)
        p.press(.backTab)   // cancels (1,0), computes (0,1) again
        #expect(p.state.jobs[grid]?.phase == .running)
        p.send(.engine(.cancelled(grid)))   // the first job's answer, late
        #expect(p.state.jobs[grid]?.phase == .running)
    }

    @Test func focusUpdatesFollowOnlyRunningJobs() {
        var p = Pilot()
        #expect(p.press(.character("j")).first?.isUpdateFocus == true)
        p.send(.engine(.finished(grid)))
        #expect(p.press(.character("j")).isEmpty)
    }

    @Test func undefinedReasonShowsInTheStatusBar() {
        var p = Pilot()
        p.send(.engine(.cell(CellKey(grid: grid, row: 0, col: 0), Fixtures.undefined("the row layer is constant"))))
        #expect(StatusBarText.cell(p.frame) == "relu-s0:layer0 × relu-s1:layer0  undefined: the row layer is constant")
        p.send(.engine(.cell(CellKey(grid: grid, row: 0, col: 1), Fixtures.value(0.8734))))
        p.press(.character("l"))
        #expect(StatusBarText.cell(p.frame) == "relu-s0:layer0 × relu-s1:layer1 = 0.8734", "full precision")
    }

    @Test func statusMessagesAgeWithTicks() {
        var p = Pilot()
        p.send(.tick(100))
        p.press(.escape)
        #expect(p.state.message != nil)
        p.send(.tick(104))
        #expect(p.state.message != nil)
        p.send(.tick(106))
        #expect(p.state.message == nil)
    }
}

@Suite struct UpdateDrillTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    @Test func enterStartsAndEscapeCancelsTheDrill() {
        var p = Pilot()
        p.press(.character("j"), .character("l"), .character("l"))
        let cell = CellKey(grid: grid, row: 1, col: 2)
        #expect(p.press(.enter) == [.startDrill(cell)])
        #expect(p.state.overlay?.panel?.drill?.cell == cell)
        #expect(p.state.keyContext == .drill)
        // Grid keys do not move the cursor while the panel is open.
        p.press(.character("l"))
        #expect(p.state.cursor == GridPosition(row: 1, col: 2))
        #expect(p.press(.escape) == [.cancelDrill(cell)])
        #expect(p.state.overlay?.panel?.drill == nil)
        #expect(!p.state.hasQuit)
    }

    @Test func partsForAnotherCellAreIgnored() {
        var p = Pilot()
        p.press(.enter)
        let other = CellKey(grid: grid, row: 5, col: 5)
        p.send(.engine(.drill(other, .matchingProgress(0.5))))
        #expect(p.state.overlay?.panel?.drill?.matchingProgress == nil)
        p.send(.engine(.drill(CellKey(grid: grid, row: 0, col: 0), .matchingProgress(0.5))))
        #expect(p.state.overlay?.panel?.drill?.matchingProgress == 0.5)
    }

    @Test func panelScrollsWithinItsContent() {
        var p = Pilot(size: Fixtures.size40x12)
        p.press(.enter)
        p.press(.character("j"), .character("j"))
        #expect(p.state.overlay?.panel?.drill?.scroll == 2)
        p.press(.character("G"))
        let bottom = p.state.overlay!.panel!.drill!.scroll
        #expect(bottom > 2)
        p.press(.character("j"))
        #expect(p.state.overlay?.panel?.drill?.scroll == bottom)
        p.press(.character("g"))
        #expect(p.state.overlay?.panel?.drill?.scroll == 0)
        p.press(.character("k"))
        #expect(p.state.overlay?.panel?.drill?.scroll == 0)
    }
}

/// Reads the status lines off a frame.
enum StatusBarText {
    static func cell(_ f: CellBuffer) -> String { Screen.trimRight(f.line(f.height - 3)) }
    static func info(_ f: CellBuffer) -> String { Screen.trimRight(f.line(f.height - 2)) }
    static func hints(_ f: CellBuffer) -> String { Screen.trimRight(f.line(f.height - 1)) }
}
