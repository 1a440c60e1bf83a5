/// Fuzzy matching for the list pickers: a query matches a label when its characters appear
/// in the label in order (a subsequence, case ignored; spaces in the query are ignored), and
/// the match gets a score so the best labels come first.
///
/// The score of a placement of the query's characters: 16 per character, +8 when a
/// character starts a word of the label (its first character, after a separator, or a digit
/// after a letter: the `1` of `tanh-s1`), +8 when it follows the previous match directly,
/// −3 for a gap between two matches and −1 more per further label character skipped, and
/// up to −2 for a first match late in the label (so `t5` puts `tanh-s5 × relu-s0` before
/// `relu-s0 × tanh-s5`: the row model is named first). The label's score is its best
/// placement's, found by dynamic programming over (query character, label position), in the
/// way of fzf's scoring. `r0t1` matches `relu-s0 × tanh-s1` (and not
/// `relu-s1 × tanh-s0`, where no `t` follows a `0`).
public enum FuzzyMatch {
    /// The best score of `query` in `label`, or `nil` when it is not a subsequence. An empty
    /// query matches everything with score 0.
    /// - Complexity: O(query × label).
    public static func score(_ query: String, in label: String) -> Int? {
        let q = Array(query.lowercased().filter { $0 != " " })
        guard !q.isEmpty else { return 0 }
        let l = Array(label.lowercased())
        let n = l.count
        guard n >= q.count else { return nil }
        let none = Int.min / 4
        let bonus: [Int] = l.indices.map { j in
            if j == 0 { return 8 }
            let before = l[j - 1], c = l[j]
            if !(before.isLetter || before.isNumber) { return 8 }
            if before.isLetter && c.isNumber { return 8 }
            return 0
        }
        // prev[j]: the best score of the query so far with its last character at label position j.
        var prev = [Int](repeating: none, count: n)
        for j in 0..<n where l[j] == q[0] { prev[j] = 16 + bonus[j] - min(j, 10) / 5 }
        for i in 1..<q.count {
            var cur = [Int](repeating: none, count: n)
            // run: the best prev[k] − 3 − (j − 2 − k) over k ≤ j − 2 (a gap of at least one).
            var run = none
            for j in 0..<n {
                if run > none { run -= 1 }
                if j >= 2, prev[j - 2] > none { run = max(run, prev[j - 2] - 3) }
                guard l[j] == q[i] else { continue }
                var from = run
                if j >= 1, prev[j - 1] > none { from = max(from, prev[j - 1] + 8) }
                if from > none { cur[j] = from + 16 + bonus[j] }
            }
            prev = cur
        }
        let best = prev.max() ?? none
        return best > none ? best : nil
    }

    /// The indices of `labels` that match `query`, best score first (ties in label order).
    /// - Complexity: O(labels × query × label length), then a sort of the matches.
    public static func rank(_ query: String, _ labels: [String]) -> [Int] {
        let scored = labels.indices.compactMap { i in score(query, in: labels[i]).map { (i, $0) } }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }
}
