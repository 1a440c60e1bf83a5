import Similarity

/// The status lines of the baseline view.
extension StatusBar {
    /// `layer3 × layer5: within 0.91, across 0.84, Δ +0.07, p 0.03`, or what is missing.
    /// Two decimals, three when the difference is below 0.01 (so it does not read `+0.00`);
    /// p with three below 0.01.
    static func baselineCellLine(_ state: AppState, theme: Theme) -> (String, Style) {
        let g = state.glyphs
        let p = state.overlay?.panel?.baselineDrill?.position ?? state.cursor
        guard p.row < state.rowCount, p.col < state.colCount else { return ("", .plain) }
        let names = "\(state.rowLayers[p.row].name) \(g.times) \(state.colLayers[p.col].name)"
        switch state.baselineStatus {
        case nil, .cancelled?:
            return (names + ": baseline not computed (r computes it)", .plain)
        case .computing?:
            return (names + ": computing the baseline" + String(g.ellipsis), .plain)
        case .failed(let e)?:
            return (names + ": baseline failed: " + e.description, theme.error)
        case .ready(let result)?:
            guard let cell = result.cell(p.row, p.col), let d = cell.difference else {
                return (names + ": undefined: " + BaselineView.undefinedReason, theme.warning)
            }
            let digits = abs(d) < 0.01 ? 3 : 2
            func n(_ v: Double?) -> String { v.map { NumberFormat.fixed($0, digits) } ?? "undef." }
            let pText = cell.p.map { NumberFormat.fixed($0, $0 < 0.01 ? 3 : 2) } ?? "undef."
            return ("\(names): within \(n(cell.within)), across \(n(cell.across)), \(g.delta) \(NumberFormat.signed(d, digits)), p \(pText)",
                    .plain)
        }
    }

    /// `12/30 model pairs · ETA 3s` while computing; how p was computed once known.
    static func baselineProgressText(_ state: AppState) -> String {
        let dot = state.session.supportsUnicode ? "·" : "-"
        switch state.baselineStatus {
        case nil:
            return ""
        case .computing(let job)?:
            guard job.total > 0 else { return "computing the baseline" + String(state.glyphs.ellipsis) }
            let eta = job.eta(now: state.now).map { " \(dot) ETA \(NumberFormat.duration($0))" } ?? ""
            return "\(min(job.done, job.total))/\(job.total) model pairs" + eta
        case .cancelled?:
            return "baseline cancelled (r restarts)"
        case .failed?:
            return "baseline failed (r retries)"
        case .ready(let r)?:
            let n = r.baseline.labellings
            return r.baseline.exhaustive ? "p from all \(n) labellings" : "p from \(n) random labellings"
        }
    }
}
