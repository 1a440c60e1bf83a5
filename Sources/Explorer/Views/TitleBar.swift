import Similarity

/// Row 0: which models and metric are shown, and where the viewport is.
///
/// `relu-s0 × relu-s1 — linear CKA` on the left, or in the baseline view
/// `baseline: relu vs tanh — linear CKA (within − across)`, followed by the reduce policy when it
/// is not the default flatten (`— reduce mean, mask m.npy`); on the right
/// the layer filter (`filter «attn» 4/8×4/8`), `rows 0–19/150 cols 0–37/150` when the grid
/// does not fit (shown rows and columns), and the pair's number among all pairs.
enum TitleBar {
    static func title(_ state: AppState) -> String {
        let g = state.glyphs
        if state.screen == .baseline, let b = state.session.baseline {
            let formula = state.metric.orientation == .distance ? "across \(g.minus) within" : "within \(g.minus) across"
            return "baseline: \(b.groupsTitle) \(g.dash) \(state.metric.displayName) (\(formula))" + reduceText(state)
        }
        if state.screen == .grid, state.difference != nil { return "difference: \(state.differenceTitle)" + reduceText(state) }
        return "\(state.rowModel.name) \(g.times) \(state.colModel.name) \(g.dash) \(state.metric.displayName)" + reduceText(state)
            + state.clusterTitleText
    }

    /// ` — reduce last, mask m.npy`: the policy that made the layers N×D, or nothing for the
    /// default `flatten` (so the common title stays short).
    static func reduceText(_ state: AppState) -> String {
        let policy = state.session.reducePolicy
        return policy == "flatten" ? "" : " \(state.glyphs.dash) reduce \(policy)"
    }

    /// `filter «attn» 4/8×4/8`: the layer filter's pattern and the rows and columns it
    /// shows out of all, or `nil` without one.
    static func filterText(_ state: AppState) -> String? {
        guard let f = state.activeFilter else { return nil }
        let g = state.glyphs
        return "filter \(g.openQuote)\(f.pattern)\(g.closeQuote) \(f.rows.count)/\(f.rowTotal)\(g.times)\(f.cols.count)/\(f.colTotal)"
    }

    /// The position parts, most useful first: the layer filter, rows, columns, pair.
    static func positionParts(_ state: AppState) -> [String] {
        var parts: [String] = []
        if let f = filterText(state) { parts.append(f) }
        let rows = state.visibleRows, cols = state.visibleCols
        let dash = state.session.supportsUnicode ? "–" : "-"
        if state.overlay?.panel == nil {
            if rows.count < state.rowCount {
                parts.append("rows \(rows.lowerBound)\(dash)\(rows.upperBound - 1)/\(state.rowCount)")
            }
            if cols.count < state.colCount {
                parts.append("cols \(cols.lowerBound)\(dash)\(cols.upperBound - 1)/\(state.colCount)")
            }
        }
        if state.session.pairCount > 1 && state.screen == .grid { parts.append("pair \(state.pairIndex + 1)/\(state.session.pairCount)") }
        return parts
    }

    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let theme = Theme(state.session.colorMode)
        // The title comes first; position parts are dropped from the end until both fit.
        let title = title(state)
        var parts = positionParts(state)
        while !parts.isEmpty && title.count + 2 + parts.joined(separator: "  ").count > layout.width { parts.removeLast() }
        let right = parts.joined(separator: "  ")
        let room = layout.width - (right.isEmpty ? 0 : right.count + 2)
        buffer.put(TextFit.truncate(title, to: max(0, room), ellipsis: state.glyphs.ellipsis),
                   x: 0, y: layout.titleY, style: theme.title)
        if !right.isEmpty, right.count + 2 < layout.width {
            buffer.put(right, x: layout.width - right.count, y: layout.titleY, style: theme.dim)
        }
    }
}
