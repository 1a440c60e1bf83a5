import Testing
import Explorer
import Similarity

/// The baseline view through the real loop and the fake terminal, with a fake performer
/// that answers `computeBaseline` through the inbox as the engine would.
@Suite struct BaselineLoopTests {
    @Test func bComputesShowsAndLeavesTheBaseline() {
        let inbox = MessageInbox()
        let performer = RecordingPerformer()
        performer.onPerform = { effect in
            guard case .computeBaseline(let metric) = effect else { return }
            inbox.post(.baselineProgress(metric, done: 12, total: 28))
        }
        let term = FakeTerminal(size: Fixtures.size80x24)
        let loop = ExplorerLoop(backend: term, session: BaselineFixtures.session(), inbox: inbox, performer: performer,
                                clock: { 0 })
        var screens: [String: [String]] = [:]
        term.enqueue([
            .idle,
            .key(.character("b")),
            .idle,
            .run { screens["computing"] = term.lines },
            .run { inbox.post(.baseline(.linearCKA, .success(BaselineFixtures.baseline()))) },
            .idle,
            .run { screens["ready"] = term.lines },
            .key(.character("b")),
            .key(.character("q")),
        ])
        loop.run(until: { term.isExhausted })

        #expect(performer.performed.filter { $0 == .computeBaseline(.linearCKA) }.count == 1)
        let computing = screens["computing"] ?? []
        #expect(computing.first.map(Screen.trimRight) == "baseline: relu vs tanh — linear CKA (within − across)")
        #expect(computing.count == 24 && Screen.trimRight(computing[22]).hasSuffix("12/28 model pairs"))
        let ready = screens["ready"] ?? []
        #expect(ready.count == 24 && ready[2].hasPrefix("0 layer0 [] *"))
        // Leaving a known baseline cancels nothing and asks for the pair's grid again.
        #expect(!performer.performed.contains(.cancelBaseline(.linearCKA)))
        #expect(performer.performed.filter(\.isComputeGrid).count == 2)
        #expect(loop.hasQuit)
    }
}
