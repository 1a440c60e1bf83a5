/// What covers the screen, if anything: at most one overlay is on top, and it gets every
/// key (`AppState.handleKey`), decides the key context of the hint line (`keyContext`) and
/// is drawn over the screen (`render`). That is the one place where precedence is written.
///
/// Two overlays open over another and give it back when they close, so they carry it:
/// - the help screen over a details panel (`HelpOverlay.beneath`): `?` in the panel, and
///   any key returns to the panel as it was;
/// - the quit question over whatever was open (`QuitConfirmation.beneath`): a prompt or a
///   panel stays on screen while the question waits for its key.
///
/// Each overlay's state, update and view live in its own folder: `Help/`, `Prompt/`,
/// `Panel/` (a grid cell's panel; the baseline cell's is in `Baseline/`), and
/// `QuitConfirmation.swift`.
public enum Overlay: Sendable {
    /// The `?` screen, generated from the key table.
    case help(HelpOverlay)
    /// The one-line prompt for an export's file name or a search.
    case prompt(Prompt)
    /// The details panel of a grid cell or of a baseline cell.
    case panel(Panel)
    /// A list with a fuzzy filter: the model-pair picker or the metric menu.
    case picker(Picker)
    /// `q` while an export is being written: the next key decides.
    indirect case quitConfirmation(QuitConfirmation)

    /// The overlay that is drawn and whose keys the hint line shows: itself, or for the
    /// quit question the overlay beneath it (the question is the status message).
    public var shown: Overlay? {
        if case .quitConfirmation(let q) = self { return q.beneath?.shown }
        return self
    }

    /// The key context while this overlay is on top.
    public var keyContext: KeyContext {
        switch self {
        case .help: return .help
        case .prompt: return .prompt
        case .panel: return .drill
        case .picker: return .picker
        case .quitConfirmation(let q): return q.beneath?.keyContext ?? .grid
        }
    }

    /// The prompt, when it is shown (on top, or beneath the quit question).
    public var prompt: Prompt? {
        if case .prompt(let p)? = shown { return p }
        return nil
    }

    /// The details panel, when one is open: shown, or beneath the help screen or the quit
    /// question (engine parts still arrive in it there).
    public var panel: Panel? {
        switch self {
        case .panel(let p): return p
        case .help(let h): return h.beneath
        case .quitConfirmation(let q): return q.beneath?.panel
        case .prompt, .picker: return nil
        }
    }

    /// The picker, when it is shown (on top, or beneath the quit question).
    public var picker: Picker? {
        if case .picker(let p)? = shown { return p }
        return nil
    }

    /// The help screen, when it is open (on top, or beneath the quit question).
    public var help: HelpOverlay? {
        if case .help(let h)? = shown { return h }
        return nil
    }

    /// Whether the quit question is on top (the next key answers it).
    public var isAskingToQuit: Bool {
        if case .quitConfirmation = self { return true }
        return false
    }

    /// Changes the open panel wherever it is (see `panel`); nothing when none is open.
    mutating func updatePanel(_ body: (inout Panel) -> Void) {
        switch self {
        case .panel(var p):
            body(&p)
            self = .panel(p)
        case .help(var h):
            guard h.beneath != nil else { return }
            body(&h.beneath!)
            self = .help(h)
        case .quitConfirmation(var q):
            q.beneath?.updatePanel(body)
            self = .quitConfirmation(q)
        case .prompt, .picker:
            return
        }
    }

    /// Changes the help screen wherever it is (see `help`); nothing when it is not open.
    mutating func updateHelp(_ body: (inout HelpOverlay) -> Void) {
        switch self {
        case .help(var h):
            body(&h)
            self = .help(h)
        case .quitConfirmation(var q):
            q.beneath?.updateHelp(body)
            self = .quitConfirmation(q)
        case .prompt, .panel, .picker:
            return
        }
    }
}
