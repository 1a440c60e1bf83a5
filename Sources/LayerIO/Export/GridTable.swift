import Similarity

/// A grid of values ready to export: what was compared, how, and the numbers.
///
/// `values[i][j]` is row layer i (model A) against column layer j (model B). Every
/// exporter (CSV, JSON, .npy, SVG, PNG) and `layermap compute` write from this one type, so
/// a region exported from the explorer and the same region from the command line agree.
public struct GridTable: Sendable, Equatable {
    public var metric: Metric
    public var rowModel: String
    public var colModel: String
    /// Row layer names (model A's), in grid order.
    public var rows: [String]
    /// Column layer names (model B's), in grid order.
    public var cols: [String]
    /// rows.count × cols.count outcomes; `nil` for a cell not computed (a partial export).
    public var values: [[CellValue?]]
    /// N, the number of samples.
    public var sampleCount: Int
    /// The reduce policy applied to layers with more than two axes ("flatten" or "mean").
    public var reduce: String
    public var options: MetricOptions
    /// What the values are: the metric itself, or a seed baseline's difference of it.
    public var quantity: Quantity = .measure
    /// How the values were estimated: "exact", or e.g. "minibatch (batch 1000)".
    public var estimator: String = "exact"

    /// What a table's values measure.
    public enum Quantity: Sendable, Equatable {
        /// The metric's value for each layer pair.
        case measure
        /// The seed baseline's within − across difference of the metric between two groups of
        /// models (sign-flipped for a distance): positive where the groups differ.
        case seedBaselineDifference(groupA: String, groupB: String)
    }

    public init(metric: Metric, rowModel: String, colModel: String, rows: [String], cols: [String],
                values: [[CellValue?]], sampleCount: Int, reduce: String, options: MetricOptions) {
        precondition(values.count == rows.count && values.allSatisfy { $0.count == cols.count },
                     "values must be \(rows.count)×\(cols.count)")
        self.metric = metric
        self.rowModel = rowModel
        self.colModel = colModel
        self.rows = rows
        self.cols = cols
        self.values = values
        self.sampleCount = sampleCount
        self.reduce = reduce
        self.options = options
    }

    /// The number in cell (i, j), or `nil` when undefined or not computed.
    public func number(_ i: Int, _ j: Int) -> Double? { values[i][j]?.number }

    /// The sub-table of `rowRange` × `colRange`.
    public func slice(rows rowRange: Range<Int>, cols colRange: Range<Int>) -> GridTable {
        GridTable(metric: metric, rowModel: rowModel, colModel: colModel,
                  rows: Array(rows[rowRange]), cols: Array(cols[colRange]),
                  values: values[rowRange].map { Array($0[colRange]) },
                  sampleCount: sampleCount, reduce: reduce, options: options)
            .with(quantity: quantity)
    }

    /// The same table with `quantity` set.
    public func with(quantity: Quantity) -> GridTable {
        var t = self
        t.quantity = quantity
        return t
    }
}
