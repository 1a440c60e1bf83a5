import Foundation
import Testing
import Explorer
import Similarity

/// Key-to-frame latency: nearest-rank percentiles, and what the loop measures with a fake
/// clock that the fake terminal advances as frames are presented.
@Suite struct LatencyTests {
    // MARK: Nearest rank

    @Test func nearestRankIsTheTextbookDefinition() {
        // The classic example: 15, 20, 35, 40, 50.
        let v = [15.0, 20, 35, 40, 50]
        #expect(LatencySummary.nearestRank(5, ofSorted: v) == 15)
        #expect(LatencySummary.nearestRank(30, ofSorted: v) == 20)
        #expect(LatencySummary.nearestRank(40, ofSorted: v) == 20)
        #expect(LatencySummary.nearestRank(50, ofSorted: v) == 35)
        #expect(LatencySummary.nearestRank(100, ofSorted: v) == 50)
        #expect(LatencySummary.nearestRank(0, ofSorted: v) == 15, "rank is at least 1")
        #expect(LatencySummary.nearestRank(50, ofSorted: []) == nil)
        #expect(LatencySummary.nearestRank(99, ofSorted: [7]) == 7)
    }

    @Test func percentilesOfOneToAHundredMilliseconds() {
        // Shuffled on purpose: the summary sorts. 99 % of 100 is rank 99 exactly, not 100.
        var r = LatencyRecorder()
        for ms in (1...100).map({ ($0 * 37) % 101 }) { r.record(Double(ms) / 1000) }
        let s = r.summary
        #expect(s.count == 100)
        #expect(s.p50 == 50 && s.p90 == 90 && s.p99 == 99 && s.max == 100)
        // One more sample moves p99 to rank ⌈99.99⌉ = 100.
        r.record(0.101)
        #expect(r.summary.p99 == 100 && r.summary.max == 101)
    }

    @Test func anEmptyRecordHasNoPercentilesAndWritesNull() throws {
        let s = LatencyRecorder().summary
        #expect(s.count == 0 && s.p50 == nil && s.p99 == nil && s.max == nil)
        let json = try Self.json(s)
        #expect(json == #"{"count":0,"max_ms":null,"p50_ms":null,"p90_ms":null,"p99_ms":null}"#)
    }

    @Test func theFileFormatIsOneObjectInMilliseconds() throws {
        let s = LatencySummary(seconds: [0.0012, 0.0031, 0.0098, 0.00123456])
        let json = try Self.json(s)
        #expect(json == #"{"count":4,"max_ms":9.8,"p50_ms":1.235,"p90_ms":9.8,"p99_ms":9.8}"#)
        #expect(try JSONDecoder().decode(LatencySummary.self, from: Data(json.utf8)) == s)
    }

    static func json(_ s: LatencySummary) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(s), as: UTF8.self)
    }

    // MARK: Through the loop

    final class Clock: @unchecked Sendable {
        var now = 100.0
    }

    /// A loop whose clock advances by `cost()` at every `present()`.
    func makeLoop(_ term: FakeTerminal, clock: Clock, performer: RecordingPerformer = RecordingPerformer(),
                  inbox: MessageInbox = MessageInbox(), session: Session = Fixtures.session()) -> ExplorerLoop<FakeTerminal> {
        ExplorerLoop(backend: term, session: session, inbox: inbox, performer: performer, clock: { clock.now })
    }

    @Test func everyKeyAndClickIsTimedUntilItsFrameIsPresented() {
        let clock = Clock()
        let term = FakeTerminal(size: Fixtures.size80x24)
        var frameCost = 0.0
        term.onPresent = { clock.now += frameCost }
        let loop = makeLoop(term, clock: clock)
        // Each `.run` sets what the next frame costs; idle frames and resizes are not timed.
        term.enqueue([
            .idle,
            .run { frameCost = 0.004 }, .key(.character("j")),
            .run { frameCost = 0.010 }, .key(.character("l")),
            .run { frameCost = 0.500 }, .idle,
            .run { frameCost = 0.002 }, .key(.down),
            .run { frameCost = 0.200 }, .event(.resize(TerminalSize(width: 100, height: 30))),
            .run { frameCost = 0.030 }, .event(.mouse(MouseEvent(kind: .wheelDown, x: 20, y: 5))),
            .run { frameCost = 0.001 }, .key(.character("q")),
        ])
        loop.run(until: { term.isExhausted })
        #expect(loop.hasQuit)
        let ms = loop.latency.samples.map { ($0 * 1e6).rounded() / 1000 }
        #expect(ms == [4, 10, 2, 30], "j, l, ↓ and the wheel; not the idle frame, the resize or q")
        let s = loop.latency.summary
        #expect(s.count == 4)
        #expect(s.p50 == 4, "rank ⌈2⌉ = 2 of 2, 4, 10, 30")
        #expect(s.p90 == 30 && s.p99 == 30 && s.max == 30)
    }

    @Test func workAfterTheEventCountsEffectsAndMessagesIncluded() {
        let clock = Clock()
        let term = FakeTerminal(size: Fixtures.size80x24)
        let inbox = MessageInbox()
        let grid = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        // The performer takes 3 ms to start the next metric's grid, and answers at once.
        let performer = RecordingPerformer { effect in
            if case .computeGrid(let key, _, _) = effect, key == grid {
                clock.now += 0.003
                inbox.post(.progress(grid, done: 0, total: 144))
            }
        }
        term.onPresent = { clock.now += 0.001 }
        let loop = makeLoop(term, clock: clock, performer: performer, inbox: inbox)
        term.enqueue([.idle, .key(.character("m")), .idle])
        loop.run(until: { term.isExhausted })
        #expect(loop.state.metric == .rbfCKA)
        #expect(loop.latency.samples.count == 1)
        #expect(abs(loop.latency.samples[0] - 0.004) < 1e-9, "3 ms performing plus 1 ms presenting")
        #expect(Screen.trimRight(term.lines[22]).hasSuffix("0/144 cells"), "the timed frame shows the drained message")
    }
}
