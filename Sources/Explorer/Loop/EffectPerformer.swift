/// What the app supplies to carry out effects: start and cancel engine jobs, start and
/// cancel drill-down work, write exports. It must return quickly (start work on other
/// threads) and report results through the `MessageInbox` it was built with.
///
/// The loop hands it every effect, `clearScreen` and `quit` included (after a `quit`, the
/// performer should cancel what is running); the loop itself also clears the screen and
/// ends.
public protocol EffectPerformer: AnyObject {
    func perform(_ effect: Effect)
}

/// A performer that records effects and does nothing else: for tests and for running the
/// UI without an engine.
public final class RecordingPerformer: EffectPerformer {
    public private(set) var performed: [Effect] = []
    /// Called after each effect is recorded (e.g. to post a fake answer to an inbox).
    public var onPerform: ((Effect) -> Void)?

    public init(onPerform: ((Effect) -> Void)? = nil) { self.onPerform = onPerform }

    public func perform(_ effect: Effect) {
        performed.append(effect)
        onPerform?(effect)
    }
}
