import Similarity

/// The result of the last search: the query, every layer name that matched (rows first,
/// then columns, each in layer order) and which match the cursor is on.
public struct SearchState: Sendable, Equatable {
    /// A matching layer: a row of the grid, or a column.
    public enum Match: Sendable, Equatable, Hashable {
        case row(Int)
        case col(Int)
    }

    public var query: String
    public var matches: [Match]
    /// Index into `matches` of the current match.
    public var index: Int

    public init(query: String, matches: [Match], index: Int = 0) {
        self.query = query; self.matches = matches; self.index = index
    }

    /// The layers whose name contains `query`, case-insensitive: rows, then columns.
    public static func find(_ query: String, rowNames: [String], colNames: [String]) -> [Match] {
        let q = query.lowercased()
        guard !q.isEmpty else { return [] }
        let rows = rowNames.indices.filter { rowNames[$0].lowercased().contains(q) }.map(Match.row)
        let cols = colNames.indices.filter { colNames[$0].lowercased().contains(q) }.map(Match.col)
        return rows + cols
    }
}
