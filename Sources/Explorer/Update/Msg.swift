import Similarity

/// Everything `update` reacts to. The loop turns terminal events, engine results, export
/// results and the passing of time into these; nothing else changes the state.
public enum Msg: Sendable {
    /// Sent once by the loop before the first frame: asks for the first grid.
    case start
    /// A key press.
    case key(Key)
    /// A mouse click or wheel turn, in screen cells.
    case mouse(MouseEvent)
    /// The terminal's new size.
    case resize(TerminalSize)
    /// A result or progress report from background work.
    case engine(EngineEvent)
    /// An export effect ended: written to `path`, or failed with `error`.
    case exportFinished(path: String, error: String?)
    /// The current time in seconds (any fixed origin, monotonic). Ages the ETA and
    /// transient status messages without `update` reading a clock.
    case tick(Double)

    /// The message for a terminal event.
    public static func terminal(_ event: TerminalEvent) -> Msg {
        switch event {
        case .key(let k): return .key(k)
        case .mouse(let m): return .mouse(m)
        case .resize(let s): return .resize(s)
        }
    }
}
