import Similarity

/// The heatmap: the axes (`HeatmapAxes`), and one coloured block per visible cell.
///
/// A cell is `Layout.cellWidth` columns: the value's colour as background (with shade
/// glyphs in monochrome), the value's digits in the `values` zoom, `·` while not computed,
/// `×` when undefined, `*` on the row's best match, brackets (or reverse video) on the
/// cursor, and a hatch (or underline in monochrome) on selected cells. Under a layer filter
/// the shown rows and columns are read at their real layers; a row's best match is the best
/// of all its columns, marked when that column is shown.
enum HeatmapView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let glyphs = state.glyphs
        let values = state.values
        let rows = state.visibleRows, cols = state.visibleCols
        let selection = state.shownSelection
        let painter = CellPainter(metric: state.metric, range: state.colorRangeInUse, decimals: state.precision.decimals,
                                  mode: state.session.colorMode, glyphs: glyphs, width: layout.cellWidth)
        let sameModel = state.pair.rowModel == state.pair.colModel

        HeatmapAxes.draw(state, layout, rows: rows, cols: cols, into: &buffer)
        // Rows and columns are shown positions; the values are read at their real layers.
        let realCols = cols.map(state.realCol)
        for r in rows {
            let y = layout.cellY(row: r, top: state.scroll.row)
            let rr = state.realRow(r)
            let best = state.showBestMatch
                ? values.bestColumn(inRow: rr, orientation: state.metric.orientation, skipping: sameModel ? rr : nil)
                : nil
            for (c, rc) in zip(cols, realCols) {
                let p = GridPosition(row: r, col: c)
                let cells = painter.cells(values[rr, rc], isCursor: p == state.cursor,
                                          isSelected: selection?.contains(p) ?? false, isBest: best == rc)
                let x = layout.cellX(col: c, left: state.scroll.col)
                for (i, cell) in cells.enumerated() { buffer[x + i, y] = cell }
            }
        }
    }
}
