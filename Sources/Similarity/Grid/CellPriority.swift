/// The order in which a background grid job computes cells: the cursor cell and its
/// neighbours first, then the visible viewport, then the rest, each band nearest-first.
public enum CellPriority {
    /// How far around the cursor counts as "around the cursor" (Chebyshev distance).
    public static let neighbourhood = 1

    /// A sort key for cell (row, col): smaller computes sooner.
    public static func key(row: Int, col: Int, focus: Focus) -> Int {
        let dr = abs(row - focus.row), dc = abs(col - focus.col)
        let distance = max(dr, dc) * 4096 + min(dr, dc)
        let band: Int
        if max(dr, dc) <= neighbourhood {
            band = 0
        } else if focus.visibleRows.contains(row) && focus.visibleCols.contains(col) {
            band = 1
        } else {
            band = 2
        }
        return band << 40 | distance
    }

    /// `cells` sorted by priority for `focus`.
    /// - Complexity: O(c log c) for c cells.
    public static func ordered(_ cells: [GridPosition], focus: Focus) -> [GridPosition] {
        cells.map { ($0, key(row: $0.row, col: $0.col, focus: focus)) }
            .sorted { $0.1 < $1.1 || ($0.1 == $1.1 && ($0.0.row, $0.0.col) < ($1.0.row, $1.0.col)) }
            .map(\.0)
    }
}

/// A cell of a grid by row (a layer of the row model) and column (a layer of the column
/// model), both 0-based.
public struct GridPosition: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var col: Int
    public init(row: Int, col: Int) {
        self.row = row
        self.col = col
    }
    public static let zero = GridPosition(row: 0, col: 0)
    public var description: String { "(\(row), \(col))" }
}
