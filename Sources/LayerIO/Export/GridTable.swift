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
    /// The order of the rows and columns when it is not the models' layer order, e.g.
    /// `clustered (average linkage on 1 - s; …)`: the explorer's clustered view exports its
    /// order and says so here (CSV: the header's first field; JSON: `order`; figures: the
    /// title). `nil`: network order.
    public var order: String? = nil

    /// What a table's values measure.
    public enum Quantity: Sendable, Equatable {
        /// The metric's value for each layer pair.
        case measure
        /// A seed baseline: the values are its within − across difference of the metric
        /// between two groups of models (sign-flipped for a distance), positive where the
        /// groups differ; the rest of its numbers are in `SeedBaselineCells`.
        case seedBaseline(SeedBaselineCells)
        /// A difference of two grids (two metrics on one model pair, or two pairs under one
        /// metric): the values are minuend − subtrahend, both named in `DifferenceCells`.
        case difference(DifferenceCells)
    }

    /// The seed baseline's numbers beside the difference, over the same rows × cols, and what
    /// they were computed from: the two groups (`rowModel` and `colModel` are their names).
    public struct SeedBaselineCells: Sendable, Hashable {
        /// The two groups' names and the models in each, in the order given.
        public var groupNames: [String]
        public var members: [[String]]
        /// Mean similarity of distinct models within a group, and across the groups; the
        /// one-sided permutation p-value of the difference. `nil` where undefined.
        public var within: [[Double?]]
        public var across: [[Double?]]
        public var pValues: [[Double?]]
        /// How many labellings the p-values come from, and whether that was every one.
        public var labellings: Int
        public var exhaustive: Bool
        /// The level the figures mark: p ≤ alpha.
        public var alpha: Double

        public init(groupNames: [String], members: [[String]], within: [[Double?]], across: [[Double?]],
                    pValues: [[Double?]], labellings: Int, exhaustive: Bool, alpha: Double = 0.05) {
            self.groupNames = groupNames
            self.members = members
            self.within = within
            self.across = across
            self.pValues = pValues
            self.labellings = labellings
            self.exhaustive = exhaustive
            self.alpha = alpha
        }

        /// The smallest p-value the test could give: 1/labellings, or 2/labellings when every
        /// labelling was used and the groups are the same size (swapping the groups' names
        /// gives the observed split again). Above `alpha`, no cell can be marked.
        public var smallestP: Double {
            let ties = exhaustive && members.count == 2 && members[0].count == members[1].count ? 2.0 : 1.0
            return ties / Double(max(1, labellings))
        }

        /// Whether cell (i, j)'s p-value is at most `alpha`.
        public func isSignificant(_ i: Int, _ j: Int) -> Bool { (pValues[i][j] ?? 1) <= alpha }

        /// The same numbers over `rows` × `cols`.
        func slice(rows: Range<Int>, cols: Range<Int>) -> SeedBaselineCells {
            func cut(_ m: [[Double?]]) -> [[Double?]] { m[rows].map { Array($0[cols]) } }
            var s = self
            s.within = cut(within); s.across = cut(across); s.pValues = cut(pValues)
            return s
        }
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
        var t = GridTable(metric: metric, rowModel: rowModel, colModel: colModel,
                  rows: Array(rows[rowRange]), cols: Array(cols[colRange]),
                  values: values[rowRange].map { Array($0[colRange]) },
                  sampleCount: sampleCount, reduce: reduce, options: options)
            .with(quantity: {
                if case .seedBaseline(let cells) = quantity { return .seedBaseline(cells.slice(rows: rowRange, cols: colRange)) }
                if case .difference(let cells) = quantity { return .difference(cells.slice(rows: rowRange, cols: colRange)) }
                return quantity
            }())
            .with(estimator: estimator)
        t.order = order
        return t
    }

    /// The same table with `estimator` set.
    func with(estimator: String) -> GridTable {
        var t = self
        t.estimator = estimator
        return t
    }

    /// The seed baseline's numbers, when the table is one.
    public var seedBaseline: SeedBaselineCells? {
        if case .seedBaseline(let cells) = quantity { return cells }
        return nil
    }

    /// The same table with `quantity` set.
    public func with(quantity: Quantity) -> GridTable {
        var t = self
        t.quantity = quantity
        return t
    }
}
