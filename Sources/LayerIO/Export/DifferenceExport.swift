import Palette
import Similarity

extension GridTable {
    /// The two grids a difference table was made from: the table's values are
    /// `minuend − subtrahend`, cell by cell over the same rows and columns (the same layer
    /// names in the same order), undefined where either operand is.
    public struct DifferenceCells: Sendable, Hashable {
        /// One operand: its metric, the models on its rows and columns, and its values over
        /// the table's rows × cols (`nil` where undefined or not computed).
        public struct Operand: Sendable, Hashable {
            public var metric: Metric
            public var rowModel: String
            public var colModel: String
            /// What the difference's title calls it: the metric's name (two metrics on one
            /// pair) or the pair (two pairs under one metric).
            public var label: String
            public var values: [[Double?]]

            public init(metric: Metric, rowModel: String, colModel: String, label: String, values: [[Double?]]) {
                self.metric = metric; self.rowModel = rowModel; self.colModel = colModel
                self.label = label; self.values = values
            }

            func slice(rows: Range<Int>, cols: Range<Int>) -> Operand {
                var o = self
                o.values = values[rows].map { Array($0[cols]) }
                return o
            }
        }

        public var minuend: Operand
        public var subtrahend: Operand
        /// What both share, e.g. `tanh-s0 × tanh-s1` (two metrics) or `linear CKA` (two pairs).
        public var shared: String

        public init(minuend: Operand, subtrahend: Operand, shared: String) {
            self.minuend = minuend; self.subtrahend = subtrahend; self.shared = shared
        }

        /// `linear CKA − CKA(debiased) · tanh-s0 × tanh-s1`.
        /// Two pairs: `(tanh-s0 × tanh-s1) − (tanh-s0 × relu-s0) · linear CKA`.
        public var title: String { "\(formula) \u{00B7} \(shared)" }

        /// `linear CKA − CKA(debiased)`, for the colour bar; a pair in parentheses.
        public var formula: String {
            func term(_ s: String) -> String { s.contains(" \u{00D7} ") ? "(\(s))" : s }
            return "\(term(minuend.label)) \u{2212} \(term(subtrahend.label))"
        }

        func slice(rows: Range<Int>, cols: Range<Int>) -> DifferenceCells {
            DifferenceCells(minuend: minuend.slice(rows: rows, cols: cols), subtrahend: subtrahend.slice(rows: rows, cols: cols),
                            shared: shared)
        }
    }

    /// The difference's operands, when the table is one.
    public var difference: DifferenceCells? {
        if case .difference(let d) = quantity { return d }
        return nil
    }
}

/// A difference of two grids written as CSV or JSON, naming both operands so the file never
/// reads as a plain metric.
///
/// CSV: the grid layout of `CSVExporter` after `#` comment lines (pandas: `comment="#"`):
///
///     # difference: linear CKA − CKA(debiased) · tanh-s0 × tanh-s1
///     # A: linear-cka, rows tanh-s0, columns tanh-s1
///     # B: cka-debiased, rows tanh-s0, columns tanh-s1
///     # values: A − B; empty where A or B is undefined or not computed
///     ,layer1,layer2
///     layer1,0.0123,…
///
/// JSON:
///
///     { "quantity": "difference", "title": "linear CKA − CKA(debiased) · tanh-s0 × tanh-s1",
///       "minuend": {"metric": "linear-cka", "orientation": "similarity", "row_model": "tanh-s0",
///                   "col_model": "tanh-s1", "values": [[…]]},
///       "subtrahend": {…the same keys…},
///       "rows": […], "cols": […], "values": [[A − B or null]], "n": 400, "reduce": "flatten",
///       "options": {…}, "undefined": [ {"row": …, "col": …, "reason": …}, … ] }
enum DifferenceExport {
    static func csv(_ table: GridTable, _ d: GridTable.DifferenceCells) -> String {
        func operand(_ name: String, _ o: GridTable.DifferenceCells.Operand) -> String {
            "# \(name): \(o.metric.rawValue), rows \(o.rowModel), columns \(o.colModel)\n"
        }
        var plain = table
        plain.quantity = .measure
        return "# difference: \(d.title)\n" + operand("A", d.minuend) + operand("B", d.subtrahend)
            + "# values: A \u{2212} B; empty where A or B is undefined or not computed\n" + CSVExporter.text(plain)
    }

    static func json(_ table: GridTable, _ d: GridTable.DifferenceCells) -> String {
        let string = JSONExporter.string, number = JSONExporter.number
        func matrix(_ m: [[Double?]], indent: String) -> String {
            "[\n" + m.map { indent + "  [" + $0.map { $0.map(number) ?? "null" }.joined(separator: ", ") + "]" }
                .joined(separator: ",\n") + "\n" + indent + "]"
        }
        func operand(_ o: GridTable.DifferenceCells.Operand) -> String {
            "{\"metric\": \(string(o.metric.rawValue)), \"orientation\": \(string(o.metric.orientation.rawValue)), "
                + "\"row_model\": \(string(o.rowModel)), \"col_model\": \(string(o.colModel)), \"label\": \(string(o.label)),\n"
                + "    \"values\": \(matrix(o.values, indent: "    "))}"
        }
        let fields: [(String, String)] = [
            ("quantity", string("difference")),
            ("title", string(d.title)),
            ("minuend", operand(d.minuend)),
            ("subtrahend", operand(d.subtrahend)),
            ("rows", "[\(table.rows.map(string).joined(separator: ", "))]"),
            ("cols", "[\(table.cols.map(string).joined(separator: ", "))]"),
            ("values", matrix(table.values.map { $0.map { $0?.number } }, indent: "  ")),
            ("n", "\(table.sampleCount)"),
            ("reduce", string(table.reduce)),
            ("options", JSONExporter.options(table.options)),
            ("undefined", JSONExporter.undefinedList(table)),
        ]
        return "{\n" + fields.map { "  \(string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}
