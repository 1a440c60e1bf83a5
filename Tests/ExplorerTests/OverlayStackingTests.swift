import Explorer
import Similarity
import Testing

/// The two overlays that open over another give it back: the help screen over a details
/// panel, and the quit question over a prompt or a panel.
@Suite struct OverlayStackingTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    @Test func helpOverThePanelGivesThePanelBackWithWhatArrivedMeanwhile() {
        var p = Pilot()
        let cell = CellKey(grid: grid, row: 0, col: 0)
        #expect(p.press(.enter) == [.startDrill(cell)])
        p.press(.character("?"))
        #expect(p.state.keyContext == .help)
        #expect(p.frame.line(0).hasPrefix("layermap keys"))
        p.send(.engine(.drill(cell, .matchingProgress(0.5))))
        // Any key closes the help screen; the panel is open again, with the part.
        #expect(p.press(.character("x")).isEmpty)
        #expect(p.state.keyContext == .drill)
        #expect(p.state.overlay?.panel?.drill?.matchingProgress == 0.5)
        #expect(p.frame.line(1).hasPrefix("Details"))
        #expect(p.press(.escape) == [.cancelDrill(cell)])
        #expect(p.state.overlay == nil)
    }

    @Test func theQuitQuestionKeepsThePromptAndThenGivesItBack() {
        var p = Pilot()
        p.press(.character("e"), .enter)
        p.press(.character("e"))
        let text = p.state.overlay?.prompt?.text
        #expect(p.press(.control("c")).isEmpty)
        #expect(p.state.overlay?.isAskingToQuit == true)
        #expect(p.state.keyContext == .prompt)
        #expect(p.frame.line(23).hasPrefix("export to: "))
        // Any other key stays and is not typed.
        #expect(p.press(.character("j")).isEmpty)
        #expect(p.state.overlay?.prompt?.text == text)
        #expect(p.state.overlay?.isAskingToQuit == false)
    }

    @Test func theLastExportFinishingDropsTheQuestionOverThePanel() {
        var p = Pilot()
        p.press(.character("e"))
        let path = p.state.overlay?.prompt?.text ?? ""
        p.press(.enter, .enter, .character("q"))
        #expect(p.state.overlay?.isAskingToQuit == true)
        #expect(p.state.keyContext == .drill)
        p.send(.exportFinished(path: path, error: nil))
        #expect(p.state.overlay?.isAskingToQuit == false)
        #expect(p.state.overlay?.panel?.drill != nil)
        #expect(p.press(.character("q")) == [.quit])
    }
}
