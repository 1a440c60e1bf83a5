import Foundation
import LayerIO
import Similarity

/// The seed baseline's output: a readable text summary, or a table for the file formats
/// (JSON keys `groups`, `rows`, `cols`, `within`, `across`, `difference`, `p_values`, … as
/// `BaselineExport` writes them).
struct BaselineReport {
    let metric: Metric
    let groups: [String]
    let members: [[String]]
    let layers: [String]
    let result: SeedBaseline

    /// The baseline as a table for the exporters (JSON, CSV, npy, SVG, PNG): the difference as
    /// its values (undefined where no model pair is defined), the rest as its
    /// `SeedBaselineCells`, the groups named as groups.
    func table(n: Int, reduce: String, options: MetricOptions) -> GridTable {
        let values = result.difference.map { row in
            row.map { d -> CellValue? in d.map(CellValue.value) ?? .undefined(reason: "no defined model pair for this layer pair") }
        }
        let cells = GridTable.SeedBaselineCells(groupNames: groups, members: members, within: result.within,
                                                across: result.across, pValues: result.pValues,
                                                labellings: result.labellings, exhaustive: result.exhaustive)
        return GridTable(metric: metric, rowModel: groups[0], colModel: groups[1], rows: layers, cols: layers,
                         values: values, sampleCount: n, reduce: reduce, options: options)
            .with(quantity: .seedBaseline(cells))
    }

    func text() -> String {
        var out = "seed baseline, \(metric.displayName) (\(metric.rawValue))\n"
        for (g, m) in zip(groups, members) { out += "  group \(g): \(m.joined(separator: ", "))\n" }
        out += "difference = within − across" + (metric.orientation == .distance ? " (sign flipped for a distance)" : "")
        out += "; p from \(result.labellings) \(result.exhaustive ? "(all)" : "random") relabellings; * p ≤ 0.05\n"
        var rows: [[String]] = [[""] + layers]
        for (i, name) in layers.enumerated() {
            rows.append([name] + layers.indices.map { j in
                guard let d = result.difference[i][j] else { return "-" }
                let star = (result.pValues[i][j] ?? 1) <= 0.05 ? "*" : " "
                return String(format: "%+.3f", d) + star
            })
        }
        out += TextTable.render(rows, rightAligned: Set(1...max(1, layers.count)))
        let diag = layers.indices.compactMap { result.difference[$0][$0] }
        let diagP = layers.indices.compactMap { result.pValues[$0][$0] }
        if !diag.isEmpty {
            out += String(format: "diagonal: mean difference %+.4f, smallest p %.3g\n", diag.reduce(0, +) / Double(diag.count), diagP.min() ?? 1)
        }
        return out
    }
}
