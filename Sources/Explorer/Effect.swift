import Similarity

/// Work `update` asks for, as plain data. The loop performs `clearScreen` and `quit`
/// itself and hands every effect to the app's `EffectPerformer`, which starts and cancels
/// engine jobs and writes exports; results come back through the `MessageInbox`.
public enum Effect: Sendable, Equatable {
    /// Compute every cell of a grid not yet known, those near `Focus` first. A grid that is
    /// switched away from while running is cancelled first (`cancelGrid`).
    case computeGrid(GridKey, Focus)
    /// The cursor or viewport of a running grid moved: reorder the remaining cells.
    case updateFocus(GridKey, Focus)
    /// Stop the grid's job; the engine answers with `EngineEvent.cancelled`.
    case cancelGrid(GridKey)
    /// Compute the drill-down parts of one cell (answers are `EngineEvent.drill`).
    case startDrill(CellKey)
    /// The drill-down panel of this cell was closed: stop its work.
    case cancelDrill(CellKey)
    /// Write cells of a grid to a file; answer with `Msg.exportFinished`.
    case export(ExportRequest)
    /// Clear the physical screen and draw everything again (Ctrl-L).
    case clearScreen
    /// End the program.
    case quit
}

/// What to export and where.
public struct ExportRequest: Sendable, Equatable, Hashable {
    /// The file to write, as the user typed it (relative to the working directory).
    public var path: String
    /// The format, from the path's extension.
    public var format: ExportFormat
    /// The grid the cells come from.
    public var grid: GridKey
    /// The row and column layers to write (the selection, or the whole grid), half-open.
    public var rows: Range<Int>
    public var cols: Range<Int>

    public init(path: String, format: ExportFormat, grid: GridKey, rows: Range<Int>, cols: Range<Int>) {
        self.path = path; self.format = format; self.grid = grid; self.rows = rows; self.cols = cols
    }
}

/// The export formats, named by their file extension.
public enum ExportFormat: String, Sendable, Equatable, Hashable, CaseIterable {
    case csv, json, npy, svg, png

    /// The format a path's extension names (case-insensitive), or `nil`.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// ".csv, .json, .npy, .svg or .png".
    public static var listed: String {
        let names = allCases.map { "." + $0.rawValue }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
