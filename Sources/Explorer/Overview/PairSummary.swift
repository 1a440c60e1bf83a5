import Similarity

/// The overview's numbers for one pair's shown layers (rows R, columns C, real indices):
///
/// - The same-depth partner of shown row i is shown column j(i) = ⌊(2i + 1)·|C| / (2|R|)⌋:
///   the column at the same relative depth (the diagonal when |R| = |C|).
/// - `sameDepthMean`: the mean of the values at (i, j(i)) over every shown row (defined
///   when each is known and defined).
/// - `bestMatchHits`: how many rows have their best column (largest value for a
///   similarity, smallest for a distance, ties to the first; over shown columns) at j(i);
///   counted over rows whose shown cells are all known, and reported once every shown cell
///   is known, out of `rowCount`.
public struct PairSummary: Sendable, Equatable {
    /// Shown cells known, and shown cells in all.
    public let known: Int
    public let total: Int
    public let sameDepthMean: Double?
    public let bestMatchHits: Int?
    public let rowCount: Int

    /// The partner column (shown position) of shown row `i` of `rows` rows against `cols` columns.
    public static func partner(_ i: Int, rows: Int, cols: Int) -> Int { (2 * i + 1) * cols / (2 * rows) }

    /// - Complexity: O(|R| × |C|).
    public init(values v: GridValues, rows: [Int], cols: [Int], orientation: Orientation) {
        var known = 0
        var hits = 0, complete = true
        var sum = 0.0, defined = true
        for (i, r) in rows.enumerated() where !cols.isEmpty {
            let partner = PairSummary.partner(i, rows: rows.count, cols: cols.count)
            if let x = v[r, cols[partner]]?.value.number, x.isFinite { sum += x } else { defined = false }
            var best: (j: Int, v: Double)?
            var rowComplete = true
            for (j, c) in cols.enumerated() {
                guard let o = v[r, c] else { rowComplete = false; continue }
                known += 1
                guard let x = o.value.number, x.isFinite else { continue }
                if let b = best, orientation == .similarity ? x <= b.v : x >= b.v { continue }
                best = (j, x)
            }
            if !rowComplete { complete = false }
            if rowComplete, best?.j == partner { hits += 1 }
        }
        self.known = known
        self.total = rows.count * cols.count
        self.rowCount = rows.count
        self.sameDepthMean = defined && !rows.isEmpty && !cols.isEmpty ? sum / Double(rows.count) : nil
        self.bestMatchHits = complete && !rows.isEmpty && !cols.isEmpty ? hits : nil
    }
}
