import LayerIO
import Similarity

/// What `e` writes in the difference view: A − B over the shown layers of the selection (or
/// of the whole grid), with both operands named and their values beside it, so the file
/// never reads as a plain metric.
extension AppState {
    /// `tanh-s0_x_tanh-s1_linear-cka_minus_cka-debiased`, or for two pairs
    /// `tanh-s0_x_tanh-s1_minus_tanh-s0_x_relu-s0_linear-cka`; `nil` outside the view.
    func differenceExportStem(safe: (String) -> String) -> String? {
        guard let d = difference else { return nil }
        func pairStem(_ k: GridKey) -> String { "\(safe(session.models[k.rowModel].name))_x_\(safe(session.models[k.colModel].name))" }
        switch d.operand {
        case .metric(let m): return "\(pairStem(d.minuend))_\(metric.rawValue)_minus_\(m.rawValue)"
        case .pair: return "\(pairStem(d.minuend))_minus_\(pairStem(d.subtrahend))_\(metric.rawValue)"
        }
    }

    /// The export of A − B over real `rows` × `cols`, and how many of its cells are not
    /// known yet (either operand not computed).
    func differenceExport(path: String, format: ExportFormat, rows: [Int], cols: [Int]) -> (request: ExportRequest, missing: Int) {
        let cells = rows.map { r in cols.map { c in differenceValue(real: GridPosition(row: r, col: c)) } }
        let request = ExportRequest(path: path, format: format, grid: gridKey, rows: rows, cols: cols, kind: .difference,
                                    values: cells, difference: differenceCells(rows: rows, cols: cols))
        return (request, cells.joined().filter { $0 == nil }.count)
    }
}
