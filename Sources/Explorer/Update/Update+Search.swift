import Similarity

/// Searching layer names and stepping through the matches. An older status message is
/// cleared on each of these, so the line below the grid shows the prompt's keys and then
/// the match position (`/3  match 1/2: row 2 layer3  (n/N)`), not a leftover such as
/// `q quits`.
extension AppState {
    /// `/`: opens the search prompt.
    mutating func openSearchPrompt() {
        overlay = .prompt(Prompt(kind: .search))
        message = nil
    }

    /// Enter on the search prompt: finds the layers and jumps to the first.
    mutating func runSearch(_ text: String) {
        let query = text.trimmingSpaces
        guard !query.isEmpty else {
            search = nil
            return
        }
        let matches = SearchState.find(query, rowNames: rowLayers.map(\.name), colNames: colLayers.map(\.name))
        guard !matches.isEmpty else {
            search = nil
            say("no layer name contains \(glyphs.openQuote)\(query)\(glyphs.closeQuote)", .error)
            return
        }
        search = SearchState(query: query, matches: matches, index: 0)
        message = nil
        jumpToMatch()
    }

    /// `n` / `N`: the next or previous match, wrapping around.
    mutating func stepMatch(_ step: Int) {
        guard var s = search, !s.matches.isEmpty else {
            say("no search yet: / searches layer names")
            return
        }
        s.index = ((s.index + step) % s.matches.count + s.matches.count) % s.matches.count
        search = s
        message = nil
        jumpToMatch()
    }

    /// Moves the cursor to the current match's row or column.
    mutating func jumpToMatch() {
        guard let s = search, s.matches.indices.contains(s.index) else { return }
        switch s.matches[s.index] {
        case .row(let r): moveCursor(toRow: r)
        case .col(let c): moveCursor(toCol: c)
        }
    }
}
