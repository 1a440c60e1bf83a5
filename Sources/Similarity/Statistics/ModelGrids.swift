/// Every ordered pair of distinct models' layer×layer grids under one measure (computed by
/// the engine's `ModelGrids.init(models:measure:cache:…)` from one shared per-layer cache).
///
/// `grids[p][q]` is model p's layers (rows) against model q's layers (columns), `nil` on
/// the diagonal p == q. For a symmetric measure only p < q is computed and transposed.
public struct ModelGrids: Sendable {
    public let grids: [[[[CellValue]]?]]

    /// Wraps grids computed elsewhere (tests, merged runs).
    public init(grids: [[[[CellValue]]?]]) {
        self.grids = grids
    }

    public var modelCount: Int { grids.count }
}
