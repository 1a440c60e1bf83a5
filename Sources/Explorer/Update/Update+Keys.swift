import Similarity

/// Where a key goes: the too-small notice takes only quit and redraw; otherwise the overlay
/// on top gets it (each overlay's update is in its own file under `Overlays/`), and with
/// none open the screen does (`perform`). This is the only place that decides.
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
        switch overlay {
        case .quitConfirmation(let q)?: return quitConfirmationKey(q, key)
        case .help(let h)?:
            helpKey(h, key)
            return []
        case .prompt(let p)?: return promptKey(p, key)
        case .panel?: return panelKey(key)
        case .picker(let p)?: return pickerKey(p, key)
        case nil:
            if overview != nil { return overviewKey(key) }
            guard let action = map.action(for: key, in: .grid) else { return [] }
            return perform(action)
        }
    }

    /// Performs an action of the screen, or a global one (help, redraw, quit, which an
    /// overlay may also pass on). Moving, zoom, selection and search are the same on both
    /// screens; the rest is each screen's (`gridAction`, `baselineAction`).
    mutating func perform(_ action: Action) -> [Effect] {
        if let effects = differenceAction(action) { return effects }
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
        case .nextMetric where session.metrics.count == 1, .previousMetric where session.metrics.count == 1:
            say("\(metric.displayName) is the only metric in this session")
        case .previousMetric:
            let n = session.metrics.count
            if screen == .baseline { return changeBaselineMetric(to: (metricIndex + n - 1) % n) }
            return changeGrid(pairIndex: pairIndex, metricIndex: (metricIndex + n - 1) % n)
        case .metricMenu: openMetricMenu()
        case .pairPicker: openPairPicker()
        case .toggleLabelWidth: toggleLabelWidth()
        case .cycleColorRange where screen == .baseline, .cyclePrecision where screen == .baseline,
             .layerFilter where screen == .baseline, .transpose where screen == .baseline:
            say("the baseline view shows every shared layer on its own scale: b goes back to the model pair")
        case .zoomIn: setZoom(zoom.zoomedIn)
        case .zoomOut: setZoom(zoom.zoomedOut)
        case .toggleSelection: toggleSelection()
        case .search: openSearchPrompt()
        case .nextMatch: stepMatch(1)
        case .previousMatch: stepMatch(-1)
        case .toggleOverview where screen == .baseline, .toggleClustering where screen == .baseline:
            say("the overview and the clustered order are of model pairs: b goes back to the pair")
        case .toggleOverview: return openOverview()
        case .toggleClustering: toggleClustering()
        case .overviewMove, .overviewOpen, .overviewClose:
            break  // the overview's own keys (`Overview/Overview+Update`)
        case .back: return back()
        case .help: openHelp()
        case .redraw: return [.clearScreen]
        case .quit: return requestQuit()
        case .differenceMenu: openDifferenceMenu()
        case .copyToClipboard: return copyToClipboard()
        case .nextPair, .previousPair, .toggleBaseline, .nextMetric, .toggleBestMatch, .drillDown, .export,
             .cancelJob, .resumeJob, .cycleColorRange, .cyclePrecision, .layerFilter, .transpose:
            if filter != nil, action == .toggleBaseline || screen == .baseline && (action == .nextPair || action == .previousPair) {
                // The baseline view shows every layer: a selection or search made over the
                // filtered rows would point at other layers there, and the other way round.
                selectionAnchor = nil
                search = nil
            }
            switch screen {
            case .grid: return gridAction(action)
            case .baseline: return baselineAction(action)
            }
        case .scrollUp, .scrollDown, .scrollPageUp, .scrollPageDown, .scrollTop, .scrollBottom,
             .promptConfirm, .promptCancel, .promptDeleteBackward, .promptClear, .mouseHelp,
             .pickerUp, .pickerDown, .pickerOpen, .pickerClose,
             .pickerDeleteBackward, .pickerClear:
            // The panel's, the help screen's, the prompt's and the picker's own keys (`Overlays/`).
            break
        }
        return []
    }

    /// Esc on the screen: clears the selection, then the search, then leaves the baseline
    /// view. At the top level it only says how to quit. (Esc on an overlay closes it.)
    mutating func back() -> [Effect] {
        if selectionAnchor != nil {
            selectionAnchor = nil
            say("selection cleared")
            return []
        }
        if search != nil {
            search = nil
            return []
        }
        if screen == .baseline { return leaveBaseline() }
        if difference != nil { return leaveDifference() }
        say("q quits")
        return []
    }
}
