import LayerIO
import Similarity

/// The clustered view (`C`): rows and columns reordered by `ClusterOrder`. The order is a
/// permutation of the shown layers, applied through `AppState.shownRows` / `shownCols`, so
/// the cursor, the values, the details panel and the best-match marks read the real layers
/// as under the layer filter; the axes show each layer's real index. It is made once every
/// shown cell is known, and again for each grid and filter shown while the view is on.
extension AppState {
    /// The clustered order in force: made for the grid shown under the current filter, on the
    /// grid screen, while `C` is on. - Complexity: O(1) (a pattern comparison).
    public var activeClusterOrder: ClusterOrder? {
        guard clustering.isOn, screen == .grid, let c = clustering.order, c.grid == gridKey,
              c.pattern == activeFilter?.pattern else { return nil }
        return c
    }

    /// `C`: clustered order on or off. The cursor stays on its two layers.
    mutating func toggleClustering() {
        let real = realPosition(cursor)
        clustering.isOn.toggle()
        clustering.order = nil
        clustering.lastAttempt = nil
        selectionAnchor = nil
        search = nil
        if clustering.isOn {
            if !refreshClusterOrder() { say(clusterWaitText) }
        } else {
            placeCursor(atReal: real)
            say("rows and columns in layer order")
        }
    }

    /// After each message: while `C` is on and no order applies to the grid shown, tries to
    /// make it (once every shown cell is known), keeping the cursor on its layers. Returns
    /// whether an order applies now. Cheap when nothing changed: the O(cells) check runs
    /// only when the grid, the filter or the number of known cells did.
    @discardableResult
    mutating func refreshClusterOrder() -> Bool {
        guard clustering.isOn, screen == .grid else { return false }
        if activeClusterOrder != nil { return true }
        let attempt = ClusterState.Attempt(grid: gridKey, pattern: activeFilter?.pattern, known: values.knownCount)
        if clustering.lastAttempt == attempt { return false }
        let real = realPosition(cursor)
        let rows = activeFilter?.rows ?? Array(allRowLayers.indices)
        let cols = activeFilter?.cols ?? Array(allColLayers.indices)
        switch ClusterOrder.make(grid: gridKey, pattern: activeFilter?.pattern, values: values, rows: rows, cols: cols,
                                 rowNames: allRowLayers.map(\.name), colNames: allColLayers.map(\.name)) {
        case .success(let order):
            clustering.order = order
            clustering.lastAttempt = nil
            selectionAnchor = nil
            search = nil
            placeCursor(atReal: real)
            say("rows and columns \(order.method)")
            return true
        case .failure:
            clustering.lastAttempt = attempt
            return false
        }
    }

    /// What the status line says while the order waits for cells, or cannot be made.
    var clusterWaitText: String {
        let rows = activeFilter?.rows ?? Array(allRowLayers.indices)
        let cols = activeFilter?.cols ?? Array(allColLayers.indices)
        let v = values
        var missing = 0, undefined = 0
        for r in rows { for c in cols {
            if let o = v[r, c] { if !(o.value.number?.isFinite ?? false) { undefined += 1 } } else { missing += 1 }
        } }
        if undefined > 0 {
            return "cannot cluster: \(undefined) shown cell\(undefined == 1 ? " is" : "s are") undefined (f can hide their layers); C turns it off"
        }
        return "clustering once every shown cell is known (\(missing) to go); C turns it off"
    }

    /// Puts the cursor on real cell `real` (or the nearest shown one) and scrolls to it.
    mutating func placeCursor(atReal real: GridPosition) {
        cursor = GridPosition(row: shownRow(ofReal: real.row), col: shownCol(ofReal: real.col))
        keepCursorInView()
    }

    /// ` — clustered` in the title while the order applies, ` — clustering…` while it waits.
    var clusterTitleText: String {
        guard clustering.isOn, screen == .grid else { return "" }
        return " \(glyphs.dash) " + (activeClusterOrder != nil ? "order clustered" : "clustering\(glyphs.ellipsis)")
    }
}
