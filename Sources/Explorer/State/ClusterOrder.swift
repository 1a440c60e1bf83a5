import Palette
import Similarity

/// The grid's rows and columns reordered by hierarchical clustering of its values (`C`), so
/// blocks of similar layers sit together (Nguyen, Raghu & Kornblith 2021 read such blocks off
/// CKA grids).
///
/// What is clustered, with average linkage and scipy's leaf order (`AverageLinkage`):
/// - A model against itself (the same layers on both axes): the layers, on the distance
///   1 − s for a similarity (the value itself for a distance), the mean of (i, j) and (j, i);
///   rows and columns get the same order, so the blocks lie on the diagonal.
/// - Any other grid: the rows by their row vectors (their values over the shown columns) and
///   the columns by their column vectors, each with the Euclidean distance between vectors.
///
/// Only the shown layers are clustered (under a layer filter, the ones it keeps), and only
/// once every shown cell is known and defined: the order is of the values on screen. `rows`
/// and `cols` are real layer indices in the clustered order; they are a permutation of the
/// shown layers, so each cell keeps its value, only its place changes.
public struct ClusterOrder: Sendable, Equatable {
    /// The grid and the layer filter's pattern it was made for: it applies to those only.
    public let grid: GridKey
    public let pattern: String?
    public let rows: [Int]
    public let cols: [Int]
    /// The shown layers' names in the clustered order, as the axes show them.
    public let rowNames: AxisNames
    public let colNames: AxisNames
    /// Whether the layers were clustered on the grid itself (a model against itself) or
    /// rows and columns by their vectors.
    public let isSquare: Bool
    /// How the order was made, for the screen and for exported files (ASCII).
    public let method: String

    /// Why there is no order yet.
    public enum Problem: Error, Equatable, Sendable {
        /// This many shown cells are not computed yet.
        case missing(Int)
        /// This many shown cells are undefined (or not finite).
        case undefined(Int)
    }

    /// The clustered order of the shown layers `rows` × `cols` (real indices) of `values`.
    /// - Complexity: O(n³) in the layer count, O(rows × cols) reads.
    public static func make(grid: GridKey, pattern: String?, values: GridValues, rows: [Int], cols: [Int],
                            rowNames: [String], colNames: [String]) -> Result<ClusterOrder, Problem> {
        var missing = 0, undefined = 0
        var m = [[Double]](repeating: [Double](repeating: 0, count: cols.count), count: rows.count)
        for (i, r) in rows.enumerated() {
            for (j, c) in cols.enumerated() {
                guard let outcome = values[r, c] else { missing += 1; continue }
                guard let v = outcome.value.number, v.isFinite else { undefined += 1; continue }
                m[i][j] = v
            }
        }
        if missing > 0 { return .failure(.missing(missing)) }
        if undefined > 0 { return .failure(.undefined(undefined)) }
        let square = grid.rowModel == grid.colModel && rows == cols
        let rowOrder: [Int], colOrder: [Int]
        let method: String
        if square {
            let similarity = grid.metric.orientation == .similarity
            let d = rows.indices.map { i in
                rows.indices.map { j in
                    let v = (m[i][j] + m[j][i]) / 2
                    return similarity ? 1 - v : v
                }
            }
            rowOrder = AverageLinkage.leafOrder(distances: d)
            colOrder = rowOrder
            method = "clustered (average linkage on " + (similarity ? "1 - s" : "the distance")
                + "; rows and columns in the same order)"
        } else {
            rowOrder = AverageLinkage.leafOrder(distances: AverageLinkage.euclideanDistances(m))
            let columns = cols.indices.map { j in rows.indices.map { m[$0][j] } }
            colOrder = AverageLinkage.leafOrder(distances: AverageLinkage.euclideanDistances(columns))
            method = "clustered (average linkage; rows by their row vectors, columns by their column vectors, Euclidean distance)"
        }
        let r = rowOrder.map { rows[$0] }, c = colOrder.map { cols[$0] }
        return .success(ClusterOrder(grid: grid, pattern: pattern, rows: r, cols: c,
                                     rowNames: AxisNames(r.map { rowNames[$0] }, indices: r),
                                     colNames: AxisNames(c.map { colNames[$0] }, indices: c),
                                     isSquare: square, method: method))
    }
}
