import Similarity

/// Identifies one grid in a session: a metric and the models on the two axes
/// (indices into the session's model list).
public struct GridKey: Hashable, Sendable, Codable {
    public var metric: Metric
    public var rowModel: Int
    public var colModel: Int

    public init(metric: Metric, rowModel: Int, colModel: Int) {
        self.metric = metric
        self.rowModel = rowModel
        self.colModel = colModel
    }
}

/// Identifies one cell: a grid and a (row layer, column layer) position in it.
public struct CellKey: Hashable, Sendable {
    public var grid: GridKey
    public var row: Int
    public var col: Int

    public init(grid: GridKey, row: Int, col: Int) {
        self.grid = grid
        self.row = row
        self.col = col
    }
}

/// What background work reports. Results reach the UI only as these messages; workers
/// never touch UI state.
public enum EngineEvent: Sendable {
    /// One cell of a grid is done.
    case cell(CellKey, PairOutcome)
    /// Progress of a grid job: cells done out of the total (including cells found in the
    /// disk cache).
    case progress(GridKey, done: Int, total: Int)
    /// A grid job ended with every cell delivered.
    case finished(GridKey)
    /// A grid job stopped at the user's request before it was done.
    case cancelled(GridKey)
    /// A detail for the drill-down panel of a cell.
    case drill(CellKey, DrillPart)
    /// Progress of the seed baseline for a metric: model-pair grids done out of the total.
    case baselineProgress(Metric, done: Int, total: Int)
    /// The seed baseline for a metric (see `SeedBaseline`), or why there is none.
    case baseline(Metric, Result<SeedBaseline, SimilarityError>)
}

/// One piece of the drill-down panel, delivered as it is computed.
public enum DrillPart: Sendable {
    /// Linear-kernel HSIC terms (biased and unbiased) for the pair, whatever the grid's metric,
    /// or why there are none (a layer holding NaN, …).
    case linearTerms(Result<CKAResult, SimilarityError>)
    /// Every available measure's outcome for the pair, in `Metric.allCases` order.
    case measures([MeasureRow])
    /// The permutation test and bootstrap interval for the grid's metric.
    case significance(Result<SignificanceSummary, SimilarityError>)
    /// The principal-component split of linear CKA's cross term, or why there is none.
    case decomposition(Result<CKADecomposition, SimilarityError>)
    /// Progress of the neuron matching, 0…1 (for wide layers).
    case matchingProgress(Double)
    /// The Hungarian neuron matching, or why there is none.
    case matching(Result<NeuronMatching, SimilarityError>)
    /// The rank and sparsity sweeps of direct matching, or why there are none.
    case sweeps(Result<MatchingSweeps, SimilarityError>)
}

/// One row of the drill-down's table of measures.
public struct MeasureRow: Sendable, Equatable {
    public let metric: Metric
    public let outcome: PairOutcome
    public init(metric: Metric, outcome: PairOutcome) {
        self.metric = metric
        self.outcome = outcome
    }
}
