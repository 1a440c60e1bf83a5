/// The quit question: `q` (or Ctrl-C) while an export is being written. It is asked in the
/// status message and keeps what was open beneath it on screen (its view is that overlay's,
/// or the screen's); the next key answers it. It also goes when the last export finishes.
public struct QuitConfirmation: Sendable {
    /// What was open when the question was asked, given back when it is answered "stay".
    public var beneath: Overlay?

    public init(beneath: Overlay?) {
        self.beneath = beneath
    }

    /// The answer a key gives: `q`, `y` and Ctrl-C quit; any other key stays.
    public static func quits(_ key: Key) -> Bool {
        key == .character("q") || key == .character("y") || key == .control("c")
    }
}

extension AppState {
    /// `q` / Ctrl-C: quits, or asks first while an export is being written.
    mutating func requestQuit() -> [Effect] {
        if pendingExports.isEmpty { return [.quit] }
        // Asked again on the too-small notice: still one question over what was open.
        if case .quitConfirmation = overlay {} else { overlay = .quitConfirmation(QuitConfirmation(beneath: overlay)) }
        let n = pendingExports.count
        message = StatusMessage("\(n == 1 ? "an export is" : "\(n) exports are") still being written: q quits anyway, any other key stays",
                                kind: .error)
        return []
    }

    /// The key that answers the question.
    mutating func quitConfirmationKey(_ question: QuitConfirmation, _ key: Key) -> [Effect] {
        overlay = question.beneath
        if QuitConfirmation.quits(key) { return [.quit] }
        say("not quitting: the export goes on")
        return []
    }

    /// The mouse goes to what is beneath the question, which stays asked.
    mutating func quitConfirmationMouse(_ question: QuitConfirmation, _ event: MouseEvent) -> [Effect] {
        overlay = question.beneath
        let effects = handleMouse(event)
        overlay = .quitConfirmation(QuitConfirmation(beneath: overlay))
        return effects
    }

    /// The last export finished: nothing is left to ask about.
    mutating func dropQuitQuestion() {
        if case .quitConfirmation(let q) = overlay { overlay = q.beneath }
    }
}
