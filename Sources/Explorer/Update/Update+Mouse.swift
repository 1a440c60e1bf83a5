import Similarity

/// Where a mouse event goes, in the same order as a key (`Update+Keys`): nothing on the
/// too-small notice or the prompt; the help screen and the panel scroll with the wheel;
/// the quit question passes it to what is beneath; the screen moves the cursor, and a click
/// on the cursor opens its details.
extension AppState {
    /// How many rows a wheel notch scrolls.
    static let wheelStep = 3

    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        if layout.isTooSmall { return [] }
        switch overlay {
        case .quitConfirmation(let q)?: return quitConfirmationMouse(q, event)
        case .prompt?, .picker?: return []
        case .help(let h)?:
            helpMouse(h, event)
            return []
        case .panel?:
            panelMouse(event)
            return []
        case nil:
            return screenMouse(event)
        }
    }

    /// The mouse on either screen: the wheel scrolls the rows; a click moves the cursor to a
    /// cell, a row label or a column header, and on the cursor opens its details.
    mutating func screenMouse(_ event: MouseEvent) -> [Effect] {
        let l = layout
        switch event.kind {
        case .wheelUp, .wheelDown:
            let n = event.kind == .wheelUp ? -AppState.wheelStep : AppState.wheelStep
            scroll.row += n
            cursor.row += n
            keepCursorInView()
        case .press:
            if let p = cell(atScreenX: event.x, y: event.y) {
                if p == cursor && selectionAnchor == nil { return openPanel() }
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

    /// Enter or a click on the cursor: the details panel of the cursor cell, as the screen
    /// shown defines it.
    mutating func openPanel() -> [Effect] {
        switch screen {
        case .grid: return openCellPanel()
        case .baseline:
            openBaselinePanel()
            return []
        }
    }
}
