import Similarity

/// The keys of the difference view, and `D`'s menu: "difference with a metric…" opens the
/// metric menu, "difference with a model pair…" the pair picker (both the list overlays of
/// `Overlays/Picker`, with the items that would be refused marked), and in the view "back to
/// the plain grid".
extension AppState {
    /// `D`: the small menu that sets the difference up (on the grid screen only).
    mutating func openDifferenceMenu() {
        guard screen == .grid else {
            say("the difference view is for a model pair's grid: b goes back to it")
            return
        }
        var items = [Picker.Item(label: "difference with a metric\(glyphs.ellipsis)", value: 0),
                     Picker.Item(label: "difference with a model pair\(glyphs.ellipsis)", value: 1)]
        if difference != nil { items.append(Picker.Item(label: "back to the plain grid", value: 2)) }
        overlay = .picker(Picker(kind: .differenceMenu, items: items, current: -1))
        message = nil
    }

    /// The metric menu for B: every other metric; one of the other orientation is marked
    /// (picking it is refused with the reason).
    mutating func openDifferenceMetricMenu() {
        let items = session.metrics.enumerated().filter { $0.element != metric }.map { i, m in
            Picker.Item(label: m.displayName + (m.orientation == metric.orientation ? "" : "  (a \(m.orientation.rawValue): refused)"),
                        value: i)
        }
        overlay = .picker(Picker(kind: .differenceMetric, items: items, current: -1))
        message = nil
    }

    /// The pair picker for B: every other pair; one whose rows or columns are other layers is
    /// marked (picking it is refused with the reason).
    mutating func openDifferencePairPicker() {
        let t = glyphs.times
        let items = session.pairs.enumerated().filter { $0.element != pair }.map { i, p in
            let other = differenceProblem(.pair(p)) != nil
            return Picker.Item(label: "\(session.models[p.rowModel].name) \(t) \(session.models[p.colModel].name)"
                               + (other ? "  (other layers: refused)" : ""), value: i)
        }
        overlay = .picker(Picker(kind: .differencePair, items: items, current: -1))
        message = nil
    }

    /// Enter on one of the difference's pickers.
    mutating func openDifferencePicked(_ kind: Picker.Kind, _ item: Picker.Item) -> [Effect] {
        switch kind {
        case .differenceMenu:
            switch item.value {
            case 0: openDifferenceMetricMenu()
            case 1: openDifferencePairPicker()
            default: return leaveDifference()
            }
            return []
        case .differenceMetric:
            return enterDifference(.metric(session.metrics[item.value]))
        case .differencePair:
            return enterDifference(.pair(session.pair(at: item.value)))
        case .pair, .metric:
            return []
        }
    }

    /// Whether an action leaves the difference view before it is performed: it changes the
    /// pair or the metric, so A would no longer be the grid the difference was set up on.
    static func leavesDifference(_ action: Action) -> Bool {
        switch action {
        case .nextPair, .previousPair, .nextMetric, .previousMetric, .pairPicker, .metricMenu, .transpose, .toggleBaseline:
            return true
        default:
            return false
        }
    }

    /// The difference view's answer to an action, or `nil` to perform it as on the grid.
    mutating func differenceAction(_ action: Action) -> [Effect]? {
        guard difference != nil, screen == .grid else { return nil }
        if Self.leavesDifference(action) {
            let effects = leaveDifference()
            return effects + perform(action)
        }
        switch action {
        case .drillDown:
            openDifferencePanel()
            return []
        case .toggleBestMatch:
            say("best-match marks are for a metric's grid; Esc leaves the difference view")
            return []
        case .cycleColorRange:
            say("the difference's scale is centred on 0: \(glyphs.minus)\(NumberFormat.significant(difference!.limit, 3))"
                + " to +\(NumberFormat.significant(difference!.limit, 3)), the largest |A \(glyphs.minus) B| known")
            return []
        case .cancelJob:
            return cancelDifferenceJob()
        case .resumeJob:
            let effects = requestDifferenceGrids()
            if effects.isEmpty { say(differenceIsComplete ? "every cell of both grids is known" : "already computing") }
            return effects
        default:
            return nil
        }
    }

    /// Whether A and B are both complete.
    var differenceIsComplete: Bool {
        guard let d = difference else { return false }
        return d.operands.allSatisfy { values(for: $0).isComplete }
    }

    /// `c` in the difference view: stops whichever operand is being computed.
    mutating func cancelDifferenceJob() -> [Effect] {
        guard let d = difference, let key = d.operands.first(where: { jobs[$0]?.phase == .running }) else {
            say(differenceIsComplete ? "nothing to cancel: every cell of both grids is known" : "nothing is being computed")
            return []
        }
        jobs[key]?.phase = .cancelling
        return [.cancelGrid(key)]
    }

    /// Enter in the difference view: the panel of the cursor cell, with both operands.
    mutating func openDifferencePanel() {
        let p = realPosition(cursor)
        overlay = .panel(.difference(DifferenceDrillState(row: p.row, col: p.col)))
    }
}
