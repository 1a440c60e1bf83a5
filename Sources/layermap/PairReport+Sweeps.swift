import Engine
import Explorer
import LayerIO
import Palette
import Similarity

/// The direct-matching sweeps in `layermap pair`'s output.
extension PairReport {
    /// `"sweeps"`: `{"full_rank", "rank": [{"k", "r2", "heldout_r2"}], "alpha_max",
    /// "sparsity": [{"alpha", "zero_fraction", "r2", "heldout_r2", "converged"}]}`, `null` (with
    /// the reason under `undefined.sweeps`) when there are none.
    func sweepsJSON(reasons: inout [(String, String)]) -> String? {
        switch sweeps {
        case nil: return nil
        case .failure(let e)?:
            reasons.append(("sweeps", JSONExporter.string(e.description)))
            return "null"
        case .success(let s)?:
            func n(_ v: Double?) -> String { v.map(JSONExporter.number) ?? "null" }
            let rank = s.rank.map { "{\"k\": \($0.k), \"r2\": \(n($0.r2)), \"heldout_r2\": \(n($0.heldOutR2))}" }
            let sparsity = s.sparsity.map {
                "{\"alpha\": \(n($0.alpha)), \"zero_fraction\": \(n($0.zeroFraction)), \"r2\": \(n($0.r2)), "
                    + "\"heldout_r2\": \(n($0.heldOutR2)), \"converged\": \($0.converged)}"
            }
            return "{\"full_rank\": \(s.fullRank), \"rank\": [\(rank.joined(separator: ", "))], "
                + "\"alpha_max\": \(n(s.alphaMax)), \"sparsity\": [\(sparsity.joined(separator: ", "))]}"
        }
    }

    /// Both sweeps as tables and charts.
    func sweepsText() -> String {
        switch sweeps {
        case nil: return ""
        case .failure(let e)?: return "\ndirect-matching sweeps: not computed: \(e)\n"
        case .success(let s)?:
            func f(_ v: Double?) -> String { v.map { String(format: "%.6f", $0) } ?? "undefined" }
            var out = "\nrank sweep (regression-rank: R² of the best map of rank ≤ k; full rank \(s.fullRank) is regression):\n"
            var t: [[String]] = [["k", "R²", "held-out R²"]]
            for p in s.rank { t.append([String(p.k), f(p.r2), f(p.heldOutR2)]) }
            out += TextTable.render(t)
            out += SweepCharts.rank(s, width: 48, unicode: true).joined(separator: "\n") + "\n"
            out += "\nsparsity sweep (regression-l1 from α_max = \(NumberFormat.significant(s.alphaMax, 6)) down to α_max/1000):\n"
            var u: [[String]] = [["α", "zero fraction", "R²", "held-out R²", ""]]
            for p in s.sparsity {
                u.append([NumberFormat.significant(p.alpha, 6), String(format: "%.6f", p.zeroFraction), f(p.r2), f(p.heldOutR2),
                          p.converged ? "" : "not converged"])
            }
            out += TextTable.render(u)
            out += SweepCharts.sparsity(s, width: 48, unicode: true).joined(separator: "\n") + "\n"
            out += SweepCharts.legend + "\n"
            return out
        }
    }
}
