/// The explorer's run loop, generic over the terminal. It owns the state and the previous
/// frame. Each iteration:
///
/// 1. waits up to `pollMilliseconds` for a terminal event;
/// 2. sends a tick with the current time (at most every `tickInterval` seconds);
/// 3. feeds the terminal event, then every message pending in the inbox, to `update`,
///    performing each batch of effects (`quit` ends the loop, `clearScreen` clears the
///    terminal, and every effect also goes to the `EffectPerformer`);
/// 4. if anything was processed: renders the full frame, diffs it against the previous one
///    and draws only the changes, then presents. After a size change or `clearScreen`,
///    it clears the screen and draws everything.
///
/// For every key and mouse event it records in `latency` the time on `clock` from
/// `nextEvent` returning the event to `present()` of the frame that reflects it (the same
/// iteration's frame: the event, the messages drained after it, render, diff, draw).
///
/// Only the loop's thread touches the backend.
public final class ExplorerLoop<Backend: TerminalBackend> {
    public private(set) var state: AppState
    /// The frame on screen.
    public private(set) var frame: CellBuffer
    /// True once a `quit` effect was seen.
    public private(set) var hasQuit = false
    /// Key-to-frame latency of every key and mouse event shown so far (not the one that quit).
    public private(set) var latency = LatencyRecorder()

    public let backend: Backend
    public let inbox: MessageInbox
    public let performer: any EffectPerformer
    public let pollMilliseconds: Int
    /// Seconds between ticks (the ETA and messages age at this pace).
    public let tickInterval: Double
    private let clock: () -> Double
    private var started = false
    private var lastTick = -Double.infinity
    private var scratch = CellBuffer(width: 0, height: 0)
    private var needsClear = false
    /// Bytes for the terminal itself (OSC 52), written after the next frame is presented.
    private var controlSequences: [[UInt8]] = []

    /// - Parameters:
    ///   - clock: seconds on any monotonic scale; tests pass a fake one.
    public init(backend: Backend, session: Session, inbox: MessageInbox, performer: any EffectPerformer,
                pollMilliseconds: Int = 30, tickInterval: Double = 0.25,
                clock: @escaping () -> Double = ExplorerLoop.monotonicClock()) {
        self.backend = backend
        self.state = AppState(session: session, size: backend.size)
        self.frame = CellBuffer(width: 0, height: 0)
        self.inbox = inbox
        self.performer = performer
        self.pollMilliseconds = pollMilliseconds
        self.tickInterval = tickInterval
        self.clock = clock
    }

    /// Runs until a `quit` effect.
    public func run() { run(until: { false }) }

    /// Runs until a `quit` effect or until `stop()` is true after an iteration.
    public func run(until stop: () -> Bool) {
        while !hasQuit {
            step()
            if stop() { break }
        }
    }

    /// One iteration of the loop.
    public func step() {
        var dirty = false
        if !started {
            started = true
            process(.tick(clock()))
            lastTick = state.now
            process(.start)
            needsClear = true
            dirty = true
        }
        let event = backend.nextEvent(timeoutMilliseconds: pollMilliseconds)
        let t = clock()
        if t - lastTick >= tickInterval {
            lastTick = t
            dirty = process(.tick(t)) || dirty
        }
        // When the user's event arrived, if this iteration has one to measure.
        var eventTime: Double?
        if let event {
            if case .resize = event {} else { eventTime = t }
            process(.terminal(event))
            dirty = true
        }
        if !hasQuit, backend.size != state.size {
            process(.resize(backend.size))
            dirty = true
        }
        for msg in inbox.drain() where !hasQuit {
            process(msg)
            dirty = true
        }
        if dirty && !hasQuit {
            draw()
            if let eventTime { latency.record(clock() - eventTime) }
        }
    }

    /// Feeds one message to `update` and performs its effects. Returns whether the state
    /// may have changed in a visible way (always, except for a tick that changed nothing).
    @discardableResult
    private func process(_ msg: Msg) -> Bool {
        var visibleBefore: (StatusMessage?, Double?)?
        if case .tick = msg { visibleBefore = (state.message, state.jobs[state.gridKey]?.eta(now: state.now)) }
        let effects = update(&state, msg)
        for effect in effects {
            switch effect {
            case .quit: hasQuit = true
            case .clearScreen: needsClear = true
            case .copyToClipboard(let copy): controlSequences.append(copy.bytes)
            default: break
            }
            performer.perform(effect)
        }
        if let before = visibleBefore, effects.isEmpty {
            // A tick matters only when it expired a message or a job is running (its ETA).
            return before.0 != state.message || before.1 != nil
        }
        return true
    }

    /// Renders and sends the difference from the previous frame.
    private func draw() {
        render(state, into: &scratch)
        if needsClear || scratch.width != frame.width || scratch.height != frame.height {
            backend.clearScreen()
            frame = CellBuffer(width: 0, height: 0)
            needsClear = false
        }
        let changes = scratch.diff(from: frame)
        if !changes.isEmpty { backend.draw(changes) }
        backend.present()
        for bytes in controlSequences { backend.writeControlSequence(bytes) }
        controlSequences = []
        swap(&frame, &scratch)
    }

    /// A monotonic clock in seconds since its creation.
    public static func monotonicClock() -> () -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        return {
            let d = start.duration(to: clock.now).components
            return Double(d.seconds) + Double(d.attoseconds) * 1e-18
        }
    }
}
