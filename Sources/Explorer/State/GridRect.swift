import Similarity

/// A rectangle of cells: the rows and columns it covers, half-open.
public struct GridRect: Hashable, Sendable {
    public var rows: Range<Int>
    public var cols: Range<Int>
    public init(rows: Range<Int>, cols: Range<Int>) {
        self.rows = rows; self.cols = cols
    }
    /// The rectangle spanned by two corners, both included.
    public init(corner a: GridPosition, _ b: GridPosition) {
        rows = min(a.row, b.row)..<(max(a.row, b.row) + 1)
        cols = min(a.col, b.col)..<(max(a.col, b.col) + 1)
    }
    public func contains(_ p: GridPosition) -> Bool { rows.contains(p.row) && cols.contains(p.col) }
    public var cellCount: Int { rows.count * cols.count }
}
