/// A terminal for headless tests (like Textual's Pilot): a script of events at a chosen
/// size, and the screen as a `CellBuffer` showing what a real terminal would after each
/// `present()`.
///
/// ```swift
/// let term = FakeTerminal(size: .init(width: 80, height: 24), script: FakeTerminal.typing("jjl") + [.key(.enter)])
/// let loop = ExplorerLoop(backend: term, session: s, inbox: inbox, performer: performer)
/// loop.run(until: { term.isExhausted })
/// term.screen.lines   // what the user sees
/// ```
public final class FakeTerminal: TerminalBackend {
    /// One step of the script.
    public enum Step {
        /// The terminal reports an event (a resize also changes `size`).
        case event(TerminalEvent)
        /// No event this time: `nextEvent` times out, so the loop drains its inbox.
        case idle
        /// Runs code when reached (e.g. posts engine reports to the inbox), then goes on.
        case run(() -> Void)

        /// A key press.
        public static func key(_ k: Key) -> Step { .event(.key(k)) }
    }

    public private(set) var size: TerminalSize
    public let colorMode: ColorMode
    public let supportsUnicode: Bool
    /// What is visible: the state after the last `present()`.
    public private(set) var screen: CellBuffer
    /// Drawn but not yet presented.
    private var pending: CellBuffer
    private var script: [Step]
    private var position = 0
    /// Counters for tests.
    public private(set) var clearCount = 0
    public private(set) var presentCount = 0
    /// The number of cells each `draw` call wrote, in order.
    public private(set) var drawSizes: [Int] = []
    /// Called at the end of each `present()`: latency tests advance a fake clock here to
    /// model a frame that takes time to reach the screen.
    public var onPresent: (() -> Void)?

    public init(size: TerminalSize, colorMode: ColorMode = .palette256, supportsUnicode: Bool = true, script: [Step] = []) {
        self.size = size
        self.colorMode = colorMode
        self.supportsUnicode = supportsUnicode
        self.script = script
        self.screen = CellBuffer(width: size.width, height: size.height)
        self.pending = screen
    }

    /// The steps `text` types, one key per character.
    public static func typing(_ text: String) -> [Step] { text.map { .key(.character($0)) } }

    /// Appends steps to the script.
    public func enqueue(_ steps: [Step]) { script += steps }

    /// Whether every step has been taken.
    public var isExhausted: Bool { position >= script.count }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        while position < script.count {
            let step = script[position]
            position += 1
            switch step {
            case .run(let body): body()
            case .idle: return nil
            case .event(let e):
                if case .resize(let s) = e {
                    size = s
                    screen = CellBuffer(width: s.width, height: s.height)
                    pending = screen
                }
                return e
            }
        }
        return nil
    }

    public func draw(_ changes: [CellChange]) {
        drawSizes.append(changes.count)
        for c in changes { pending[c.x, c.y] = c.cell }
    }

    public func clearScreen() {
        clearCount += 1
        pending = CellBuffer(width: size.width, height: size.height)
    }

    public func present() {
        presentCount += 1
        screen = pending
        onPresent?()
    }

    /// Every control sequence written (`writeControlSequence`), in order.
    public private(set) var controlSequences: [[UInt8]] = []

    public func writeControlSequence(_ bytes: [UInt8]) { controlSequences.append(bytes) }

    /// The visible characters, one string per row.
    public var lines: [String] { screen.lines }
}
