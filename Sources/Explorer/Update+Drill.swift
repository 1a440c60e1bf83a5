import Similarity

/// Opening, scrolling and closing the details panel.
extension AppState {
    /// Enter: opens the panel of the cursor cell and asks for its parts.
    mutating func enterDrill() -> [Effect] {
        let cell = cellKey(cursor)
        drill = DrillState(cell: cell)
        return [.startDrill(cell)]
    }

    /// Esc: closes the panel and stops its work.
    mutating func leaveDrill() -> [Effect] {
        guard let d = drill else { return [] }
        drill = nil
        return [.cancelDrill(d.cell)]
    }

    /// Scrolls the panel, kept within its content.
    mutating func scrollDrill(by n: Int) {
        guard var d = drill else { return }
        let maxScroll = max(0, DrillPanel.lines(self, width: size.width).count - layout.bodyHeight)
        d.scroll = min(maxScroll, max(0, d.scroll.addingReportingOverflow(n).overflow ? d.scroll : d.scroll + n))
        drill = d
    }
}
