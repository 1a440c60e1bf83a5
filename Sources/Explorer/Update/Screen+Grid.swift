import LayerIO
import Similarity

/// The keys that mean something of their own on the grid screen (a model pair's grid);
/// the baseline screen's answers to the same keys are in `Baseline/Screen+Baseline`.
extension AppState {
    mutating func gridAction(_ action: Action) -> [Effect] {
        switch action {
        case .nextPair:
            return changeGrid(pairIndex: (pairIndex + 1) % session.pairs.count, metricIndex: metricIndex)
        case .previousPair:
            let n = session.pairs.count
            return changeGrid(pairIndex: (pairIndex + n - 1) % n, metricIndex: metricIndex)
        case .toggleBaseline:
            return enterBaseline()
        case .nextMetric:
            return changeGrid(pairIndex: pairIndex, metricIndex: (metricIndex + 1) % session.metrics.count)
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
        let cell = cellKey(cursor)
        overlay = .panel(.cell(DrillState(cell: cell)))
        return [.startDrill(cell)]
    }

    /// What `e` then Enter writes on the grid screen: the outcomes of the rectangle, and how
    /// many of its cells are not computed yet.
    func gridExport(path: String, format: ExportFormat, rect: GridRect) -> (request: ExportRequest, missing: Int) {
        let v = values
        let request = ExportRequest(path: path, format: format, grid: gridKey, rows: rect.rows, cols: rect.cols,
                                    values: rect.rows.map { r in rect.cols.map { c in v[r, c]?.value } })
        return (request, rect.cellCount - countKnown(in: rect))
    }
}
