import Testing
import Explorer
import Similarity

/// The two lines under the legend tell the truth: hints only for keys that would do
/// something now, and no leftover message hiding what the user just asked for.
@Suite struct StatusLineTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
    static let wide = TerminalSize(width: 140, height: 24)

    @Test func cancelIsOfferedWhileComputingAndResumeAfterACancel() {
        var p = Pilot(Fixtures.session(), size: Self.wide)
        #expect(StatusBarText.hints(p.frame).contains("c:cancel"))
        #expect(!StatusBarText.hints(p.frame).contains("r:resume"))
        p.press(.character("c"))
        // Cancelling: neither until the engine confirms.
        #expect(!StatusBarText.hints(p.frame).contains("c:cancel"))
        #expect(!StatusBarText.hints(p.frame).contains("r:resume"))
        p.send(.engine(.cancelled(grid)))
        #expect(StatusBarText.hints(p.frame).contains("r:resume"))
        p.press(.character("r"))
        #expect(StatusBarText.hints(p.frame).contains("c:cancel"))
        // A complete grid offers neither.
        let done = Pilot(Fixtures.session(cached: Fixtures.fullGrid(grid, rows: 12, cols: 12)), size: Self.wide)
        #expect(StatusBarText.hints(done.frame) == "?:help  ↵:details  v:select  e:export  m:metric  Tab:pair  /:search  +:zoom  *:best  q:quit")
    }

    @Test func theBaselineOffersCancelAndResumeByItsOwnState() {
        var p = BaselineFixtures.pilot(size: Self.wide, deliver: false)
        #expect(StatusBarText.hints(p.frame).contains("c:cancel"))
        p.press(.character("c"))
        #expect(StatusBarText.hints(p.frame).contains("r:resume") && !StatusBarText.hints(p.frame).contains("c:cancel"))
        p.press(.character("r"))
        p.send(.engine(.baseline(.linearCKA, .success(BaselineFixtures.baseline()))))
        #expect(!StatusBarText.hints(p.frame).contains("c:cancel") && !StatusBarText.hints(p.frame).contains("r:resume"))
    }

    @Test func openingAPromptOrSearchingClearsAnOldMessage() {
        var p = Pilot()
        p.press(.escape)
        #expect(StatusBarText.info(p.frame).hasPrefix("q quits"))
        // The export prompt's line shows its keys and formats, not the old message.
        p.press(.character("e"))
        #expect(StatusBarText.info(p.frame).hasPrefix("↵:confirm  Esc:cancel  ^U:clear  formats: "))
        p.press(.escape)
        p.press(.escape)
        p.press(.character("/"))
        #expect(StatusBarText.info(p.frame).hasPrefix("↵:confirm  Esc:cancel"))
        p.type("layer3")
        p.press(.enter)
        #expect(StatusBarText.info(p.frame).hasPrefix("/layer3  match 1/2: row 3 layer3  (n/N)"))
        p.press(.character("*"))
        #expect(StatusBarText.info(p.frame).hasPrefix("marking each row's best match"))
        p.press(.character("n"))
        #expect(StatusBarText.info(p.frame).hasPrefix("/layer3  match 2/2: column 3 layer3  (n/N)"))
    }

    @Test func theSearchPositionIsNotShownOverTheDetailsPanel() {
        var p = Pilot()
        p.press(.character("/"))
        p.type("layer2")
        p.press(.enter)
        #expect(StatusBarText.info(p.frame).hasPrefix("/layer2  match 1/2"))
        p.press(.enter)
        #expect(p.state.overlay?.panel != nil)
        #expect(!StatusBarText.info(p.frame).contains("n/N"), "n and N do nothing in the panel")
        p.press(.escape)
        #expect(StatusBarText.info(p.frame).hasPrefix("/layer2  match 1/2"))
    }
}
