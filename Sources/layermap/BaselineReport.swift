import Foundation
import LayerIO
import Similarity

/// The seed baseline's output: JSON keys `rows`, `cols`, `within`, `across`, `difference`,
/// `p_values` (matrices over layer pairs, `null` where undefined), plus the metric, groups and
/// how the p-values were computed; or a readable text summary.
struct BaselineReport {
    let metric: Metric
    let groups: [String]
    let members: [[String]]
    let layers: [String]
    let result: SeedBaseline

    func json() -> String {
        func matrix(_ m: [[Double?]]) -> String {
            "[\n" + m.map { "    [" + $0.map { $0.map(JSONExporter.number) ?? "null" }.joined(separator: ", ") + "]" }
                .joined(separator: ",\n") + "\n  ]"
        }
        let names = layers.map(JSONExporter.string).joined(separator: ", ")
        var fields: [(String, String)] = [
            ("metric", JSONExporter.string(metric.rawValue)),
            ("groups", "{" + zip(groups, members).map { "\(JSONExporter.string($0)): [\($1.map(JSONExporter.string).joined(separator: ", "))]" }.joined(separator: ", ") + "}"),
            ("rows", "[\(names)]"),
            ("cols", "[\(names)]"),
        ]
        fields += [("within", matrix(result.within)), ("across", matrix(result.across)),
                   ("difference", matrix(result.difference)), ("p_values", matrix(result.pValues)),
                   ("labellings", "\(result.labellings)"), ("exhaustive", result.exhaustive ? "true" : "false")]
        return "{\n" + fields.map { "  \(JSONExporter.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
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
