import LayerIO
import Similarity

/// The keys that mean something of their own on the grid screen (a model pair's grid);
/// the baseline screen's answers to the same keys are in `Baseline/Screen+Baseline`.
extension AppState {
    mutating func gridAction(_ action: Action) -> [Effect] {
        switch action {
        case .nextPair:
            return changeGrid(pairIndex: (pairIndex + 1) % session.pairCount, metricIndex: metricIndex)
        case .previousPair:
            let n = session.pairCount
            return changeGrid(pairIndex: (pairIndex + n - 1) % n, metricIndex: metricIndex)
        case .toggleBaseline:
            return enterBaseline()
        case .nextMetric:
            return changeGrid(pairIndex: pairIndex, metricIndex: (metricIndex + 1) % session.metrics.count)
        case .cycleColorRange:
            cycleColorRange()
        case .cyclePrecision:
            cyclePrecision()
        case .layerFilter:
            openFilterPrompt()
        case .transpose:
            return transpose()
        case .toggleBestMatch:
            showBestMatch.toggle()
            say(showBestMatch ? "marking each row's best match" : "best-match marks off")
        case .drillDown:
            return openCellPanel()
        case .export:
            if let problem = filterExportProblem() {
                say(problem, .error)
            } else {
                openExportPrompt()
            }
        case .cancelJob:
            return cancelCurrentJob()
        case .resumeJob:
            return resumeCurrentJob()
        default:
            break
        }
        return []
    }

    /// Enter (or a click on the cursor): the details panel of the cursor cell, asking the
    /// engine for its parts.
    mutating func openCellPanel() -> [Effect] {
        let cell = cellKey(cursor)
        overlay = .panel(.cell(DrillState(cell: cell)))
        return [.startDrill(cell)]
    }

    /// Why `e` cannot write what the layer filter shows, or `nil` when it can. An export
    /// writes a block of real layers (`ExportRequest.rows`, `.cols`); under a filter that is
    /// the selection's real span (`selection`), and it must not take in a layer the filter
    /// hides: the file would hold layers the user did not see. Without a selection the
    /// whole grid would be written, hidden layers included, so a filter that hides any asks
    /// for a selection.
    func filterExportProblem() -> String? {
        // The clustered view writes exactly the shown layers (`clusteredExport`).
        guard activeClusterOrder == nil, let f = activeFilter, f.hidesLayers else { return nil }
        guard let rect = selection else {
            return "not exported: select shown layers first (v), or clear the filter (f, Enter)"
        }
        let shownRows = Set(f.rows), shownCols = Set(f.cols)
        let hidden = rect.rows.filter { !shownRows.contains($0) }.count + rect.cols.filter { !shownCols.contains($0) }.count
        guard hidden > 0 else { return nil }
        return "not exported: the selection spans \(hidden) hidden layer\(hidden == 1 ? "" : "s") (f, Enter: no filter)"
    }

    /// What `e` then Enter writes on the grid screen: the outcomes of the rectangle (in real
    /// layer indices: `selection`, or the whole grid), and how many of its cells are not
    /// computed yet.
    func gridExport(path: String, format: ExportFormat, rect: GridRect) -> (request: ExportRequest, missing: Int) {
        let v = values
        let request = ExportRequest(path: path, format: format, grid: gridKey, rows: rect.rows, cols: rect.cols,
                                    values: rect.rows.map { r in rect.cols.map { c in v[r, c]?.value } })
        return (request, rect.cellCount - countKnown(in: rect))
    }
}
