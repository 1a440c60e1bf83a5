import Similarity

/// The details panel in the app: its keys and wheel, scrolling within its content, and
/// closing it. Opening it is the screen's (`Screen+Grid`, `Baseline/Screen+Baseline`):
/// what a cell's details are depends on the screen.
extension AppState {
    /// A key while the panel is on top.
    mutating func panelKey(_ key: Key) -> [Effect] {
        switch Panel.update(key, page: max(1, layout.bodyHeight - 1)) {
        case .scroll(let n)?: scrollPanel(by: n)
        case .close?: return leavePanel()
        case .perform(let action)?: return perform(action)
        case nil: break
        }
        return []
    }

    /// The wheel scrolls the panel; clicks do nothing on it.
    mutating func panelMouse(_ event: MouseEvent) {
        switch event.kind {
        case .wheelUp: scrollPanel(by: -AppState.wheelStep)
        case .wheelDown: scrollPanel(by: AppState.wheelStep)
        case .press, .release: break
        }
    }

    /// Esc: closes the panel and stops a grid cell's work (a baseline cell's panel has none).
    mutating func leavePanel() -> [Effect] {
        guard let panel = overlay?.panel else { return [] }
        overlay = nil
        if case .cell(let d) = panel { return [.cancelDrill(d.cell)] }
        return []
    }

    /// Scrolls the open panel (wherever it is, see `Overlay.panel`), kept within its content.
    mutating func scrollPanel(by n: Int) {
        guard let panel = overlay?.panel else { return }
        let scroll = panel.scroll
        let maxScroll = max(0, PanelView.lines(panel, self, width: size.width).count - layout.bodyHeight)
        let new = min(maxScroll, max(0, scroll.addingReportingOverflow(n).overflow ? scroll : scroll + n))
        overlay?.updatePanel { $0.scroll = new }
    }
}
