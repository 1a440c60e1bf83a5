import Similarity

/// Everything the explorer shows, as one value. Only `update` changes it; `render` reads
/// it. Nothing in it is a reference to the terminal or the engine.
public struct AppState: Sendable {
    public let session: Session
    /// The terminal's size.
    public internal(set) var size: TerminalSize
    /// Index into `session.pairs` of the model pair shown.
    public internal(set) var pairIndex: Int
    /// Index into `session.metrics` of the metric shown.
    public internal(set) var metricIndex: Int
    /// Every outcome known so far, per grid.
    public internal(set) var grids: [GridKey: GridValues] = [:]
    /// The background job of each grid the UI asked for.
    public internal(set) var jobs: [GridKey: JobStatus] = [:]
    /// The cursor cell.
    public internal(set) var cursor: GridPosition = .zero
    /// The top-left cell of the viewport.
    public internal(set) var scroll: GridPosition = .zero
    public internal(set) var zoom: Zoom = .normal
    /// Whether each row's best match is marked.
    public internal(set) var showBestMatch = false
    /// The fixed corner of the rectangle selection (the cursor is the other), if any.
    public internal(set) var selectionAnchor: GridPosition?
    /// The screen shown: the model pair's grid, or (only with `session.baseline`) the seed
    /// baseline, whose rows and columns are the groups' shared layers.
    public internal(set) var screen: Screen = .grid
    /// What covers the screen (help, prompt, details panel, quit question), if anything: at
    /// most one on top, which gets the keys.
    public internal(set) var overlay: Overlay?
    /// What is known of each metric's seed baseline.
    public internal(set) var baselines: [Metric: BaselineStatus] = [:]
    /// The last search, kept for n/N (not a mode: overlays come and go over it).
    public internal(set) var search: SearchState?
    /// The transient status line.
    public internal(set) var message: StatusMessage?
    /// Exports asked for and not yet answered: the rectangle each writes, by path.
    public internal(set) var pendingExports: [String: GridRect] = [:]
    /// The latest tick time, seconds.
    public internal(set) var now: Double = 0
    /// Set once `quit` was emitted.
    public internal(set) var hasQuit = false

    /// The state at start-up: the first pair and metric, cached cells loaded.
    public init(session: Session, size: TerminalSize) {
        self.session = session
        self.size = size
        self.pairIndex = session.initialPairIndex
        self.metricIndex = 0
        for (key, outcome) in session.cachedCells { store(outcome, at: key) }
    }

    // MARK: What is shown

    /// The model pair shown.
    public var pair: ModelPair { session.pairs[pairIndex] }
    /// The metric shown.
    public var metric: Metric { session.metrics[metricIndex] }
    /// The grid shown.
    public var gridKey: GridKey { GridKey(metric: metric, rowModel: pair.rowModel, colModel: pair.colModel) }
    public var rowModel: Session.Model { session.models[pair.rowModel] }
    public var colModel: Session.Model { session.models[pair.colModel] }
    /// The layers on the rows and columns: the pair's, or in the baseline view the groups'
    /// shared layers (taken from each group's first model: same names, and their shapes).
    public var rowLayers: [Session.Layer] { baselineModels?.a.layers ?? rowModel.layers }
    public var colLayers: [Session.Layer] { baselineModels?.b.layers ?? colModel.layers }
    public var rowCount: Int { rowLayers.count }
    public var colCount: Int { colLayers.count }
    /// The row and column layers' names as the axes show them (from the session's cache).
    public var rowAxisNames: AxisNames { session.axisNames[baselineMemberIndices?.a ?? pair.rowModel] }
    public var colAxisNames: AxisNames { session.axisNames[baselineMemberIndices?.b ?? pair.colModel] }

    /// The first model of each group while the baseline view is shown.
    var baselineModels: (a: Session.Model, b: Session.Model)? {
        baselineMemberIndices.map { (session.models[$0.a], session.models[$0.b]) }
    }

    /// The indices of the first model of each group while the baseline view is shown.
    var baselineMemberIndices: (a: Int, b: Int)? {
        guard screen == .baseline, let b = session.baseline else { return nil }
        return (b.members[0][0], b.members[1][0])
    }

    /// The shown metric's baseline status, if it was ever asked for or arrived.
    public var baselineStatus: BaselineStatus? { baselines[metric] }

    /// The values of the grid shown (empty when nothing is known yet).
    public var values: GridValues { values(for: gridKey) }

    /// The values of any grid.
    public func values(for key: GridKey) -> GridValues { grids[key] ?? emptyValues(key) }

    /// The cell key of a position in the grid shown.
    public func cellKey(_ p: GridPosition) -> CellKey { CellKey(grid: gridKey, row: p.row, col: p.col) }

    /// The selected rectangle, if a selection is active.
    public var selection: GridRect? { selectionAnchor.map { GridRect(corner: $0, cursor) } }

    /// The layout at the current size.
    public var layout: Layout { Layout(self) }

    /// The visible rows and columns of the grid, clipped to its size.
    public var visibleRows: Range<Int> {
        let l = layout
        return scroll.row..<min(rowCount, scroll.row + l.visibleRowCapacity)
    }
    public var visibleCols: Range<Int> {
        let l = layout
        return scroll.col..<min(colCount, scroll.col + l.visibleColCapacity)
    }

    /// Where the user is looking, for the engine's priorities.
    public var focus: Focus {
        Focus(row: cursor.row, col: cursor.col, visibleRows: visibleRows, visibleCols: visibleCols)
    }

    /// Which key context applies now (for key look-up and the hint line): the overlay's on
    /// top, else the screen's (both screens use the grid's keys).
    public var keyContext: KeyContext { overlay?.keyContext ?? .grid }

    /// The glyph set for the terminal.
    public var glyphs: Glyphs { Glyphs.forUnicode(session.supportsUnicode) }

    // MARK: Storing outcomes

    /// Stores an outcome, and for a symmetric metric also its transpose: at (col, row) of the
    /// grid with the models swapped (the same grid for a model against itself). A mirrored
    /// value never overwrites one computed directly.
    mutating func store(_ outcome: PairOutcome, at key: CellKey) {
        let models = session.models.indices
        guard models.contains(key.grid.rowModel), models.contains(key.grid.colModel) else { return }
        // Mutating through the dictionary's subscript updates the grid in place (no copy of
        // its table per cell).
        if grids[key.grid] == nil { grids[key.grid] = emptyValues(key.grid) }
        grids[key.grid]?.set(outcome, row: key.row, col: key.col)
        guard key.grid.metric.isSymmetric else { return }
        let mirrorKey = GridKey(metric: key.grid.metric, rowModel: key.grid.colModel, colModel: key.grid.rowModel)
        if grids[mirrorKey] == nil { grids[mirrorKey] = emptyValues(mirrorKey) }
        grids[mirrorKey]?.set(outcome.transposed, row: key.col, col: key.row, onlyIfEmpty: true)
    }

    /// A grid with nothing known yet.
    func emptyValues(_ key: GridKey) -> GridValues {
        let d = session.dimensions(key)
        return GridValues(rows: d.rows, cols: d.cols)
    }
}
