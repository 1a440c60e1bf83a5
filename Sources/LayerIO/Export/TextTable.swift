/// Left-aligned plain-text columns separated by two spaces; the first row is the header.
/// Columns in `rightAligned` are right-aligned; trailing spaces are trimmed from every line.
/// The grid's text format and the headless reports (`pair`, `layers`, …) share it.
public enum TextTable {
    /// Cells are shown through `TerminalText.escaped` (names come from files).
    public static func render(_ rawRows: [[String]], rightAligned: Set<Int> = []) -> String {
        let rows = rawRows.map { $0.map(TerminalText.escaped) }
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let isLast = i == row.count - 1
                if rightAligned.contains(i) { line += pad + cell } else { line += cell + (isLast ? "" : pad) }
                if !isLast { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
