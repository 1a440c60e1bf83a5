/// The `?` screen's state: how far it is scrolled, and the details panel it was opened
/// over (given back when it closes). Its view is `HelpScreen`.
public struct HelpOverlay: Sendable {
    /// The first line shown, `0...HelpScreen.overflow`.
    public var scroll = 0
    /// The panel that was open when `?` was pressed, shown again on closing.
    public var beneath: Panel?

    public init(beneath: Panel? = nil) {
        self.beneath = beneath
    }

    /// A key on the help screen: j/k scroll when it does not fit (`overflow` lines more than
    /// the screen holds); any other key closes it (`nil`).
    public func update(_ key: Key, overflow: Int) -> HelpOverlay? {
        if overflow > 0, let action = KeyMap.standard.action(for: key, in: .help) {
            switch action {
            case .scrollUp: return scrolled(by: -1, overflow: overflow)
            case .scrollDown: return scrolled(by: 1, overflow: overflow)
            default: break
            }
        }
        return nil
    }

    /// The mouse on the help screen: the wheel scrolls, a click closes it (`nil`).
    public func update(_ event: MouseEvent, overflow: Int) -> HelpOverlay? {
        switch event.kind {
        case .wheelUp: return scrolled(by: -AppState.wheelStep, overflow: overflow)
        case .wheelDown: return scrolled(by: AppState.wheelStep, overflow: overflow)
        case .press: return nil
        case .release: return self
        }
    }

    /// Scrolled by `n` lines, kept within `0...overflow`.
    func scrolled(by n: Int, overflow: Int) -> HelpOverlay {
        var h = self
        h.scroll = n < 0 ? max(0, scroll + n) : min(overflow, scroll + n)
        return h
    }
}

extension AppState {
    /// `?`: the help screen, over the details panel if one is open.
    mutating func openHelp() {
        overlay = .help(HelpOverlay(beneath: overlay?.panel))
    }

    /// A key on the help screen: scrolls it, or closes it back to the panel beneath.
    mutating func helpKey(_ help: HelpOverlay, _ key: Key) {
        keepOrClose(help, help.update(key, overflow: HelpScreen.overflow(self)))
    }

    /// The mouse on the help screen: the wheel scrolls it, a click closes it.
    mutating func helpMouse(_ help: HelpOverlay, _ event: MouseEvent) {
        keepOrClose(help, help.update(event, overflow: HelpScreen.overflow(self)))
    }

    private mutating func keepOrClose(_ help: HelpOverlay, _ next: HelpOverlay?) {
        overlay = next.map(Overlay.help) ?? help.beneath.map(Overlay.panel)
    }
}
