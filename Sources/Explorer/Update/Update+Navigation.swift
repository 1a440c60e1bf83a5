import Similarity

/// Cursor, viewport and zoom, shared by both screens.
extension AppState {
    /// Moves the cursor by a number of rows and columns, clamped to the grid.
    mutating func moveCursor(rows dr: Int = 0, cols dc: Int = 0) {
        cursor.row += dr
        cursor.col += dc
        keepCursorInView()
    }

    mutating func moveCursor(toRow row: Int) {
        cursor.row = row
        keepCursorInView()
    }

    mutating func moveCursor(toCol col: Int) {
        cursor.col = col
        keepCursorInView()
    }

    /// PgUp / PgDn: the cursor and the viewport move by one screenful of rows.
    mutating func page(_ direction: Int) {
        let n = layout.visibleRowCapacity * direction
        scroll.row += n
        cursor.row += n
        keepCursorInView()
    }

    /// Clamps the cursor to the grid, then scrolls the least needed to show it, and never
    /// further than the grid's end allows (no empty space after the last row or column).
    mutating func keepCursorInView() {
        cursor.row = min(max(0, rowCount - 1), max(0, cursor.row))
        cursor.col = min(max(0, colCount - 1), max(0, cursor.col))
        let l = layout
        scroll.row = AppState.fit(scroll.row, cursor: cursor.row, visible: l.visibleRowCapacity, count: rowCount)
        scroll.col = AppState.fit(scroll.col, cursor: cursor.col, visible: l.visibleColCapacity, count: colCount)
        if let a = selectionAnchor {
            selectionAnchor = GridPosition(row: min(max(0, rowCount - 1), a.row), col: min(max(0, colCount - 1), a.col))
        }
    }

    /// The viewport start that shows `cursor` with the least movement from `start`.
    static func fit(_ start: Int, cursor: Int, visible: Int, count: Int) -> Int {
        var s = start
        if cursor < s { s = cursor }
        if cursor >= s + visible { s = cursor - visible + 1 }
        return min(max(0, count - visible), max(0, s))
    }

    /// Changes the cell width, keeping the cursor in view.
    mutating func setZoom(_ z: Zoom) {
        zoom = z
        keepCursorInView()
    }

    /// Keeps the panel's and the help screen's scroll inside their content (after a resize).
    mutating func clampPanelScrolls() {
        scrollPanel(by: 0)
        let overflow = HelpScreen.overflow(self)
        overlay?.updateHelp { $0.scroll = min($0.scroll, overflow) }
    }

    /// The grid cell under a screen position, if any (visible cells only).
    func cell(atScreenX x: Int, y: Int) -> GridPosition? {
        let l = layout
        let rows = visibleRows, cols = visibleCols
        guard x >= l.gridX, y >= l.gridY else { return nil }
        let r = scroll.row + (y - l.gridY), c = scroll.col + (x - l.gridX) / l.cellWidth
        return rows.contains(r) && cols.contains(c) ? GridPosition(row: r, col: c) : nil
    }
}
