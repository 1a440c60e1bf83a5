import Foundation
import Testing
import Explorer
import Similarity

/// Headless runs of the real loop through the fake terminal, with scripted keys and fake
/// engine reports posted to the inbox.
@Suite struct LoopTests {
    let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    final class Clock: @unchecked Sendable {
        var now = 0.0
        func read() -> Double { now }
    }

    func makeLoop(_ term: FakeTerminal, session: Session, performer: RecordingPerformer, inbox: MessageInbox,
                  clock: Clock = Clock()) -> ExplorerLoop<FakeTerminal> {
        ExplorerLoop(backend: term, session: session, inbox: inbox, performer: performer, clock: { clock.read() })
    }

    @Test func gridFillsInProgressShowsDrillOpensAndExportIsPerformed() {
        let inbox = MessageInbox()
        let performer = RecordingPerformer()
        // The fake app: answers exports at once.
        performer.onPerform = { effect in
            if case .export(let r) = effect { inbox.postExportFinished(path: r.path, error: nil) }
        }
        let term = FakeTerminal(size: Fixtures.size80x24)
        let loop = makeLoop(term, session: Fixtures.session(layers: 12), performer: performer, inbox: inbox)
        var snapshots: [String: [String]] = [:]

        term.enqueue([
            .idle,
            .run {
                for r in 0..<12 { for c in 0..<6 { inbox.post(.cell(CellKey(grid: grid, row: r, col: c), Fixtures.value(Fixtures.similarity(r, c)))) } }
                inbox.post(.progress(grid, done: 72, total: 144))
            },
            .idle,
            .run { snapshots["filled"] = term.lines },
            .key(.enter),
            .run { inbox.post(.drill(CellKey(grid: grid, row: 0, col: 0), .linearTerms(.success(DrillFixtures.linearTerms)))) },
            .idle,
            .run { snapshots["drill"] = term.lines },
            .key(.escape),
            .key(.character("e")),
            .key(.enter),
            .idle,
            .run { snapshots["exported"] = term.lines },
            .key(.character("q")),
        ])
        loop.run(until: { term.isExhausted })

        #expect(loop.hasQuit)
        #expect(performer.performed.first == .computeGrid(grid, Focus(row: 0, col: 0, visibleRows: 0..<12, visibleCols: 0..<12)))
        let filled = snapshots["filled"] ?? []
        #expect(filled.count == 24)
        #expect(Screen.trimRight(filled[22]).hasSuffix("72/144 cells"))
        #expect(filled[2].hasPrefix(" 0 layer0  [] ") && filled[2].contains("·"))
        let drill = snapshots["drill"] ?? []
        #expect(drill.contains { $0.hasPrefix("Details  relu-s0:layer0 × relu-s1:layer0") })
        #expect(drill.contains { $0.hasPrefix("      biased   1.200e-02") })
        #expect(performer.performed.contains(.startDrill(CellKey(grid: grid, row: 0, col: 0))))
        #expect(performer.performed.contains(.cancelDrill(CellKey(grid: grid, row: 0, col: 0))))
        #expect(performer.performed.contains {
            guard case .export(let r) = $0 else { return false }
            return r.path == "relu-s0_x_relu-s1_linear-cka.csv" && r.format == .csv && r.grid == grid
                && r.rows == Array(0..<12) && r.cols == Array(0..<12) && r.values.count == 12 && r.values.allSatisfy { $0.count == 12 }
        })
        #expect((snapshots["exported"] ?? [])[22].hasPrefix("wrote 12×12 cells to relu-s0_x_relu-s1_linear-cka.csv"))
        #expect(performer.performed.last == .quit)
        // The coloured cells really reached the terminal.
        Screen.expectStyle(term.screen, x: 3, y: 2, "a cell with a colour") { _ in true }
        #expect(term.screen[13, 3].style.background != .default)
    }

    @Test func onlyChangesAreDrawnAndResizeRedrawsEverything() {
        let inbox = MessageInbox()
        let term = FakeTerminal(size: Fixtures.size80x24)
        let loop = makeLoop(term, session: Fixtures.session(layers: 40), performer: RecordingPerformer(), inbox: inbox)
        term.enqueue([.idle, .key(.character("j"))])
        loop.run(until: { term.isExhausted })
        #expect(term.clearCount == 1)
        #expect(term.drawSizes.first == 80 * 24, "the first frame is drawn whole")
        let moved = term.drawSizes.last ?? 0
        #expect(moved > 0 && moved < 60, "a cursor move redraws a few cells, not \(moved)")
        #expect(term.screen == render(loop.state))

        term.enqueue([.key(.character("G")), .event(.resize(TerminalSize(width: 60, height: 14)))])
        loop.run(until: { term.isExhausted })
        #expect(term.clearCount == 2)
        #expect(term.drawSizes.last == 60 * 14)
        #expect(loop.state.visibleRows.contains(39))
        #expect(term.screen == render(loop.state), "the screen shows exactly the last frame")

        term.enqueue([.event(.resize(TerminalSize(width: 30, height: 8)))])
        loop.run(until: { term.isExhausted })
        #expect(term.lines.joined().contains("terminal too small"))
        term.enqueue([.key(.character("j")), .key(.character("q"))])
        loop.run(until: { term.isExhausted })
        #expect(loop.hasQuit, "q works on the too-small notice")
    }

    @Test func ctrlLClearsTheScreenAndEscapeNeverQuits() {
        let term = FakeTerminal(size: Fixtures.size80x24)
        let performer = RecordingPerformer()
        let loop = makeLoop(term, session: Fixtures.session(), performer: performer, inbox: MessageInbox())
        term.enqueue([.key(.escape), .key(.escape), .key(.control("l"))])
        loop.run(until: { term.isExhausted })
        #expect(!loop.hasQuit)
        #expect(term.clearCount == 2)
        #expect(performer.performed.contains(.clearScreen))
        #expect(term.screen == render(loop.state))
    }

    @Test func ticksAgeTheETA() {
        let inbox = MessageInbox()
        let clock = Clock()
        let term = FakeTerminal(size: Fixtures.size80x24)
        let loop = makeLoop(term, session: Fixtures.session(layers: 10), performer: RecordingPerformer(), inbox: inbox, clock: clock)
        term.enqueue([
            .run { inbox.post(.progress(grid, done: 0, total: 100)) }, .idle,
            .run { clock.now += 1.9; inbox.post(.progress(grid, done: 50, total: 100)) }, .idle,
        ])
        loop.run(until: { term.isExhausted })
        #expect(Screen.trimRight(term.lines[22]).hasSuffix("50/100 cells · ETA 2s"))
        term.enqueue([.run { clock.now += 1 }, .idle])
        loop.run(until: { term.isExhausted })
        #expect(Screen.trimRight(term.lines[22]).hasSuffix("50/100 cells · ETA 1s"))
    }

    @Test func inboxTakesMessagesFromManyThreads() {
        let inbox = MessageInbox()
        DispatchQueue.concurrentPerform(iterations: 8) { t in
            for i in 0..<500 {
                inbox.post(.cell(CellKey(grid: grid, row: t, col: i % 12), Fixtures.value(0.5)))
            }
        }
        #expect(inbox.count == 4000)
        #expect(inbox.drain().count == 4000)
        #expect(inbox.drain().isEmpty)
    }
}
