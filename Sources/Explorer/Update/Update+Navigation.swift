import Similarity

/// Cursor, viewport, zoom and mouse.
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

    /// Keeps the panels' scroll offsets inside their content (after a resize).
    mutating func clampPanelScrolls() {
        if hasPanel { scrollDrill(by: 0) }
        helpScroll = min(helpScroll, HelpScreen.overflow(self))
    }

    /// The grid cell under a screen position, if any (visible cells only).
    func cell(atScreenX x: Int, y: Int) -> GridPosition? {
        let l = layout
        let rows = visibleRows, cols = visibleCols
        guard x >= l.gridX, y >= l.gridY else { return nil }
        let r = scroll.row + (y - l.gridY), c = scroll.col + (x - l.gridX) / l.cellWidth
        return rows.contains(r) && cols.contains(c) ? GridPosition(row: r, col: c) : nil
    }

    /// How many rows a wheel notch scrolls.
    static let wheelStep = 3

    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        let l = layout
        if l.isTooSmall || prompt != nil { return [] }
        if showHelp {
            switch event.kind {
            case .wheelUp: helpScroll = max(0, helpScroll - AppState.wheelStep)
            case .wheelDown: helpScroll = min(HelpScreen.overflow(self), helpScroll + AppState.wheelStep)
            case .press: showHelp = false; helpScroll = 0
            case .release: break
            }
            return []
        }
        if hasPanel {
            switch event.kind {
            case .wheelUp: scrollDrill(by: -AppState.wheelStep)
            case .wheelDown: scrollDrill(by: AppState.wheelStep)
            case .press, .release: break
            }
            return []
        }
        switch event.kind {
        case .wheelUp, .wheelDown:
            let n = event.kind == .wheelUp ? -AppState.wheelStep : AppState.wheelStep
            scroll.row += n
            cursor.row += n
            keepCursorInView()
        case .press:
            if let p = cell(atScreenX: event.x, y: event.y) {
                if p == cursor && selectionAnchor == nil { return enterDrill() }
                cursor = p
                keepCursorInView()
            } else if event.x < l.labelWidth, event.y >= l.gridY, visibleRows.contains(scroll.row + event.y - l.gridY) {
                moveCursor(toRow: scroll.row + event.y - l.gridY)
            } else if event.y >= l.bodyTop, event.y < l.gridY, event.x >= l.gridX,
                      visibleCols.contains(scroll.col + (event.x - l.gridX) / l.cellWidth) {
                moveCursor(toCol: scroll.col + (event.x - l.gridX) / l.cellWidth)
            }
        case .release:
            break
        }
        return []
    }
}
