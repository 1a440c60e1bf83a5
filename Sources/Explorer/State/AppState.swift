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
    /// The grids with cells that have not gone to the disk cache yet: quitting saves these
    /// only, so that quitting after the overview (169 grids, each written with an fsync)
    /// does not rewrite every grid the session has seen.
    public internal(set) var unsavedGrids: Set<GridKey> = []
    /// The background job of each grid the UI asked for.
    public internal(set) var jobs: [GridKey: JobStatus] = [:]
    /// The cursor cell.
    public internal(set) var cursor: GridPosition = .zero
    /// The top-left cell of the viewport.
    public internal(set) var scroll: GridPosition = .zero
    public internal(set) var zoom: Zoom = .normal
    /// Whether each row's best match is marked.
    public internal(set) var showBestMatch = false
    /// Which values the grid's colour scale spans (`s` cycles).
    public internal(set) var colorRange: ColorRange = .full
    /// How many decimals the values zoom writes (`d` cycles).
    public internal(set) var precision: CellPrecision = .three
    /// How wide the row labels may be (`w` toggles).
    public internal(set) var labelWidth: LabelWidth = .fit
    /// The layer filter of the grid screen (`f`), if any: which rows and columns are shown.
    /// The cursor, the viewport and the selection anchor count shown rows and columns.
    public internal(set) var filter: LayerFilter?
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
    /// The difference view of the grid screen (`D`), if shown: the grid minus another
    /// metric's or pair's (`Difference/`). Only on the grid screen; keys that change the pair
    /// or the metric leave it.
    public internal(set) var difference: DifferenceView?
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
    /// The clustered order of rows and columns (`C`): whether it is on, and the order made.
    public internal(set) var clustering = ClusterState()
    /// The overview of every model pair (`o`), when it is open: it covers the screen.
    public internal(set) var overview: OverviewState?

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
    public var pair: ModelPair { session.pair(at: pairIndex) }
    /// The metric shown.
    public var metric: Metric { session.metrics[metricIndex] }
    /// The grid shown.
    public var gridKey: GridKey { GridKey(metric: metric, rowModel: pair.rowModel, colModel: pair.colModel) }
    public var rowModel: Session.Model { session.models[pair.rowModel] }
    public var colModel: Session.Model { session.models[pair.colModel] }
    /// Every layer on the rows and columns: the pair's, or in the baseline view the groups'
    /// shared layers (taken from each group's first model: same names, and their shapes).
    /// Indexed by real layer index.
    public var allRowLayers: [Session.Layer] { baselineModels?.a.layers ?? rowModel.layers }
    public var allColLayers: [Session.Layer] { baselineModels?.b.layers ?? colModel.layers }
    /// The layers shown on the rows and columns, in order: all of them, or those the layer
    /// filter keeps. Indexed by shown position, like the cursor.
    public var rowLayers: [Session.Layer] {
        let all = allRowLayers
        return shownRows.map { $0.map { all[$0] } } ?? all
    }
    public var colLayers: [Session.Layer] {
        let all = allColLayers
        return shownCols.map { $0.map { all[$0] } } ?? all
    }
    /// How many rows and columns are shown (the cursor's bounds).
    public var rowCount: Int { shownRows?.count ?? allRowLayers.count }
    public var colCount: Int { shownCols?.count ?? allColLayers.count }
    /// The shown layers' names as the axes show them (from the session's cache, or the
    /// filter's).
    public var rowAxisNames: AxisNames {
        if let c = activeClusterOrder { return c.rowNames }
        if let f = activeFilter { return f.rowNames }
        return session.axisNames[baselineMemberIndices?.a ?? pair.rowModel]
    }
    public var colAxisNames: AxisNames {
        if let c = activeClusterOrder { return c.colNames }
        if let f = activeFilter { return f.colNames }
        return session.axisNames[baselineMemberIndices?.b ?? pair.colModel]
    }

    // MARK: Shown positions and real layers

    /// The layer filter in force: the grid screen's (the baseline view shows every shared
    /// layer).
    public var activeFilter: LayerFilter? { screen == .grid ? filter : nil }
    /// The real indices of the shown rows and columns, or `nil` when every layer is shown in
    /// network order: the clustered order (`C`) of the shown layers, else the filter's.
    var shownRows: [Int]? { activeClusterOrder?.rows ?? activeFilter?.rows }
    var shownCols: [Int]? { activeClusterOrder?.cols ?? activeFilter?.cols }

    /// The real layer index of shown row `r` (itself without a filter).
    public func realRow(_ r: Int) -> Int {
        guard let rows = shownRows, rows.indices.contains(r) else { return r }
        return rows[r]
    }
    /// The real layer index of shown column `c`.
    public func realCol(_ c: Int) -> Int {
        guard let cols = shownCols, cols.indices.contains(c) else { return c }
        return cols[c]
    }
    /// The real cell of a shown position.
    public func realPosition(_ p: GridPosition) -> GridPosition { GridPosition(row: realRow(p.row), col: realCol(p.col)) }

    /// The shown position of real row `r`: its own, or the nearest shown row at or after it
    /// (the last when none is), for keeping the cursor on its layer when the filter changes.
    func shownRow(ofReal r: Int) -> Int {
        guard let rows = shownRows else { return r }
        return rows.firstIndex(of: r) ?? rows.firstIndex { $0 >= r } ?? rows.count - 1
    }
    func shownCol(ofReal c: Int) -> Int {
        guard let cols = shownCols else { return c }
        return cols.firstIndex(of: c) ?? cols.firstIndex { $0 >= c } ?? cols.count - 1
    }

    /// The real indices spanned by a range of shown rows or columns (lowest to highest).
    func realSpan(_ shown: Range<Int>, _ real: (Int) -> Int) -> Range<Int> {
        guard !shown.isEmpty else { return shown }
        guard activeClusterOrder != nil else { return real(shown.lowerBound)..<(real(shown.upperBound - 1) + 1) }
        // The clustered order is not ascending: the lowest to the highest of them.
        let reals = shown.map(real)
        return reals.min()!..<(reals.max()! + 1)
    }

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

    /// The cell key of a shown position in the grid shown: its real layers.
    public func cellKey(_ p: GridPosition) -> CellKey {
        let r = realPosition(p)
        return CellKey(grid: gridKey, row: r.row, col: r.col)
    }

    /// The selected rectangle in real layer indices (what an export writes), if a selection
    /// is active: from the lowest to the highest real layer of its shown rows and columns.
    /// Under a layer filter it may span hidden layers; exports and `y` write only the shown
    /// ones (`selectedShownLayers`).
    public var selection: GridRect? {
        shownSelection.map { GridRect(rows: realSpan($0.rows, realRow), cols: realSpan($0.cols, realCol)) }
    }

    /// The selected rectangle in shown positions (what the heatmap marks), if any.
    public var shownSelection: GridRect? { selectionAnchor.map { GridRect(corner: $0, cursor) } }

    /// The colour range in use for the grid shown: `colorRange` resolved against the
    /// metric's range and the grid's known values. - Complexity: O(1).
    public var colorRangeInUse: ClosedRange<Double> {
        colorRange.resolve(full: metric.displayRange, sorted: values.sortedValues)
    }

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
    /// In real layer indices: under a filter, the span of the visible shown layers.
    public var focus: Focus {
        let p = realPosition(cursor)
        return Focus(row: p.row, col: p.col, visibleRows: realSpan(visibleRows, realRow), visibleCols: realSpan(visibleCols, realCol))
    }

    /// Which key context applies now (for key look-up and the hint line): the overlay's on
    /// top, else the screen's (both screens use the grid's keys).
    public var keyContext: KeyContext { overlay?.keyContext ?? (overview != nil ? .overview : .grid) }

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
        unsavedGrids.insert(key.grid)
        guard key.grid.metric.isSymmetric else { return }
        let mirrorKey = GridKey(metric: key.grid.metric, rowModel: key.grid.colModel, colModel: key.grid.rowModel)
        if grids[mirrorKey] == nil { grids[mirrorKey] = emptyValues(mirrorKey) }
        grids[mirrorKey]?.set(outcome.transposed, row: key.col, col: key.row, onlyIfEmpty: true)
        unsavedGrids.insert(mirrorKey)
    }

    /// A grid with nothing known yet.
    func emptyValues(_ key: GridKey) -> GridValues {
        let d = session.dimensions(key)
        return GridValues(rows: d.rows, cols: d.cols)
    }
}
