import Palette
import Similarity

/// Writes a grid as CSV: a header row whose first cell is empty followed by the column
/// layer names, then one row per row layer: its name, then the values. An undefined or
/// uncomputed cell is an empty field. Names are quoted when they hold a comma, a quote or
/// a line break (RFC 4180). When the rows and columns are not in layer order, the header's
/// first field says which order they are in (`order: clustered (…)`). A seed baseline is written one line per layer pair instead
/// (`BaselineExport`).
public enum CSVExporter {
    public static func text(_ table: GridTable) -> String {
        if let b = table.seedBaseline { return BaselineExport.csv(table, b) }
        if let d = table.difference { return DifferenceExport.csv(table, d) }
        var out = (table.order.map { field("order: " + $0) } ?? "") + "," + table.cols.map(field).joined(separator: ",") + "\n"
        for (i, name) in table.rows.enumerated() {
            out += field(name)
            for j in table.cols.indices {
                out += ","
                if let v = table.number(i, j) { out += NumberFormat.exact(v) }
            }
            out += "\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
