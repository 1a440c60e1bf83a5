/// The details panel's view: its lines (a grid cell's from `DrillPanel`, a baseline cell's
/// from `BaselinePanel`) drawn from its scroll in every body row, with `↑ 3 more` /
/// `↓ 5 more` at the right edge when lines are cut off above or below.
enum PanelView {
    /// Every line of `panel` at `width`.
    static func lines(_ panel: Panel, _ state: AppState, width: Int) -> [StyledLine] {
        switch panel {
        case .cell(let d): return DrillPanel.lines(d, state, width: width)
        case .baseline(let b): return BaselinePanel.lines(b, state, width: width)
        case .difference(let d): return DifferencePanel.lines(d, state, width: width)
        }
    }

    /// Draws `panel` in the body rows of `layout`.
    static func draw(_ panel: Panel, _ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let lines = lines(panel, state, width: layout.width)
        let height = layout.bodyHeight
        let start = min(panel.scroll, max(0, lines.count - height))
        for i in 0..<height where start + i < lines.count {
            lines[start + i].draw(into: &buffer, x: 0, y: layout.bodyTop + i, width: layout.width)
        }
        let theme = Theme(state.session.colorMode)
        let up = state.session.supportsUnicode ? "↑" : "^"
        let down = state.session.supportsUnicode ? "↓" : "v"
        if start > 0 {
            let s = "\(up) \(start) more"
            buffer.put(s, x: layout.width - s.count, y: layout.bodyTop, style: theme.dim)
        }
        let below = lines.count - start - height
        if below > 0 {
            let s = "\(down) \(below) more"
            buffer.put(s, x: layout.width - s.count, y: layout.bodyBottom - 1, style: theme.dim)
        }
    }
}
