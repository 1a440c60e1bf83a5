import Similarity

/// The explorer's one state transition: applies `msg` to `state` and returns the work to
/// do as data. Pure: no clock, no I/O, no terminal; the same state and message always give
/// the same result. Cheap: at most O(rows + cols) per message (a search is O(layers)).
///
/// Besides each message's own effects, any change of the cursor or viewport of a grid
/// whose job is running adds an `updateFocus`, so the engine computes what the user is
/// looking at first.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
    let grid = state.gridKey
    let focus = state.focus
    var effects: [Effect]
    switch msg {
    case .start:
        state.keepCursorInView()
        effects = state.requestCurrentGrid()
    case .key(let key):
        effects = state.handleKey(key)
    case .mouse(let event):
        effects = state.handleMouse(event)
    case .resize(let size):
        state.size = size
        state.keepCursorInView()
        state.clampPanelScrolls()
        state.keepOverviewSelectionInView()
        effects = []
    case .engine(let event):
        effects = state.handleEngine(event) + state.overviewAfterEngine(event) + state.differenceAfterEngine(event)
    case .exportFinished(let path, let error):
        state.finishExport(path: path, error: error)
        effects = []
    case .tick(let time):
        state.tick(time)
        effects = []
    }
    state.refreshClusterOrder()
    if state.overview == nil, state.screen == .grid, state.gridKey == grid, state.focus != focus, state.jobs[grid]?.phase == .running,
       !effects.contains(where: { if case .computeGrid = $0 { return true } else { return false } }) {
        effects.append(.updateFocus(grid, state.focus))
    }
    if let b = state.difference?.subtrahend, state.screen == .grid, state.focus != focus, state.jobs[b]?.phase == .running {
        effects.append(.updateFocus(b, state.focus))
    }
    if let q = effects.firstIndex(of: .quit) {
        effects.replaceSubrange(q...q, with: state.quitEffects)
        state.hasQuit = true
    }
    return effects
}

extension AppState {
    /// Shows a transient message that ages out with the ticks.
    mutating func say(_ text: String, _ kind: StatusMessage.Kind = .info) {
        let life = kind == .error ? StatusMessage.errorLifetime : StatusMessage.infoLifetime
        message = StatusMessage(text, kind: kind, expires: now + life)
    }

    /// Advances the clock: expires the status message.
    mutating func tick(_ time: Double) {
        now = time
        if let e = message?.expires, time >= e { message = nil }
    }
}
