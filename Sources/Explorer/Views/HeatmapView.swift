import Similarity

/// The heatmap: the axes (`HeatmapAxes`), and one coloured block per visible cell.
///
/// A cell is `Layout.cellWidth` columns: the value's colour as background (with shade
/// glyphs in monochrome), the value's digits in the `values` zoom, `·` while not computed,
/// `×` when undefined, `*` on the row's best match, brackets (or reverse video) on the
/// cursor, and a hatch (or underline in monochrome) on selected cells.
enum HeatmapView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let glyphs = state.glyphs
        let values = state.values
        let rows = state.visibleRows, cols = state.visibleCols
        let selection = state.selection
        let painter = CellPainter(metric: state.metric, mode: state.session.colorMode, glyphs: glyphs,
                                  width: layout.cellWidth)
        let sameModel = state.pair.rowModel == state.pair.colModel

        HeatmapAxes.draw(state, layout, rows: rows, cols: cols, into: &buffer)
        for r in rows {
            let y = layout.cellY(row: r, top: state.scroll.row)
            let best = state.showBestMatch
                ? values.bestColumn(inRow: r, orientation: state.metric.orientation, skipping: sameModel ? r : nil)
                : nil
            for c in cols {
                let p = GridPosition(row: r, col: c)
                let cells = painter.cells(values[r, c], isCursor: p == state.cursor,
                                          isSelected: selection?.contains(p) ?? false, isBest: best == c)
                let x = layout.cellX(col: c, left: state.scroll.col)
                for (i, cell) in cells.enumerated() { buffer[x + i, y] = cell }
            }
        }
    }
}
