import Similarity

/// The seed-baseline view: entering and leaving it, asking for each metric's baseline once,
/// cancelling what is no longer looked at, and taking in progress and results.
///
/// The rule for the engine's two cores is the grid view's: only what is on screen is being
/// computed. Entering the view cancels the running grid job; leaving it (or changing its
/// metric) cancels a running baseline.
extension AppState {
    /// `b` on the grid screen: shows the baseline view (the cursor stays on the same layer
    /// pair when it fits) and asks for the metric's baseline unless it is known.
    mutating func enterBaseline() -> [Effect] {
        guard session.baseline != nil else {
            say("no seed baseline: start layermap with two --group NAME=model,model,… options")
            return []
        }
        var effects: [Effect] = []
        let grid = gridKey
        if jobs[grid]?.phase == .running {
            effects.append(.cancelGrid(grid))
            jobs[grid]?.phase = .cancelled
        }
        screen = .baseline
        keepCursorInView()
        return effects + requestBaseline()
    }

    /// `b`, Tab or Esc on the baseline screen: back to the model pair shown before; stops a
    /// running baseline, asks for the grid. (No overlay is open: these are screen keys.)
    mutating func leaveBaseline() -> [Effect] {
        let effects = stopBaseline(metric)
        screen = .grid
        keepCursorInView()
        return effects + requestCurrentGrid()
    }

    /// Asks for the shown metric's baseline unless it is known, running, or failed (a
    /// failure stays until `r`: the same groups would fail the same way).
    mutating func requestBaseline() -> [Effect] {
        switch baselines[metric] {
        case .computing?, .ready?, .failed?:
            return []
        case .cancelled?, nil:
            baselines[metric] = .computing(JobStatus(phase: .running, done: 0, total: 0))
            return [.computeBaseline(metric)]
        }
    }

    /// Cancels a metric's baseline if it is being computed.
    mutating func stopBaseline(_ m: Metric) -> [Effect] {
        guard baselines[m]?.isComputing == true else { return [] }
        baselines[m] = .cancelled
        return [.cancelBaseline(m)]
    }

    /// `m` in the baseline view: the next metric's baseline, cancelling the one left.
    mutating func changeBaselineMetric(to index: Int) -> [Effect] {
        let effects = stopBaseline(metric)
        metricIndex = index
        return effects + requestBaseline()
    }

    /// `c` in the baseline view.
    mutating func cancelBaselineJob() -> [Effect] {
        guard baselineStatus?.isComputing == true else {
            say(baselineStatus?.result != nil ? "nothing to cancel: the baseline is known" : "nothing is being computed")
            return []
        }
        say("seed baseline cancelled: r restarts it")
        return stopBaseline(metric)
    }

    /// `r` in the baseline view: starts a cancelled or failed baseline again.
    mutating func retryBaseline() -> [Effect] {
        switch baselineStatus {
        case .ready?:
            say("the baseline is known")
            return []
        case .computing?:
            say("already computing")
            return []
        case .failed?:
            baselines[metric] = nil
            return requestBaseline()
        case .cancelled?, nil:
            return requestBaseline()
        }
    }

    /// A progress report: counts only while that metric's baseline is being computed (a
    /// late report of a cancelled run is dropped).
    mutating func receiveBaselineProgress(_ m: Metric, done: Int, total: Int) {
        guard case .computing(var job)? = baselines[m] else { return }
        job.record(done: done, total: total, now: now)
        baselines[m] = .computing(job)
    }

    /// A result or failure. A result is kept even if its run was cancelled meanwhile (it is
    /// still right); `.cancelled` answers are dropped, since the UI already knows, and a late
    /// one must not stop a run asked for again. A result whose shape does not match the
    /// groups' layers is a failure. - Complexity: O(layers²) for the colour range, once.
    mutating func receiveBaseline(_ m: Metric, _ result: Result<SeedBaseline, SimilarityError>) {
        guard let groups = session.baseline else { return }
        switch result {
        case .failure(.cancelled):
            return
        case .failure(let e):
            fail(m, e)
        case .success(let b):
            let n = groups.layerNames.count
            let grids = [b.within, b.across, b.difference, b.pValues]
            guard grids.allSatisfy({ $0.count == n && $0.allSatisfy { $0.count == n } }) else {
                let cols = b.difference.first?.count ?? 0
                fail(m, .degenerate("the baseline has \(b.difference.count)\(glyphs.times)\(cols) layer pairs while the groups share \(n) layers"))
                return
            }
            baselines[m] = .ready(BaselineResult(b))
        }
    }

    private mutating func fail(_ m: Metric, _ e: SimilarityError) {
        baselines[m] = .failed(e)
        if screen == .baseline && m == metric { say("seed baseline failed: \(e.description)", .error) }
    }
}
