import LayerIO

/// The layer filter (`f`): which rows and columns of the grid are shown, by layer name.
///
/// A pattern with `*` (any run of characters) or `?` (one character) is a glob over the
/// whole name, as `--layers` reads it (`Glob`: `[…]` sets too); any other pattern is a substring. Both ignore case. `attn` keeps
/// `blocks.3.attn`; `*.attn` keeps the same but not `blocks.3.attn_out`; `layer?` keeps
/// `layer1` … `layer9` and not `layer10`.
///
/// The shown rows and columns are real layer indices, ascending: `rows[i]` is the layer on
/// the `i`-th shown row. The cursor, the viewport and the selection count shown rows and
/// columns; everything that reaches the data (the cell values, the details panel's cell,
/// exports, the engine's focus) goes through `AppState.realRow` / `realCol`.
public struct LayerFilter: Sendable, Equatable {
    public let pattern: String
    /// The real indices of the shown rows and columns, ascending, never empty.
    public let rows: [Int]
    public let cols: [Int]
    /// How many rows and columns the grid has without the filter.
    public let rowTotal: Int
    public let colTotal: Int
    /// The shown layers' names as the axes show them (their shared prefix may be longer
    /// than the whole model's). Worked out once, here, not per frame.
    public let rowNames: AxisNames
    public let colNames: AxisNames

    /// The filter of `pattern` over these layer names, or why there is none: the pattern
    /// keeps no row or no column.
    public static func make(_ pattern: String, rowNames: [String], colNames: [String]) -> Result<LayerFilter, Miss> {
        let rows = rowNames.indices.filter { matches(rowNames[$0], pattern) }
        let cols = colNames.indices.filter { matches(colNames[$0], pattern) }
        guard !rows.isEmpty, !cols.isEmpty else { return .failure(Miss(rows: rows.count, cols: cols.count)) }
        return .success(LayerFilter(pattern: pattern, rows: rows, cols: cols, rowTotal: rowNames.count, colTotal: colNames.count,
                                    rowNames: AxisNames(rows.map { rowNames[$0] }, indices: rows),
                                    colNames: AxisNames(cols.map { colNames[$0] }, indices: cols)))
    }

    /// How many rows and columns a pattern kept when one of the two is none.
    public struct Miss: Error, Equatable, Sendable {
        public let rows: Int
        public let cols: Int
    }

    /// Whether the filter hides anything.
    public var hidesLayers: Bool { rows.count < rowTotal || cols.count < colTotal }

    /// Whether `name` matches `pattern` (glob when it has `*` or `?`, else substring; case ignored).
    public static func matches(_ name: String, _ pattern: String) -> Bool {
        let n = name.lowercased(), p = pattern.lowercased()
        guard p.contains("*") || p.contains("?") else { return n.contains(p) }
        return Glob.matches(Array(p), Array(n))
    }
}
