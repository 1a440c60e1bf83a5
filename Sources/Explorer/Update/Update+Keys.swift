import Similarity

/// Key handling: which layer of the UI gets the key, then the action it names.
extension AppState {
    mutating func handleKey(_ key: Key) -> [Effect] {
        let map = KeyMap.standard
        if layout.isTooSmall {
            // Only quitting and redrawing make sense on the notice.
            switch map.action(for: key, in: .global) {
            case .quit?: return requestQuit()
            case .redraw?: return [.clearScreen]
            default: return []
            }
        }
        if confirmingQuit {
            confirmingQuit = false
            if key == .character("q") || key == .character("y") || key == .control("c") { return [.quit] }
            say("not quitting: the export goes on")
            return []
        }
        if showHelp { return helpKey(key) }
        if prompt != nil { return promptKey(key) }
        guard let action = map.action(for: key, in: hasPanel ? .drill : .grid) else { return [] }
        return perform(action)
    }

    /// Performs a grid, details-panel or global action.
    mutating func perform(_ action: Action) -> [Effect] {
        switch action {
        case .moveUp: moveCursor(rows: -1)
        case .moveDown: moveCursor(rows: 1)
        case .moveLeft: moveCursor(cols: -1)
        case .moveRight: moveCursor(cols: 1)
        case .moveUp10: moveCursor(rows: -10)
        case .moveDown10: moveCursor(rows: 10)
        case .moveLeft10: moveCursor(cols: -10)
        case .moveRight10: moveCursor(cols: 10)
        case .firstRow: moveCursor(toRow: 0)
        case .lastRow: moveCursor(toRow: rowCount - 1)
        case .firstColumn: moveCursor(toCol: 0)
        case .lastColumn: moveCursor(toCol: colCount - 1)
        case .pageUp: page(-1)
        case .pageDown: page(1)
        case .nextPair where showingBaseline, .previousPair where showingBaseline: return leaveBaseline()
        case .nextPair: return changeGrid(pairIndex: (pairIndex + 1) % session.pairs.count, metricIndex: metricIndex)
        case .previousPair:
            let n = session.pairs.count
            return changeGrid(pairIndex: (pairIndex + n - 1) % n, metricIndex: metricIndex)
        case .toggleBaseline: return toggleBaseline()
        case .nextMetric:
            if session.metrics.count == 1 { say("\(metric.displayName) is the only metric in this session"); return [] }
            let next = (metricIndex + 1) % session.metrics.count
            return showingBaseline ? changeBaselineMetric(to: next) : changeGrid(pairIndex: pairIndex, metricIndex: next)
        case .zoomIn: setZoom(zoom.zoomedIn)
        case .zoomOut: setZoom(zoom.zoomedOut)
        case .toggleBestMatch where showingBaseline:
            say("best-match marks are for model pairs; in the baseline \(glyphs.significant) marks p ≤ 0.05")
        case .toggleBestMatch:
            showBestMatch.toggle()
            say(showBestMatch ? "marking each row's best match" : "best-match marks off")
        case .drillDown: return enterDrill()
        case .toggleSelection: toggleSelection()
        case .export: openExportPrompt()
        case .search: openSearchPrompt()
        case .nextMatch: stepMatch(1)
        case .previousMatch: stepMatch(-1)
        case .cancelJob: return showingBaseline ? cancelBaselineJob() : cancelCurrentJob()
        case .resumeJob: return showingBaseline ? retryBaseline() : resumeCurrentJob()
        case .scrollUp: scrollDrill(by: -1)
        case .scrollDown: scrollDrill(by: 1)
        case .scrollPageUp: scrollDrill(by: -max(1, layout.bodyHeight - 1))
        case .scrollPageDown: scrollDrill(by: max(1, layout.bodyHeight - 1))
        case .scrollTop: scrollDrill(by: -Int.max / 2)
        case .scrollBottom: scrollDrill(by: Int.max / 2)
        case .back: return back()
        case .help:
            showHelp = true
            helpScroll = 0
        case .redraw: return [.clearScreen]
        case .quit: return requestQuit()
        case .promptConfirm, .promptCancel, .promptDeleteBackward, .promptClear, .mouseHelp: break
        }
        return []
    }

    /// Esc: closes the innermost thing open, then leaves the baseline view. At the top level
    /// it only says how to quit.
    mutating func back() -> [Effect] {
        if hasPanel { return leaveDrill() }
        if selectionAnchor != nil {
            selectionAnchor = nil
            say("selection cleared")
            return []
        }
        if search != nil {
            search = nil
            return []
        }
        if showingBaseline { return leaveBaseline() }
        say("q quits")
        return []
    }

    /// `q` / Ctrl-C: quits, or asks first while an export is being written.
    mutating func requestQuit() -> [Effect] {
        if pendingExports.isEmpty { return [.quit] }
        confirmingQuit = true
        let n = pendingExports.count
        message = StatusMessage("\(n == 1 ? "an export is" : "\(n) exports are") still being written: q quits anyway, any other key stays",
                                kind: .error)
        return []
    }

    /// Keys on the help screen: scroll keys scroll when it does not fit; any other key closes.
    mutating func helpKey(_ key: Key) -> [Effect] {
        let overflow = HelpScreen.overflow(self)
        if overflow > 0, let action = KeyMap.standard.action(for: key, in: .help) {
            switch action {
            case .scrollUp: helpScroll = max(0, helpScroll - 1); return []
            case .scrollDown: helpScroll = min(overflow, helpScroll + 1); return []
            default: break
            }
        }
        showHelp = false
        helpScroll = 0
        return []
    }
}
