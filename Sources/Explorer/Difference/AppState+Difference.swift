import Similarity

/// The difference view's state transitions: entering it (after checking the two grids can
/// be subtracted), asking the engine for both operands, taking in their cells, and leaving.
///
/// The engine runs one grid job at a time, so the operands are computed one after the other:
/// A (the grid shown) first, then B when A is complete; the focus (cursor first) applies to
/// both, since they have the same rows and columns.
extension AppState {
    /// Why `operand` cannot be subtracted from the grid shown, or `nil` when it can: the
    /// same grid, a metric of the other orientation, or a pair whose rows or columns are
    /// other layers (names compared in order).
    func differenceProblem(_ operand: DifferenceView.Operand) -> String? {
        switch operand {
        case .metric(let m):
            if m == metric { return "refused: \(m.displayName) minus itself is 0 everywhere; pick another metric" }
            if m.orientation != metric.orientation {
                return "refused: \(metric.displayName) is a \(metric.orientation.rawValue) and \(m.displayName) a "
                    + "\(m.orientation.rawValue): their difference means nothing; pick a \(metric.orientation.rawValue)"
            }
            return nil
        case .pair(let q):
            if q == pair { return "refused: a pair minus itself is 0 everywhere; pick another pair" }
            if let why = Self.axisMismatch(session.models[pair.rowModel], session.models[q.rowModel], axis: "rows") { return why }
            if let why = Self.axisMismatch(session.models[pair.colModel], session.models[q.colModel], axis: "columns") { return why }
            return nil
        }
    }

    /// Why two models' layers cannot be one axis of a difference: another count, or the first
    /// name that differs.
    static func axisMismatch(_ a: Session.Model, _ b: Session.Model, axis: String) -> String? {
        let x = a.layers.map(\.name), y = b.layers.map(\.name)
        if x.count != y.count {
            return "refused: the \(axis) differ: \(a.name) has \(x.count) layers, \(b.name) \(y.count)"
        }
        if let i = x.indices.first(where: { x[$0] != y[$0] }) {
            return "refused: the \(axis) differ: layer \(i) is \(x[i]) in \(a.name) and \(y[i]) in \(b.name)"
        }
        return nil
    }

    /// The grid `operand` names beside the grid shown.
    func subtrahendKey(_ operand: DifferenceView.Operand) -> GridKey {
        switch operand {
        case .metric(let m): return GridKey(metric: m, rowModel: pair.rowModel, colModel: pair.colModel)
        case .pair(let q): return GridKey(metric: metric, rowModel: q.rowModel, colModel: q.colModel)
        }
    }

    /// Shows the grid minus `operand`, or says why not (and stays where it was).
    mutating func enterDifference(_ operand: DifferenceView.Operand) -> [Effect] {
        if let problem = differenceProblem(operand) {
            say(problem, .error)
            return []
        }
        let stop = stopDifferenceJobs()
        var d = DifferenceView(operand: operand, minuend: gridKey, subtrahend: subtrahendKey(operand))
        difference = d
        // The colour range over what both grids already know (once: O(rows × cols)).
        for r in 0..<values.rows { for c in 0..<values.cols { d.include(differenceValue(real: GridPosition(row: r, col: c))) } }
        difference = d
        keepCursorInView()
        say("difference view: \(differenceTitle); Esc goes back")
        return stop + requestDifferenceGrids()
    }

    /// Esc (or a key that changes the pair or the metric): back to the plain grid; a running
    /// job for B is cancelled (A's goes on: it is the grid shown).
    mutating func leaveDifference() -> [Effect] {
        guard let d = difference else { return [] }
        var effects: [Effect] = []
        if jobs[d.subtrahend]?.phase == .running {
            effects.append(.cancelGrid(d.subtrahend))
            jobs[d.subtrahend]?.phase = .cancelled
        }
        difference = nil
        if overlay?.panel?.differenceDrill != nil { overlay = nil }
        say("back to \(metric.displayName)")
        return effects + requestCurrentGrid()
    }

    /// Cancels the subtrahend's job of a difference about to be replaced.
    private mutating func stopDifferenceJobs() -> [Effect] {
        guard let d = difference, d.subtrahend != gridKey, jobs[d.subtrahend]?.phase == .running else { return [] }
        jobs[d.subtrahend]?.phase = .cancelled
        return [.cancelGrid(d.subtrahend)]
    }

    /// Asks for A until it is complete, then for B: one job at a time, as the engine runs them.
    mutating func requestDifferenceGrids() -> [Effect] {
        guard let d = difference else { return [] }
        if !values.isComplete { return requestCurrentGrid() }
        let key = d.subtrahend
        let v = values(for: key)
        if v.isComplete { return [] }
        if let phase = jobs[key]?.phase, phase == .running { return [] }
        jobs[key] = JobStatus(phase: .running, done: v.knownCount, total: v.totalCount)
        return [.computeGrid(key, focus, known: v.knownPositions)]
    }

    /// After an engine report: a new cell widens the colour range; A finished starts B.
    mutating func differenceAfterEngine(_ event: EngineEvent) -> [Effect] {
        guard var d = difference else { return [] }
        switch event {
        case .cell(let key, _):
            // The cell itself, and its mirror for a symmetric metric (`store`).
            if d.operands.contains(key.grid) {
                d.include(differenceValue(real: GridPosition(row: key.row, col: key.col)))
            }
            let mirror = GridKey(metric: key.grid.metric, rowModel: key.grid.colModel, colModel: key.grid.rowModel)
            if key.grid.metric.isSymmetric, d.operands.contains(mirror) {
                d.include(differenceValue(real: GridPosition(row: key.col, col: key.row)))
            }
            difference = d
            return []
        case .finished(let key) where key == d.minuend:
            return requestDifferenceGrids()
        default:
            return []
        }
    }

    /// A − B at a real cell.
    func differenceValue(real p: GridPosition) -> CellValue? {
        guard let d = difference else { return nil }
        let names = differenceNames
        return DifferenceView.value(values(for: d.minuend)[p.row, p.col]?.value, values(for: d.subtrahend)[p.row, p.col]?.value,
                                    names: (names.a, names.b))
    }

    /// What the title calls A and B, and what they share: the two metrics and the pair, or
    /// the two pairs and the metric.
    var differenceNames: (a: String, b: String, shared: String) {
        guard let d = difference else { return ("", "", "") }
        let t = glyphs.times
        func pairName(_ k: GridKey) -> String { "\(session.models[k.rowModel].name) \(t) \(session.models[k.colModel].name)" }
        switch d.operand {
        case .metric(let m): return (metric.displayName, m.displayName, pairName(d.minuend))
        case .pair: return (pairName(d.minuend), pairName(d.subtrahend), metric.displayName)
        }
    }

    /// `linear CKA − CKA(debiased) · tanh-s0 × tanh-s1`, or for two pairs
    /// `(tanh-s0 × tanh-s1) − (tanh-s0 × relu-s0) · linear CKA`.
    var differenceTitle: String {
        let n = differenceNames
        let dot = session.supportsUnicode ? "·" : "-"
        if case .pair? = difference?.operand { return "(\(n.a)) \(glyphs.minus) (\(n.b)) \(dot) \(n.shared)" }
        return "\(n.a) \(glyphs.minus) \(n.b) \(dot) \(n.shared)"
    }
}
