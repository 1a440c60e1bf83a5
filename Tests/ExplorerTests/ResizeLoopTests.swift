import Testing
import Explorer
import Similarity

/// Resizing through the real loop: the fake terminal changes size in the middle of a
/// script, and the very next frame is laid out for the new size with the cursor in view.
@Suite struct ResizeLoopTests {
    @Test func aResizeRelaysOutAtOnceAndKeepsTheCursorInView() {
        let rig = LoopRig()
        rig.press(.character("+"), .character("J"), .character("J"), .character("J"), .character("$"))
        #expect(rig.state.cursor == GridPosition(row: 30, col: 39))
        var after: [String: (lines: [String], screen: CellBuffer, state: AppState)] = [:]
        func snap(_ name: String) -> FakeTerminal.Step {
            .run { after[name] = (rig.lines, rig.term.screen, rig.state) }
        }
        rig.send([
            .event(.resize(TerminalSize(width: 50, height: 14))), snap("narrow"),
            .key(.character("k")), snap("moved"),
            .event(.resize(TerminalSize(width: 132, height: 43))), snap("wide"),
        ])

        // The frame right after the resize event: new size, drawn whole, cursor visible.
        let narrow = after["narrow"]!
        #expect(narrow.screen.width == 50 && narrow.screen.height == 14)
        #expect(narrow.screen == render(narrow.state), "the screen is exactly the new layout")
        #expect(narrow.state.visibleRows.contains(30) && narrow.state.visibleCols.contains(39))
        #expect(narrow.lines[11].hasPrefix("relu-s0:layer30 × relu-s1:layer39 = "))
        #expect(narrow.lines.contains { $0.hasPrefix("30 layer30") }, "the cursor's row label is on screen")
        // Keys work in the new layout.
        #expect(after["moved"]!.state.cursor == GridPosition(row: 29, col: 39))
        #expect(after["moved"]!.state.visibleRows.contains(29))
        // Growing shows more and still the cursor.
        let wide = after["wide"]!
        #expect(wide.screen.width == 132 && wide.screen == render(wide.state))
        #expect(wide.state.visibleRows.contains(29) && wide.state.visibleCols.contains(39))
        #expect(wide.state.visibleRows.count > narrow.state.visibleRows.count)
        #expect(rig.term.clearCount == 3, "the first frame and each resize clear the screen")
    }

    @Test func tooSmallShowsTheSizesAndOnlyQuitAndRedrawWork() {
        let rig = LoopRig()
        rig.press(.character("j"))
        rig.send([.event(.resize(TerminalSize(width: 30, height: 8)))])
        let notice = rig.lines
        #expect(notice.count == 8)
        #expect(notice.contains("      terminal too small"), "centred: \(notice)")
        #expect(notice.contains("       30×8, need 40×12"))
        #expect(notice.contains("           q quits"))
        // Other keys do nothing (not even behind the notice); Ctrl-L redraws.
        rig.press(.character("j"), .character("?"), .enter, .character("/"))
        #expect(rig.state.cursor.row == 1 && rig.state.overlay?.help == nil && rig.state.overlay?.panel == nil && rig.state.overlay?.prompt == nil)
        let clears = rig.term.clearCount
        rig.press(.control("l"))
        #expect(rig.term.clearCount == clears + 1 && rig.lines == notice)
        // Back to a usable size: the grid returns as it was.
        rig.send([.event(.resize(Fixtures.size80x24))])
        #expect(rig.cellLine.hasPrefix("relu-s0:layer1 × relu-s1:layer0 = "))
        rig.send([.event(.resize(TerminalSize(width: 30, height: 8)))])
        rig.press(.character("q"))
        #expect(rig.loop.hasQuit)
        // Ctrl-C quits from the notice too.
        let other = LoopRig(size: TerminalSize(width: 39, height: 30))
        #expect(other.lines.contains { $0.contains("39×30, need 40×12") })
        other.press(.control("c"))
        #expect(other.loop.hasQuit)
    }
}
