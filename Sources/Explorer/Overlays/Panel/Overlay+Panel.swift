import Similarity

/// Opening, scrolling and closing the details panel (of a grid cell, or of a baseline cell).
extension AppState {
    /// Enter: opens the panel of the cursor cell and asks for its parts. A baseline cell's
    /// panel needs nothing more: it shows the baseline's result as it is (or will be).
    mutating func enterDrill() -> [Effect] {
        if showingBaseline {
            baselineDrill = BaselineDrillState(metric: metric, row: cursor.row, col: cursor.col)
            return []
        }
        let cell = cellKey(cursor)
        drill = DrillState(cell: cell)
        return [.startDrill(cell)]
    }

    /// Esc: closes the panel and stops its work.
    mutating func leaveDrill() -> [Effect] {
        if baselineDrill != nil {
            baselineDrill = nil
            return []
        }
        guard let d = drill else { return [] }
        drill = nil
        return [.cancelDrill(d.cell)]
    }

    /// Scrolls the panel, kept within its content.
    mutating func scrollDrill(by n: Int) {
        guard let scroll = panelScroll else { return }
        let maxScroll = max(0, panelLines(width: size.width).count - layout.bodyHeight)
        let new = min(maxScroll, max(0, scroll.addingReportingOverflow(n).overflow ? scroll : scroll + n))
        if drill != nil { drill?.scroll = new } else { baselineDrill?.scroll = new }
    }

    /// The open panel's scroll, if a panel is open.
    var panelScroll: Int? { drill?.scroll ?? baselineDrill?.scroll }

    /// Every line of the open panel (empty when none is open).
    func panelLines(width: Int) -> [StyledLine] {
        baselineDrill != nil ? BaselinePanel.lines(self, width: width) : DrillPanel.lines(self, width: width)
    }
}
