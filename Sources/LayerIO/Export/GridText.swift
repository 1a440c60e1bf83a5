import Palette
import Similarity

/// A grid as an aligned text table for people (`--format text`): three decimals, `-` for an
/// undefined cell, followed by the reasons for undefined cells.
enum GridText {
    static func render(_ table: GridTable) -> String {
        var rows: [[String]] = [["\(table.rowModel) \\ \(table.colModel)"] + table.cols]
        var reasons: [String] = []
        for (i, name) in table.rows.enumerated() {
            var line = [name]
            for j in table.cols.indices {
                switch table.values[i][j] {
                case .value(let v)?: line.append(NumberFormat.decimal(v, 3))
                case .undefined(let r)?:
                    line.append("-")
                    reasons.append(TerminalText.escaped("  \(name) × \(table.cols[j]): \(r)"))
                case nil: line.append("")
                }
            }
            rows.append(line)
        }
        let what = table.difference.map { "difference: \($0.title)" } ?? "\(table.metric.displayName) (\(table.metric.rawValue))"
        var out = TerminalText.escaped("\(what), n = \(table.sampleCount), reduce = \(table.reduce)") + "\n"
        out += TextTable.render(rows, rightAligned: Set(1...max(1, table.cols.count)))
        if !reasons.isEmpty { out += "undefined:\n" + reasons.joined(separator: "\n") + "\n" }
        return out
    }
}
