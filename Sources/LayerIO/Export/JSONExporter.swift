import Foundation
import Palette
import Similarity

/// Writes a grid as one JSON object, the schema `layermap compute --format json` promises:
///
///     { "metric": "linear-cka", "orientation": "similarity", "estimator": "exact", "n": 500,
///       "row_model": "a", "col_model": "b", "reduce": "flatten",
///       "options": { "rbf_fraction": 0.5, … },
///       "rows": [row layer names], "cols": [column layer names],
///       "values": [[number or null, …], …],
///       "undefined": [ { "row": "l1", "col": "l3", "reason": "…" }, … ] }
///
/// When the rows and columns are not in layer order, `"order"` (after `estimator`) says which
/// order they are in, e.g. `"clustered (average linkage on 1 - s; …)"`.
/// `values` has one array per row; `null` where a cell is undefined (its reason is listed in
/// `undefined`) or was not computed. Numbers are written with full round-trip precision.
/// A seed baseline has its own schema (`BaselineExport`).
public enum JSONExporter {
    public static func text(_ table: GridTable) -> String {
        if let b = table.seedBaseline { return BaselineExport.json(table, b) }
        if let d = table.difference { return DifferenceExport.json(table, d) }
        var out = "{\n"
        out += "  \"metric\": \(string(table.metric.rawValue)),\n"
        out += "  \"orientation\": \(string(table.metric.orientation.rawValue)),\n"
        out += "  \"estimator\": \(string(table.estimator)),\n"
        if let order = table.order { out += "  \"order\": \(string(order)),\n" }
        out += "  \"n\": \(table.sampleCount),\n"
        out += "  \"row_model\": \(string(table.rowModel)),\n"
        out += "  \"col_model\": \(string(table.colModel)),\n"
        out += "  \"reduce\": \(string(table.reduce)),\n"
        out += "  \"options\": \(options(table.options)),\n"
        out += "  \"rows\": [\(table.rows.map(string).joined(separator: ", "))],\n"
        out += "  \"cols\": [\(table.cols.map(string).joined(separator: ", "))],\n"
        out += "  \"values\": [\n"
        out += table.rows.indices.map { i in
            "    [" + table.cols.indices.map { j in table.number(i, j).map(number) ?? "null" }
                .joined(separator: ", ") + "]"
        }.joined(separator: ",\n")
        out += "\n  ],\n"
        out += "  \"undefined\": " + undefinedList(table) + "\n"
        out += "}\n"
        return out
    }

    /// The `undefined` array: one `{"row", "col", "reason"}` object per undefined cell, in
    /// row-major order (`[]` when none is).
    static func undefinedList(_ table: GridTable) -> String {
        var undefined: [String] = []
        for i in table.rows.indices {
            for j in table.cols.indices {
                if case .undefined(let reason)? = table.values[i][j] {
                    undefined.append("    {\"row\": \(string(table.rows[i])), \"col\": \(string(table.cols[j])), \"reason\": \(string(reason))}")
                }
            }
        }
        return "[" + (undefined.isEmpty ? "]" : "\n" + undefined.joined(separator: ",\n") + "\n  ]")
    }

    /// A finite number in JSON (non-finite values never reach an export: they are undefined).
    public static func number(_ v: Double) -> String { v.isFinite ? NumberFormat.exact(v) : "null" }

    /// A JSON string literal with the required escapes.
    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// `, "labels": {...}` when `--labels` was given (absent otherwise, so outputs without
    /// labels keep their form): the file, N, the classes and the content fingerprint.
    static func labels(_ o: MetricOptions) -> String {
        guard let l = o.labels else { return "" }
        return ", \"labels\": {\"file\": \(string(l.source)), \"n\": \(l.count), \"classes\": \(l.classes.count), \"fingerprint\": \(string(l.fingerprint))}"
    }

    static func options(_ o: MetricOptions) -> String {
        "{\"rbf_fraction\": \(number(o.rbfFraction)), \"knn_k\": \(o.knnK), \"svcca_variance_kept\": \(number(o.svccaVarianceKept)), \"rank_rtol\": \(number(o.rankRtol)), \"rank_correlation\": \(o.rankCorrelation), \"rank\": \(o.regressionRank), \"l1\": \(number(o.l1Alpha))\(labels(o))}"
    }
}
