import Palette
import Similarity

extension DrillPanel {
    /// The direct-matching sweeps section: the rank sweep's and the sparsity sweep's charts
    /// with their numbers, or "computing…", or why there are none.
    static func sweepLines(_ sweeps: Result<MatchingSweeps, SimilarityError>?, width: Int, unicode: Bool, theme: Theme,
                           computing: StyledLine) -> [StyledLine] {
        switch sweeps {
        case nil: return [computing]
        case .failure(let e)?: return [StyledLine("  not available: \(e.description)", theme.warning)]
        case .success(let s)?:
            let chartWidth = max(16, min(60, width - 12))
            var out = [StyledLine("  R² against the rank k of the map (full rank \(s.fullRank) = regression)", theme.dim)]
            out += SweepCharts.rank(s, width: chartWidth, unicode: unicode).map { StyledLine("  " + $0) }
            out.append(StyledLine("  k " + s.rank.map { "\($0.k):\(NumberFormat.fixed($0.r2, 3))" }.joined(separator: " "), theme.dim))
            out.append(.empty)
            out.append(StyledLine("  R² against the fraction of zero weights (lasso, α from \(NumberFormat.value(s.alphaMax)) to 1/1000 of it)", theme.dim))
            out += SweepCharts.sparsity(s, width: chartWidth, unicode: unicode).map { StyledLine("  " + $0) }
            let unconverged = s.sparsity.filter { !$0.converged }.count
            if unconverged > 0 {
                out.append(StyledLine("  \(unconverged) of \(s.sparsity.count) lasso fits did not converge", theme.warning))
            }
            out.append(StyledLine("  " + SweepCharts.legend, theme.dim))
            return out
        }
    }
}
