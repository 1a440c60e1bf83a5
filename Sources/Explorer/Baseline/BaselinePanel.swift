import Similarity

/// The details panel of one baseline cell, built as lines (drawn and scrolled like the grid
/// cell's panel): within, across, difference and p with how p was computed; a reading of p
/// and, when the groups are too small for any cell to reach p ≤ 0.05, a note saying so
/// (both visible without scrolling at 80×24); then the two groups and their members.
enum BaselinePanel {
    static func lines(_ d: BaselineDrillState, _ state: AppState, width: Int) -> [StyledLine] {
        guard let groups = state.session.baseline,
              d.row < groups.layerNames.count, d.col < groups.layerNames.count else { return [] }
        let theme = Theme(state.session.colorMode)
        let g = state.glyphs
        let metric = d.metric
        let distance = metric.orientation == .distance
        // Paragraphs leave the right edge free for the panel's `↓ 3 more`.
        let wrapWidth = max(20, width - 12)
        var out: [StyledLine] = []
        func heading(_ s: String) {
            if !out.isEmpty { out.append(.empty) }
            out.append(StyledLine(s, theme.heading))
        }
        func line(_ s: String, _ style: Style = .plain) { out.append(StyledLine("  " + s, style)) }
        func paragraph(_ s: String, _ style: Style = .plain) {
            for l in TextFit.wrap(s, to: wrapWidth) { line(l, style) }
        }

        out.append(StyledLine("Seed baseline  \(groups.layerNames[d.row]) \(g.times) \(groups.layerNames[d.col])", theme.title))
        line("\(groups.groupsTitle), \(metric.displayName)" + (distance ? " (a distance: lower = more alike)" : ""))

        // The numbers.
        heading("Within and across the groups")
        guard case .ready(let result)? = state.baselines[metric] else {
            switch state.baselines[metric] {
            case .failed(let e)?: line("not available: \(e.description)", theme.warning)
            case .computing?: line("computing" + String(g.ellipsis), theme.dim)
            default: line("not computed: r computes it", theme.dim)
            }
            return out + groupLines(state, groups, wrapWidth: wrapWidth, theme: theme)
        }
        let cell = result.cell(d.row, d.col) ?? BaselineCell()
        func number(_ v: Double?) -> String { TextFit.padLeft(v.map { NumberFormat.fixed($0, 3) } ?? "undef.", 7) }
        let formula = distance ? "across \(g.minus) within (sign flipped for a distance)" : "within \(g.minus) across"
        line("within      " + number(cell.within) + "   mean over model pairs inside a group")
        line("across      " + number(cell.across) + "   mean over model pairs from different groups")
        line("difference  " + TextFit.padLeft(cell.difference.map { NumberFormat.signed($0, 3) } ?? "undef.", 7)
             + "   " + formula, cell.isSignificant && cell.difference != nil ? theme.title : .plain)
        let how = result.baseline.exhaustive ? "all of them" : "random, the observed one included"
        line("p           " + number(cell.p) + "   one-sided, from \(result.baseline.labellings) labellings (\(how))")

        // The reading.
        heading("Reading")
        let alpha = NumberFormat.fixed(BaselineResult.alpha, 2)
        if let p = cell.p, cell.difference != nil {
            if cell.isSignificant {
                paragraph("p = \(NumberFormat.fixed(p, 3)) \(g.atMost) \(alpha): a group's seeds resemble each other more than "
                          + "they resemble the other group's, so \(groups.groupNames[0]) and \(groups.groupNames[1]) "
                          + "differ here by more than seeds do.")
            } else {
                paragraph("not significant (p = \(NumberFormat.fixed(p, 3)) > \(alpha)): seeds differ as much within a group "
                          + "as across groups.")
            }
        } else {
            paragraph("undefined: \(BaselineView.undefinedReason)", theme.warning)
        }
        let smallest = result.smallestP(equalGroups: groups.hasEqualGroups)
        if smallest > BaselineResult.alpha {
            let a = groups.members[0].count, b = groups.members[1].count
            let ties = result.baseline.exhaustive && groups.hasEqualGroups
            var note = "Note: with \(a) + \(b) models there are only \(result.baseline.labellings) labellings, "
            note += "so the smallest possible p is \(ties ? 2 : 1)/\(result.baseline.labellings) = \(NumberFormat.fixed(smallest, 3))"
            if ties { note += " (swapping the two groups' names gives the same split, which ties with the observed one)" }
            note += ": no layer pair can reach p \(g.atMost) \(alpha). More seeds per group are needed to tell the groups apart."
            out.append(.empty)
            paragraph(note, theme.warning)
        }
        return out + groupLines(state, groups, wrapWidth: wrapWidth, theme: theme)
    }

    /// The `Groups` section: each group's name, size and members.
    static func groupLines(_ state: AppState, _ groups: Session.Baseline, wrapWidth: Int, theme: Theme) -> [StyledLine] {
        var out = [StyledLine.empty, StyledLine("Groups", theme.heading)]
        for (name, members) in zip(groups.groupNames, groups.members) {
            let names = members.map { state.session.models[$0].name }.joined(separator: ", ")
            out += TextFit.wrap("\(name) (\(members.count)): \(names)", to: wrapWidth).map { StyledLine("  " + $0) }
        }
        return out
    }
}
