import Similarity

/// The seed-baseline heatmap: the groups' shared layers on both axes, each cell the
/// difference (within − across, sign-flipped for a distance) on the diverging scale over
/// ±`BaselineResult.limit`, white at 0, red where the groups differ. A cell with p ≤ 0.05
/// carries `*`. Until the result arrives every cell is pending (`·`); after a failure the
/// body says why.
///
/// Row labels, the column header, the cursor, the selection and the zoom levels are the
/// grid view's.
enum BaselineView {
    /// Why a difference is missing, for the undefined mark and the status line.
    static let undefinedReason = "no defined model pair within or across the groups"

    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let glyphs = state.glyphs
        let rows = state.visibleRows, cols = state.visibleCols
        let selection = state.selection
        let result = state.baselineStatus?.result
        let painter = CellPainter(scale: .diverging, range: result?.range ?? -BaselineResult.minimumLimit...BaselineResult.minimumLimit,
                                  signed: true, mode: state.session.colorMode, glyphs: glyphs, width: layout.cellWidth)

        HeatmapAxes.draw(state, layout, rows: rows, cols: cols, into: &buffer)
        if let error = state.baselineStatus?.error {
            drawFailure(error, state, layout, into: &buffer)
            return
        }
        for r in rows {
            let y = layout.cellY(row: r, top: state.scroll.row)
            for c in cols {
                let p = GridPosition(row: r, col: c)
                var value: CellValue?
                var mark: Character?
                if let cell = result?.cell(r, c) {
                    value = cell.difference.map(CellValue.value) ?? .undefined(reason: undefinedReason)
                    if cell.difference != nil && cell.isSignificant { mark = glyphs.significant }
                }
                let cells = painter.cells(value, isCursor: p == state.cursor,
                                          isSelected: selection?.contains(p) ?? false, mark: mark)
                let x = layout.cellX(col: c, left: state.scroll.col)
                for (i, cell) in cells.enumerated() { buffer[x + i, y] = cell }
            }
        }
    }

    /// The failure's reason and what to do, where the cells would be.
    static func drawFailure(_ error: SimilarityError, _ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let theme = Theme(state.session.colorMode)
        let room = max(1, layout.width - layout.gridX - 1)
        var lines = TextFit.wrap("the seed baseline could not be computed: \(error.description)", to: room).map { ($0, theme.error) }
        lines.append(("r tries again", theme.dim))
        for (i, line) in lines.enumerated() where layout.gridY + i < layout.bodyBottom {
            buffer.put(line.0, x: layout.gridX, y: layout.gridY + i, style: line.1, maxWidth: room)
        }
    }
}
