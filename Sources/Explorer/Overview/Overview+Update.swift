import Similarity

/// The overview's keys and its requests to the engine (see `OverviewState`).
extension AppState {
    /// `o` on the grid screen: opens the overview on the pair shown and asks for the first
    /// grid it lacks.
    mutating func openOverview() -> [Effect] {
        overview = OverviewState(selected: pair, models: session.models, pattern: activeFilter?.pattern)
        keepOverviewSelectionInView()
        say("overview: every model pair under \(metric.displayName); arrows move, Enter opens, Esc goes back")
        return scheduleOverview()
    }

    /// A key while the overview is open (and no overlay is on top).
    mutating func overviewKey(_ key: Key) -> [Effect] {
        guard let action = KeyMap.standard.action(for: key, in: .overview) else { return [] }
        switch action {
        case .overviewMove:
            switch key {
            case .up, .character("k"): return moveOverview(rows: -1, cols: 0)
            case .down, .character("j"): return moveOverview(rows: 1, cols: 0)
            case .left, .character("h"): return moveOverview(rows: 0, cols: -1)
            default: return moveOverview(rows: 0, cols: 1)
            }
        case .overviewOpen: return openOverviewPair()
        case .overviewClose, .toggleOverview: return closeOverview(opening: nil)
        case .help, .redraw, .quit: return perform(action)
        default: return []
        }
    }

    /// Moves the selection by whole tiles (clamped), scrolling to keep it in view; when the
    /// grid being computed went out of view while visible tiles wait, it makes way for them.
    mutating func moveOverview(rows dr: Int, cols dc: Int) -> [Effect] {
        guard var o = overview else { return [] }
        let n = session.models.count
        o.selected = ModelPair(rowModel: min(n - 1, max(0, o.selected.rowModel + dr)),
                               colModel: min(n - 1, max(0, o.selected.colModel + dc)))
        overview = o
        keepOverviewSelectionInView()
        return reprioritizeOverview()
    }

    /// Scrolls the overview so the selected tile is in view.
    mutating func keepOverviewSelectionInView() {
        guard var o = overview else { return }
        let l = OverviewLayout(self)
        func clamp(_ s: Int, _ sel: Int, _ cap: Int) -> Int { min(sel, max(s, sel - cap + 1)) }
        o.scroll = ModelPair(rowModel: clamp(o.scroll.rowModel, o.selected.rowModel, l.visibleTileRows),
                             colModel: clamp(o.scroll.colModel, o.selected.colModel, l.visibleTileCols))
        overview = o
    }

    /// The tiles in view.
    var overviewVisible: (rows: Range<Int>, cols: Range<Int>) {
        OverviewLayout(self).visible(overview?.scroll ?? ModelPair(rowModel: 0, colModel: 0), models: session.models.count)
    }

    /// The grid of tile `p` under the metric shown.
    func overviewKey(_ p: ModelPair) -> GridKey { GridKey(metric: metric, rowModel: p.rowModel, colModel: p.colModel) }

    /// Enter: the selected pair on the grid screen.
    mutating func openOverviewPair() -> [Effect] {
        guard let o = overview else { return [] }
        return closeOverview(opening: o.selected)
    }

    /// Esc (or `o`), or Enter with `opening`: leaves the overview. The grid it was computing
    /// is cancelled unless it is the one shown next (its cells so far are kept); the grid
    /// shown is asked for.
    mutating func closeOverview(opening: ModelPair?) -> [Effect] {
        guard let o = overview else { return [] }
        var effects: [Effect] = []
        let next = opening.map(overviewKey) ?? gridKey
        if let k = o.computing, k != next, jobs[k]?.phase == .running {
            effects.append(.cancelGrid(k))
            jobs[k]?.phase = .cancelled
        }
        overview = nil
        message = nil
        guard let p = opening, session.pairIndex(of: p) != pairIndex else { return effects + requestCurrentGrid() }
        return effects + changeGrid(pairIndex: session.pairIndex(of: p), metricIndex: metricIndex)
    }

    /// Asks for the next grid the overview lacks, unless one is being computed: in
    /// `OverviewState.priority` order, skipping grids complete or already asked for. A job
    /// that runs already (the grid screen's) is waited on instead of asking for another.
    mutating func scheduleOverview() -> [Effect] {
        guard var o = overview else { return [] }
        defer { overview = o }
        if let k = o.computing, jobs[k]?.phase == .running { return [] }
        o.computing = nil
        for p in o.priority(models: session.models.count, visible: overviewVisible) {
            let key = overviewKey(p)
            let v = values(for: key)
            if v.isComplete || o.asked.contains(key) { continue }
            o.asked.insert(key)
            o.computing = key
            if jobs[key]?.phase == .running { return [] }
            jobs[key] = JobStatus(phase: .running, done: v.knownCount, total: v.totalCount)
            return [.computeGrid(key, Focus(row: 0, col: 0, visibleRows: 0..<v.rows, visibleCols: 0..<v.cols), known: v.knownPositions)]
        }
        return []
    }

    /// After a move: when the grid being computed is out of view and a visible tile still
    /// waits, cancels it (it may be asked for again later) and asks for the visible one.
    mutating func reprioritizeOverview() -> [Effect] {
        guard var o = overview, let k = o.computing else { return scheduleOverview() }
        let vis = overviewVisible
        let inView = vis.rows.contains(k.rowModel) && vis.cols.contains(k.colModel)
        let waiting = vis.rows.contains { a in vis.cols.contains { b in
            let key = overviewKey(ModelPair(rowModel: a, colModel: b))
            return !o.asked.contains(key) && !values(for: key).isComplete
        } }
        guard !inView, waiting, jobs[k]?.phase == .running else { return [] }
        o.asked.remove(k)
        o.computing = nil
        overview = o
        jobs[k]?.phase = .cancelled
        return [.cancelGrid(k)] + scheduleOverview()
    }

    /// After an engine report: when the overview's grid finished or stopped, asks for the next.
    mutating func overviewAfterEngine(_ event: EngineEvent) -> [Effect] {
        guard let o = overview else { return [] }
        switch event {
        case .finished(let k) where k == o.computing, .cancelled(let k) where k == o.computing:
            overview?.computing = nil
            return scheduleOverview()
        default:
            return []
        }
    }
}
