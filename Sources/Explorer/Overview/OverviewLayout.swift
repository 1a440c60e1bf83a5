/// Where the overview's tiles go: a header line under the title, then tiles of a title line
/// (the two models), the thumbnail (`innerHeight` lines of `innerWidth` columns, two grid
/// rows per line with half blocks), a line of numbers, and one blank line and column apart.
struct OverviewLayout: Equatable {
    let innerWidth: Int
    let innerHeight: Int
    let headerY: Int
    let top: Int
    let visibleTileRows: Int
    let visibleTileCols: Int
    var tileWidth: Int { innerWidth + 1 }
    var tileHeight: Int { innerHeight + 3 }

    init(_ state: AppState) {
        let l = state.layout
        innerWidth = l.width >= 51 ? 16 : 8
        headerY = l.bodyTop
        top = l.bodyTop + 1
        let room = max(0, l.legendY - top)
        innerHeight = max(1, min(innerWidth / 2, room - 2))
        visibleTileRows = max(1, (room + 1) / (innerHeight + 3))
        visibleTileCols = max(1, (l.width + 1) / (innerWidth + 1))
    }

    /// The tile rows and columns in view from `scroll`, clipped to `n` models.
    func visible(_ scroll: ModelPair, models n: Int) -> (rows: Range<Int>, cols: Range<Int>) {
        (scroll.rowModel..<min(n, scroll.rowModel + visibleTileRows), scroll.colModel..<min(n, scroll.colModel + visibleTileCols))
    }
}
