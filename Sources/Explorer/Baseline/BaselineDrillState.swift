import Similarity

/// The drill-down panel of one baseline cell: which layer pair under which metric, and how
/// far the panel is scrolled. Everything it shows is already in the baseline's result, so
/// opening it asks the engine for nothing.
public struct BaselineDrillState: Sendable, Equatable {
    public let metric: Metric
    public let row: Int
    public let col: Int
    /// The first panel line shown.
    public var scroll: Int = 0

    public init(metric: Metric, row: Int, col: Int) {
        self.metric = metric
        self.row = row
        self.col = col
    }

    public var position: GridPosition { GridPosition(row: row, col: col) }
}
