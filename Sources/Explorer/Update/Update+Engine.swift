import Similarity

/// Background work: asking for grids, switching them, cancelling, and taking in results.
extension AppState {
    /// Asks for the grid shown unless every cell is known or its job already runs.
    mutating func requestCurrentGrid() -> [Effect] {
        let key = gridKey
        let v = values
        if v.isComplete { return [] }
        if let phase = jobs[key]?.phase, phase == .running { return [] }
        jobs[key] = JobStatus(phase: .running, done: v.knownCount, total: v.totalCount)
        return [.computeGrid(key, focus, known: v.knownPositions)]
    }

    /// Shows another pair or metric: cancels the job of the grid left (so the two cores
    /// work on what is on screen; its cells so far are kept), then asks for the new grid.
    /// A new pair clears the selection and the search, which named the old layers, and
    /// applies the layer filter's pattern to its layers. `cursorAt` puts the cursor on a
    /// real cell of the new grid (for transposing) before the grid is asked for.
    mutating func changeGrid(pairIndex newPair: Int, metricIndex newMetric: Int, cursorAt real: GridPosition? = nil) -> [Effect] {
        let old = gridKey
        var effects: [Effect] = []
        if jobs[old]?.phase == .running {
            effects.append(.cancelGrid(old))
            jobs[old]?.phase = .cancelled
        }
        if newPair != pairIndex {
            selectionAnchor = nil
            search = nil
        }
        let pairChanged = newPair != pairIndex
        pairIndex = newPair
        metricIndex = newMetric
        if pairChanged { refilterForPair() }
        if let real { cursor = GridPosition(row: shownRow(ofReal: real.row), col: shownCol(ofReal: real.col)) }
        keepCursorInView()
        return effects + requestCurrentGrid()
    }

    /// `c`: cancels the grid's job.
    mutating func cancelCurrentJob() -> [Effect] {
        let key = gridKey
        guard jobs[key]?.phase == .running else {
            say(values.isComplete ? "nothing to cancel: every cell is known" : "nothing is being computed")
            return []
        }
        jobs[key]?.phase = .cancelling
        return [.cancelGrid(key)]
    }

    /// `r`: computes the rest of a cancelled grid.
    mutating func resumeCurrentJob() -> [Effect] {
        if values.isComplete {
            say("every cell is known")
            return []
        }
        if let phase = jobs[gridKey]?.phase, phase == .running || phase == .cancelling {
            say("already computing")
            return []
        }
        return requestCurrentGrid()
    }

    /// Takes in one engine report.
    ///
    /// A `cancelled` report counts only after `c` (phase `.cancelling`): after a grid switch
    /// the UI already marked the job cancelled, and a late report must not mark a job that
    /// was started again since.
    mutating func handleEngine(_ event: EngineEvent) -> [Effect] {
        switch event {
        case .cell(let key, let outcome):
            store(outcome, at: key)
        case .progress(let key, let done, let total):
            var job = jobs[key] ?? JobStatus(phase: .running, done: done, total: total)
            job.record(done: done, total: total, now: now)
            jobs[key] = job
        case .finished(let key):
            var job = jobs[key] ?? JobStatus(phase: .finished, done: 0, total: 0)
            job.phase = .finished
            job.done = max(job.done, job.total)
            jobs[key] = job
            return saveToCache(key)
        case .cancelled(let key):
            if jobs[key]?.phase == .cancelling {
                // A job finishes the cell it is on before it stops: that may have been the last.
                let complete = values(for: key).isComplete
                jobs[key]?.phase = complete ? .finished : .cancelled
                if key == gridKey { say(complete ? "every cell is known" : "computing cancelled: r resumes") }
            }
            return saveToCache(key)
        case .drill(let cell, let part):
            overlay?.updatePanel { panel in
                if case .cell(var d) = panel, d.cell == cell {
                    d.receive(part)
                    panel = .cell(d)
                }
            }
        case .baselineProgress(let metric, let done, let total):
            receiveBaselineProgress(metric, done: done, total: total)
        case .baseline(let metric, let result):
            receiveBaseline(metric, result)
        }
        return []
    }

    /// Keeps a grid's known cells on disk (nothing when none is known), and with it its
    /// mirror (a symmetric measure's transposed grid, filled by the same cells); both are
    /// then saved until a new cell arrives.
    mutating func saveToCache(_ key: GridKey) -> [Effect] {
        let mirror = GridKey(metric: key.metric, rowModel: key.colModel, colModel: key.rowModel)
        let keys = key.metric.isSymmetric && mirror != key && unsavedGrids.contains(mirror) ? [key, mirror] : [key]
        return keys.flatMap { k -> [Effect] in
            unsavedGrids.remove(k)
            guard let v = grids[k], v.knownCount > 0 else { return [] }
            return [.saveToCache(k, v)]
        }
    }

    /// What quitting does: every grid with cells not yet on disk goes to the disk cache, then
    /// `quit`. A signal that ends the loop skips them: those cells are not cached.
    public var quitEffects: [Effect] {
        let pending = unsavedGrids.sorted { ($0.metric.rawValue, $0.rowModel, $0.colModel) < ($1.metric.rawValue, $1.rowModel, $1.colModel) }
        return pending.compactMap { k -> Effect? in
            guard let v = grids[k], v.knownCount > 0 else { return nil }
            return .saveToCache(k, v)
        } + [.quit]
    }
}
