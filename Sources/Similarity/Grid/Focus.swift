/// Where the user is looking, so background work can do those cells first: the cursor
/// cell, then the visible viewport, then the rest.
public struct Focus: Hashable, Sendable {
    public var row: Int
    public var col: Int
    public var visibleRows: Range<Int>
    public var visibleCols: Range<Int>

    public init(row: Int, col: Int, visibleRows: Range<Int>, visibleCols: Range<Int>) {
        self.row = row
        self.col = col
        self.visibleRows = visibleRows
        self.visibleCols = visibleCols
    }
}
