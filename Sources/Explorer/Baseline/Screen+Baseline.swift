import LayerIO
import Similarity

/// The keys that mean something of their own on the baseline screen: Tab and `b` go back
/// to the model pair, `m` changes the baseline's metric, `c` / `r` stop and restart the
/// baseline, Enter opens a baseline cell's panel, `e` writes the differences.
extension AppState {
    mutating func baselineAction(_ action: Action) -> [Effect] {
        switch action {
        case .nextPair, .previousPair, .toggleBaseline:
            return leaveBaseline()
        case .nextMetric:
            return changeBaselineMetric(to: (metricIndex + 1) % session.metrics.count)
        case .toggleBestMatch:
            say("best-match marks are for model pairs; in the baseline \(glyphs.significant) marks p ≤ 0.05")
        case .drillDown:
            openBaselinePanel()
        case .export:
            // There is nothing to write until the baseline is known.
            if baselineStatus?.result == nil {
                say("nothing to export yet: the seed baseline is not known", .error)
            } else {
                openExportPrompt()
            }
        case .cancelJob:
            return cancelBaselineJob()
        case .resumeJob:
            return retryBaseline()
        default:
            break
        }
        return []
    }

    /// Enter (or a click on the cursor): the panel of the cursor's layer pair. It needs
    /// nothing from the engine: it shows the baseline's result as it is (or will be).
    mutating func openBaselinePanel() {
        overlay = .panel(.baseline(BaselineDrillState(metric: metric, row: cursor.row, col: cursor.col)))
    }

    /// `baseline_groupA_vs_groupB_metric`, with unsafe characters replaced by `safe`.
    func baselineExportStem(_ groups: Session.Baseline, safe: (String) -> String) -> String {
        "baseline_\(safe(groups.groupNames[0]))_vs_\(safe(groups.groupNames[1]))_\(metric.rawValue)"
    }

    /// What `e` then Enter writes on the baseline screen: the differences over the
    /// rectangle (all known: the prompt opens only once the result is), with within, across
    /// and the p-values over it and the groups by name (`baselineCells`). `nil` until the
    /// baseline is known.
    func baselineExport(path: String, format: ExportFormat, rect: GridRect) -> ExportRequest? {
        guard let b = session.baseline, let result = baselineStatus?.result else { return nil }
        let grid = GridKey(metric: metric, rowModel: b.members[0][0], colModel: b.members[1][0])
        return ExportRequest(path: path, format: format, grid: grid, rows: rect.rows, cols: rect.cols,
                             kind: .baselineDifference, values: Self.differenceValues(result, in: rect),
                             baseline: baselineCells(result, groups: b, in: rect))
    }

    /// The baseline's numbers beside the difference over a rectangle, and its groups named
    /// with their models' names.
    func baselineCells(_ result: BaselineResult, groups b: Session.Baseline, in rect: GridRect) -> GridTable.SeedBaselineCells {
        func cut(_ m: [[Double?]]) -> [[Double?]] {
            rect.rows.map { i in rect.cols.map { j in i < m.count && j < m[i].count ? m[i][j] : nil } }
        }
        let s = result.baseline
        return GridTable.SeedBaselineCells(
            groupNames: b.groupNames, members: b.members.map { $0.map { session.models[$0].name } },
            within: cut(s.within), across: cut(s.across), pValues: cut(s.pValues),
            labellings: s.labellings, exhaustive: s.exhaustive, alpha: BaselineResult.alpha)
    }

    /// The seed baseline's differences over a rectangle of its shared layers; a layer pair
    /// with no defined model pair is undefined with that reason.
    static func differenceValues(_ result: BaselineResult, in rect: GridRect) -> [[CellValue?]] {
        rect.rows.map { i in
            rect.cols.map { j in
                result.cell(i, j)?.difference.map(CellValue.value)
                    ?? .undefined(reason: "no defined model pair for this layer pair")
            }
        }
    }
}
