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
            openExportPrompt()
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
        if difference != nil {
            openDifferencePanel()
            return []
        }
        let cell = cellKey(cursor)
        overlay = .panel(.cell(DrillState(cell: cell)))
        return [.startDrill(cell)]
    }

    /// What `e` then Enter writes on the grid screen: the outcomes of the real layers `rows`
    /// × `cols` (the shown ones of the selection, or of the whole grid: under a layer filter
    /// exactly what is on screen), and how many of those cells are not computed yet.
    func gridExport(path: String, format: ExportFormat, rows: [Int], cols: [Int]) -> (request: ExportRequest, missing: Int) {
        let v = values
        let cells = rows.map { r in cols.map { c in v[r, c]?.value } }
        let request = ExportRequest(path: path, format: format, grid: gridKey, rows: rows, cols: cols, values: cells)
        return (request, cells.joined().filter { $0 == nil }.count)
    }
}
