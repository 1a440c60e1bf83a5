import Similarity

/// The layer filter (`f`): its prompt, applying a pattern, clearing it, and keeping it in
/// step with the pair shown. The cursor stays on its real layers when the filter changes
/// (or on the nearest shown one after them). The selection and the search are cleared: they
/// count shown rows and columns, which the filter renumbers.
extension AppState {
    /// `f`: the prompt, with the current pattern to edit.
    mutating func openFilterPrompt() {
        overlay = .prompt(Prompt(kind: .filter, text: filter?.pattern ?? ""))
        message = nil
    }

    /// Enter on the filter prompt: an empty pattern clears the filter; one that keeps no row
    /// or no column is an error and the prompt stays open.
    mutating func applyLayerFilter(_ text: String) {
        let pattern = text.trimmingSpaces
        let real = realPosition(cursor)
        guard !pattern.isEmpty else {
            overlay = nil
            guard filter != nil else { return }
            setFilter(nil, keeping: real)
            say("layer filter cleared: every layer shown")
            return
        }
        let q = "\(glyphs.openQuote)\(pattern)\(glyphs.closeQuote)"
        switch LayerFilter.make(pattern, rowNames: allRowLayers.map(\.name), colNames: allColLayers.map(\.name)) {
        case .failure(let miss):
            let what = miss.rows == 0 && miss.cols == 0 ? "no layer" : miss.rows == 0 ? "no row layer (\(miss.cols) columns)"
                                                                                       : "no column layer (\(miss.rows) rows)"
            say("\(q) matches \(what): the filter needs rows and columns", .error)
        case .success(let f):
            overlay = nil
            if f.hidesLayers {
                setFilter(f, keeping: real)
                say("filter \(q): \(f.rows.count) of \(f.rowTotal) rows, \(f.cols.count) of \(f.colTotal) columns; f then Enter clears")
            } else {
                setFilter(nil, keeping: real)
                say("\(q) matches every layer: nothing hidden")
            }
        }
    }

    /// Puts a filter in force (or none), with the cursor on real cell `real` or the nearest
    /// shown one.
    mutating func setFilter(_ f: LayerFilter?, keeping real: GridPosition) {
        filter = f
        selectionAnchor = nil
        search = nil
        cursor = GridPosition(row: shownRow(ofReal: real.row), col: shownCol(ofReal: real.col))
        keepCursorInView()
    }

    /// After the pair changed: the pattern again over the new pair's layers. When it keeps
    /// no row or no column of them, the filter goes, and the status line says so.
    mutating func refilterForPair() {
        guard let f = filter else { return }
        switch LayerFilter.make(f.pattern, rowNames: allRowLayers.map(\.name), colNames: allColLayers.map(\.name)) {
        case .success(let g):
            filter = g.hidesLayers ? g : nil
        case .failure:
            filter = nil
            say("filter \(glyphs.openQuote)\(f.pattern)\(glyphs.closeQuote) matches no layer of \(rowModel.name) \(glyphs.times) \(colModel.name): cleared")
        }
    }
}
