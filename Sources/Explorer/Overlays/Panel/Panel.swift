import Similarity

/// The details panel that covers the body: of a grid cell (`DrillState`, filled in as the
/// engine's parts arrive) or of a baseline cell (`BaselineDrillState`, from the baseline's
/// result). Both scroll the same way and draw through `PanelView`.
public enum Panel: Sendable {
    /// The panel of one cell of a model pair's grid.
    case cell(DrillState)
    /// The panel of one layer pair of the seed baseline.
    case baseline(BaselineDrillState)
    /// The panel of one cell of the difference view: both operands.
    case difference(DifferenceDrillState)

    /// The grid cell's panel state, if this is one.
    public var drill: DrillState? { if case .cell(let d) = self { return d } else { return nil } }
    /// The baseline cell's panel state, if this is one.
    public var baselineDrill: BaselineDrillState? { if case .baseline(let b) = self { return b } else { return nil } }
    /// The difference cell's panel state, if this is one.
    public var differenceDrill: DifferenceDrillState? { if case .difference(let d) = self { return d } else { return nil } }

    /// The first panel line shown.
    public var scroll: Int {
        get {
            switch self {
            case .cell(let d): return d.scroll
            case .baseline(let b): return b.scroll
            case .difference(let d): return d.scroll
            }
        }
        set {
            switch self {
            case .cell(var d): d.scroll = newValue; self = .cell(d)
            case .baseline(var b): b.scroll = newValue; self = .baseline(b)
            case .difference(var d): d.scroll = newValue; self = .difference(d)
            }
        }
    }

    /// What a key on the panel asks of the app.
    public enum Reply: Sendable, Equatable {
        /// Scroll by this many lines (clamped to the content by the app, which knows it).
        case scroll(Int)
        /// Esc: close the panel, back to the screen.
        case close
        /// A global action: help, redraw, quit.
        case perform(Action)
    }

    /// The reply to one key, `nil` when the key does nothing on the panel (the grid's keys).
    /// - Parameter page: the lines PgUp / PgDn scroll.
    public static func update(_ key: Key, page: Int) -> Reply? {
        guard let action = KeyMap.standard.action(for: key, in: .drill) else { return nil }
        switch action {
        case .scrollUp: return .scroll(-1)
        case .scrollDown: return .scroll(1)
        case .scrollPageUp: return .scroll(-page)
        case .scrollPageDown: return .scroll(page)
        case .scrollTop: return .scroll(-Int.max / 2)
        case .scrollBottom: return .scroll(Int.max / 2)
        case .back: return .close
        default: return .perform(action)
        }
    }
}
