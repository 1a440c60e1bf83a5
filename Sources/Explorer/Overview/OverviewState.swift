import Similarity

/// The overview of every model pair (`o`): one thumbnail per ordered pair, laid out as a
/// matrix (tile row = the row model, tile column = the column model), under the metric shown.
///
/// Tile (a, b) is the grid of pair (a, b) as the grid screen shows it after Enter: rows are
/// model a's layers, columns model b's, in layer order (the clustered order is the grid
/// screen's); under a layer filter, the layers its pattern keeps in each model (`kept`), as
/// the grid screen applies the pattern to every pair. `t` on the grid screen is the tile
/// mirrored across the overview's diagonal, (b, a).
///
/// The overview asks the engine for one grid at a time (`computing`), the selected tile's
/// first, then the visible tiles nearest to it, then the rest; each grid is asked for at most
/// once per opening (`asked`), unless it was cancelled to make way for visible tiles.
public struct OverviewState: Sendable, Equatable {
    /// The selected tile.
    public internal(set) var selected: ModelPair
    /// The top-left tile of the viewport (row model, column model).
    public internal(set) var scroll: ModelPair
    /// The grid the overview asked for and is waiting on, if any.
    public internal(set) var computing: GridKey?
    /// The grids asked for since the overview was opened.
    var asked: Set<GridKey> = []
    /// The layer filter's pattern when the overview was opened, and per model the layer
    /// indices it keeps (ascending; empty when it keeps none). `nil`: every layer.
    public let pattern: String?
    public let kept: [[Int]]?

    init(selected: ModelPair, models: [Session.Model], pattern: String?) {
        self.selected = selected
        self.scroll = ModelPair(rowModel: 0, colModel: 0)
        self.pattern = pattern
        self.kept = pattern.map { p in models.map { m in m.layers.indices.filter { LayerFilter.matches(m.layers[$0].name, p) } } }
    }

    /// The layers tile (a, b) shows: rows of model a, columns of model b (real indices).
    public func shownLayers(_ pair: ModelPair, _ session: Session) -> (rows: [Int], cols: [Int]) {
        if let kept { return (kept[pair.rowModel], kept[pair.colModel]) }
        return (Array(session.models[pair.rowModel].layers.indices), Array(session.models[pair.colModel].layers.indices))
    }

    /// Every pair in the order the overview computes them: the selected tile, then the
    /// visible tiles, then the others, each group by (Chebyshev) distance to the selected
    /// tile, ties in row-major order.
    func priority(models n: Int, visible: (rows: Range<Int>, cols: Range<Int>)) -> [ModelPair] {
        let s = selected
        func rank(_ p: ModelPair) -> (Int, Int, Int, Int) {
            let seen = visible.rows.contains(p.rowModel) && visible.cols.contains(p.colModel)
            let d = max(abs(p.rowModel - s.rowModel), abs(p.colModel - s.colModel))
            return (seen ? 0 : 1, d, p.rowModel, p.colModel)
        }
        let all = (0..<n).flatMap { a in (0..<n).map { ModelPair(rowModel: a, colModel: $0) } }
        return all.sorted { rank($0) < rank($1) }
    }
}
