import LayerIO
import Similarity

/// Work `update` asks for, as plain data. The loop performs `clearScreen` and `quit`
/// itself and hands every effect to the app's `EffectPerformer`, which starts and cancels
/// engine jobs and writes exports; results come back through the `MessageInbox`.
public enum Effect: Sendable, Equatable {
    /// Compute every cell of a grid not yet known, those near `Focus` first. A grid that is
    /// switched away from while running is cancelled first (`cancelGrid`). `known` lists the
    /// cells the UI already has (computed, mirrored from the transposed grid, or cached): the
    /// job skips them, so the UI's `grids` stay the only copy of every result.
    case computeGrid(GridKey, Focus, known: Set<GridPosition> = [])
    /// The cursor or viewport of a running grid moved: reorder the remaining cells.
    case updateFocus(GridKey, Focus)
    /// Stop the grid's job; the engine answers with `EngineEvent.cancelled`.
    case cancelGrid(GridKey)
    /// Compute the drill-down parts of one cell (answers are `EngineEvent.drill`).
    case startDrill(CellKey)
    /// The drill-down panel of this cell was closed: stop its work.
    case cancelDrill(CellKey)
    /// Compute the seed baseline (`SeedBaseline`) of the session's two groups under a metric;
    /// the engine reports `EngineEvent.baselineProgress` and then `EngineEvent.baseline`.
    /// Emitted on entering the baseline view (or changing its metric) unless that metric's
    /// baseline is known or being computed.
    case computeBaseline(Metric)
    /// Stop computing a metric's baseline: the view was left, its metric changed, or `c`.
    /// A late `.baseline(metric, .failure(.cancelled))` answer is ignored.
    case cancelBaseline(Metric)
    /// Write cells of a grid (or of the baseline's difference) to a file; answer with
    /// `Msg.exportFinished`. The request carries the values it writes.
    case export(ExportRequest)
    /// Keep a grid's known cells in the on-disk cache (sent when its job finishes or is
    /// cancelled, and for every grid before `quit`). Carries the cells, `rows × cols`.
    case saveToCache(GridKey, GridValues)
    /// Put text on the clipboard (`y`): the loop hands the OSC 52 bytes to the terminal
    /// backend after the frame (`TerminalBackend.writeControlSequence`).
    case copyToClipboard(ClipboardCopy)
    /// Clear the physical screen and draw everything again (Ctrl-L).
    case clearScreen
    /// End the program.
    case quit
}

/// What to export and where.
public struct ExportRequest: Sendable, Equatable, Hashable {
    /// What the cells are.
    public enum Kind: Sendable, Equatable, Hashable {
        /// The outcomes of the grid `grid`.
        case grid
        /// The seed baseline's `difference` (within − across, sign-flipped for a distance)
        /// under `grid.metric`, over the groups' shared layers, with its other numbers in
        /// `ExportRequest.baseline`. `grid`'s models are the first model of each group.
        case baselineDifference
        /// The difference view's A − B (`grid` is A), both operands named and their values
        /// carried in `ExportRequest.difference`.
        case difference
    }

    /// The file to write, as the user typed it (relative to the working directory).
    public var path: String
    /// The format, from the path's extension.
    public var format: ExportFormat
    /// The grid the cells come from (for a baseline export: its metric, see `Kind`).
    public var grid: GridKey
    /// The real row and column layers to write, in order: the selection's, or the whole
    /// grid's; under a layer filter only the shown ones (so they need not be contiguous).
    public var rows: [Int]
    public var cols: [Int]
    /// What to write; `.grid` unless the export was asked for in the baseline view.
    public var kind: Kind
    /// The values to write, `rows.count × cols.count`, row-major over `rows` and `cols`:
    /// `nil` for a cell not computed yet. Taken from the state when the export was asked for.
    public var values: [[CellValue?]]
    /// For `.baselineDifference`: the groups (by name, with their models' names) and the
    /// baseline's within, across and p-values over the same rectangle, so the file carries
    /// every number the baseline view shows. `nil` for a grid.
    public var baseline: GridTable.SeedBaselineCells?
    /// For `.difference`: both operands, named, with their values over the same cells.
    public var difference: GridTable.DifferenceCells?
    /// How `rows` and `cols` were ordered when not ascending (the clustered view, `C`): it
    /// goes into the file (`GridTable.order`). `nil` for the layers' own order.
    public var order: String? = nil

    public init(path: String, format: ExportFormat, grid: GridKey, rows: [Int], cols: [Int],
                kind: Kind = .grid, values: [[CellValue?]], baseline: GridTable.SeedBaselineCells? = nil,
                difference: GridTable.DifferenceCells? = nil) {
        self.path = path; self.format = format; self.grid = grid; self.rows = rows; self.cols = cols
        self.kind = kind; self.values = values; self.baseline = baseline; self.difference = difference
    }

    /// A block of layers, `rows` × `cols`.
    public init(path: String, format: ExportFormat, grid: GridKey, rows: Range<Int>, cols: Range<Int>,
                kind: Kind = .grid, values: [[CellValue?]], baseline: GridTable.SeedBaselineCells? = nil) {
        self.init(path: path, format: format, grid: grid, rows: Array(rows), cols: Array(cols), kind: kind, values: values,
                  baseline: baseline)
    }
}
