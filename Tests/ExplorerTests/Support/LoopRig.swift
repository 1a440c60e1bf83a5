import Explorer
import Similarity

/// The real loop over the fake terminal, with a performer that answers the way the app
/// does, at once: a drill's parts arrive, an export is written, a cancel is confirmed.
/// Keys go through `nextEvent`, `update`, `render`, the diff and `present` like a user's.
final class LoopRig {
    let inbox: MessageInbox
    let performer: RecordingPerformer
    let term: FakeTerminal
    let loop: ExplorerLoop<FakeTerminal>

    /// Two models of `layers` layers, linear CKA between them known (`cached`) or not.
    static func session(layers: Int = 40, cached: Bool = true) -> Session {
        let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        return Fixtures.session(layers: layers, cached: cached ? Fixtures.fullGrid(grid, rows: layers, cols: layers) : [:])
    }

    init(_ session: Session = LoopRig.session(), size: TerminalSize = Fixtures.size80x24) {
        let inbox = MessageInbox()
        self.inbox = inbox
        performer = RecordingPerformer()
        performer.onPerform = { effect in
            switch effect {
            case .startDrill(let cell):
                for part: DrillPart in [.linearTerms(.success(DrillFixtures.linearTerms)), .decomposition(.success(DrillFixtures.decomposition)),
                                        .matching(.success(DrillFixtures.matching)), .measures(DrillFixtures.measures),
                                        .significance(.success(DrillFixtures.significance))] {
                    inbox.post(.drill(cell, part))
                }
            case .export(let request):
                inbox.postExportFinished(path: request.path, error: nil)
            case .cancelGrid(let grid):
                inbox.post(.cancelled(grid))
            default:
                break
            }
        }
        term = FakeTerminal(size: size)
        loop = ExplorerLoop(backend: term, session: session, inbox: inbox, performer: performer, clock: { 0 })
        send([.idle])
    }

    /// Runs the steps, then one idle step so answers posted by the performer are shown.
    func send(_ steps: [FakeTerminal.Step]) {
        term.enqueue(steps + [.idle])
        loop.run(until: { term.isExhausted })
    }

    func press(_ keys: Key...) { send(keys.map { .key($0) }) }

    /// Types text, one key per character.
    func type(_ text: String) { send(FakeTerminal.typing(text)) }

    var state: AppState { loop.state }
    /// The visible screen, trailing spaces dropped.
    var lines: [String] { term.lines.map(Screen.trimRight) }
    var screen: String { lines.joined(separator: "\n") }
    var title: String { lines[0] }
    var cellLine: String { lines[lines.count - 3] }
    var infoLine: String { lines[lines.count - 2] }
    var hintLine: String { lines[lines.count - 1] }
}
