import Palette
import Similarity

/// A seed baseline written as JSON or CSV: every number of it, and its groups named as groups.
///
/// JSON, the schema `layermap baseline --format json` prints and the explorer's baseline
/// export writes:
///
///     { "metric": "linear-cka",
///       "groups": {"tanh": ["tanh-s0", "tanh-s1", …], "relu": ["relu-s0", …]},
///       "rows": [row layers], "cols": [column layers],
///       "within": [[…]], "across": [[…]], "difference": [[…]], "p_values": [[…]],
///       "labellings": 70, "exhaustive": true,
///       "alpha": 0.05, "orientation": "similarity", "n": 500, "reduce": "flatten",
///       "options": {…}, "undefined": [ {"row": …, "col": …, "reason": …}, … ] }
///
/// Matrices are rows × cols, `null` where undefined. `difference` = within − across,
/// sign-flipped for a distance (positive: the groups differ); `p_values` are one-sided
/// permutation p-values over `labellings` relabellings of the models (all of them when
/// `exhaustive`). `groups` keeps the order given: the first group is "A".
///
/// CSV, one line per layer pair (long form, since one grid cannot hold four numbers a cell):
///
///     row,col,within,across,difference,p_value,significant
///     layer1,layer1,0.93,0.85,0.08,0.014,true
///
/// with an empty field where a number is undefined and `significant` = p ≤ alpha.
enum BaselineExport {
    static func json(_ table: GridTable, _ b: GridTable.SeedBaselineCells) -> String {
        let string = JSONExporter.string, number = JSONExporter.number
        func matrix(_ m: [[Double?]]) -> String {
            "[\n" + m.map { "    [" + $0.map { $0.map(number) ?? "null" }.joined(separator: ", ") + "]" }
                .joined(separator: ",\n") + "\n  ]"
        }
        let groups = zip(b.groupNames, b.members).map { name, models in
            "\(string(name)): [\(models.map(string).joined(separator: ", "))]"
        }
        let difference = table.values.map { $0.map { $0?.number } }
        let fields: [(String, String)] = [
            ("metric", string(table.metric.rawValue)),
            ("groups", "{" + groups.joined(separator: ", ") + "}"),
            ("rows", "[\(table.rows.map(string).joined(separator: ", "))]"),
            ("cols", "[\(table.cols.map(string).joined(separator: ", "))]"),
            ("within", matrix(b.within)), ("across", matrix(b.across)),
            ("difference", matrix(difference)), ("p_values", matrix(b.pValues)),
            ("labellings", "\(b.labellings)"), ("exhaustive", b.exhaustive ? "true" : "false"),
            ("alpha", number(b.alpha)),
            ("orientation", string(table.metric.orientation.rawValue)),
            ("n", "\(table.sampleCount)"),
            ("reduce", string(table.reduce)),
            ("options", JSONExporter.options(table.options)),
            ("undefined", JSONExporter.undefinedList(table)),
        ]
        return "{\n" + fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    static func csv(_ table: GridTable, _ b: GridTable.SeedBaselineCells) -> String {
        var out = "row,col,within,across,difference,p_value,significant\n"
        func show(_ v: Double?) -> String { v.map(NumberFormat.exact) ?? "" }
        for i in table.rows.indices {
            for j in table.cols.indices {
                let d = table.number(i, j)
                let significant = d != nil && b.isSignificant(i, j)
                out += [CSVExporter.field(table.rows[i]), CSVExporter.field(table.cols[j]),
                        show(b.within[i][j]), show(b.across[i][j]), show(d), show(b.pValues[i][j]),
                        significant ? "true" : "false"].joined(separator: ",") + "\n"
            }
        }
        return out
    }
}
