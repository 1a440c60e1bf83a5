/// The picker's keys: its own bindings from the key table, typed characters into its
/// filter, Ctrl-C and Ctrl-L still quit and redraw. Enter opens the highlighted item: a
/// model pair (leaving the baseline view) or a metric.
extension AppState {
    /// `p`: the model-pair picker, every ordered pair `row model × column model`.
    mutating func openPairPicker() {
        let t = glyphs.times
        let items = session.pairs.enumerated().map { i, p in
            Picker.Item(label: "\(session.models[p.rowModel].name) \(t) \(session.models[p.colModel].name)", value: i)
        }
        overlay = .picker(Picker(kind: .pair, items: items, current: screen == .grid ? pairIndex : -1))
        message = nil
    }

    /// `:`: the metric menu.
    mutating func openMetricMenu() {
        let items = session.metrics.enumerated().map { Picker.Item(label: $1.displayName, value: $0) }
        overlay = .picker(Picker(kind: .metric, items: items, current: metricIndex))
        message = nil
    }

    /// A key while a picker is on top.
    mutating func pickerKey(_ picker: Picker, _ key: Key) -> [Effect] {
        var p = picker
        if let action = KeyMap.standard.action(for: key, in: .picker) {
            switch action {
            case .pickerUp: p.move(by: -1)
            case .pickerDown: p.move(by: 1)
            case .pickerDeleteBackward: p.setQuery(String(p.query.dropLast()))
            case .pickerClear: p.setQuery("")
            case .pickerClose:
                overlay = nil
                return []
            case .pickerOpen:
                return openPicked(p)
            default: break
            }
            overlay = .picker(p)
            return []
        }
        switch key {
        case .character(let c):
            p.setQuery(p.query + String(c))
            overlay = .picker(p)
        case .control:
            if let a = KeyMap.standard.action(for: key, in: .global), a == .quit || a == .redraw { return perform(a) }
        default:
            break
        }
        return []
    }

    /// Enter on a picker: opens the highlighted pair or metric (nothing matches: says so).
    mutating func openPicked(_ p: Picker) -> [Effect] {
        guard let item = p.selectedItem else {
            say("nothing matches \(glyphs.openQuote)\(p.query)\(glyphs.closeQuote): Backspace or ^U edits the filter", .error)
            return []
        }
        overlay = nil
        switch p.kind {
        case .pair:
            var effects: [Effect] = []
            if screen == .baseline {
                effects = stopBaseline(metric)
                screen = .grid
            }
            return effects + changeGrid(pairIndex: item.value, metricIndex: metricIndex)
        case .metric:
            if screen == .baseline { return changeBaselineMetric(to: item.value) }
            return changeGrid(pairIndex: pairIndex, metricIndex: item.value)
        case .differenceMenu, .differenceMetric, .differencePair:
            return openDifferencePicked(p.kind, item)
        }
    }
}
