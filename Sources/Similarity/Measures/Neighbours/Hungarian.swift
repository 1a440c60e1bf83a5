/// Maximum-weight one-to-one assignment on a dense rectangular weight matrix (the linear
/// assignment problem), by the Hungarian method with potentials: shortest augmenting paths
/// from one new row at a time, Dijkstra-style over reduced costs (Kuhn–Munkres in the
/// Jonker–Volgenant formulation), all in double precision.
///
/// For an r×c weight matrix W it returns min(r, c) pairs (row, column), each row and each
/// column used at most once, maximising Σ W[row, column]. Every row is assigned when r ≤ c
/// and every column when r > c, even if some weights are negative (as scipy's
/// `linear_sum_assignment(W, maximize=True)` does). Ties are broken deterministically
/// (lower column index first while searching), so equal inputs give equal assignments.
///
/// - Complexity: O(k²·m) time for k = min(r, c), m = max(r, c); O(k·m) memory (one copy of W).
public enum Hungarian {
    /// One assigned pair.
    public struct Pair: Sendable, Equatable, Hashable {
        public let row: Int
        public let column: Int
        public init(row: Int, column: Int) { self.row = row; self.column = column }
    }

    /// The optimal assignment.
    public struct Assignment: Sendable, Equatable {
        /// min(rows, cols) pairs, by ascending row.
        public let pairs: [Pair]
        /// Σ W[row, column] over `pairs`, summed in that order.
        public let total: Double
    }

    /// The assignment maximising the total weight.
    ///
    /// - Parameters:
    ///   - weights: the r×c weight matrix W (finite values; r ≠ c allowed).
    ///   - progress: called with the fraction of rows (of the shorter side) assigned so far,
    ///     in (0, 1], at most 100 times and last with 1; runs on the calling thread.
    ///   - isCancelled: polled once per assigned row; when it returns true the search stops.
    /// - Throws: `SimilarityError.cancelled` when cancelled; `.nonFinite` when W holds NaN
    ///   or ±Inf; `.degenerate` if the weights are so large that the reduced costs overflow.
    public static func maximumWeightAssignment(
        _ weights: Matrix<Double>,
        progress: (Double) -> Void = { _ in },
        isCancelled: () -> Bool = { false }
    ) throws -> Assignment {
        let bad = weights.storage.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        if bad > 0 { throw SimilarityError.nonFinite(count: bad) }
        if weights.rows == 0 || weights.cols == 0 { return Assignment(pairs: [], total: 0) }

        // Solve with the shorter side as rows, on costs −W.
        let transposed = weights.rows > weights.cols
        let n = transposed ? weights.cols : weights.rows
        let m = transposed ? weights.rows : weights.cols
        var cost = [Double](repeating: 0, count: n * m)
        for i in 0..<weights.rows {
            for j in 0..<weights.cols {
                let w = weights.storage[i * weights.cols + j]
                if transposed { cost[j * m + i] = -w } else { cost[i * m + j] = -w }
            }
        }
        let columnOfRow = try minimumCostAssignment(cost: cost, rows: n, cols: m,
                                                    progress: progress, isCancelled: isCancelled)
        var pairs = (0..<n).map { transposed ? Pair(row: columnOfRow[$0], column: $0)
                                             : Pair(row: $0, column: columnOfRow[$0]) }
        pairs.sort { $0.row < $1.row }
        var total = 0.0
        for p in pairs { total += weights[p.row, p.column] }
        return Assignment(pairs: pairs, total: total)
    }

    /// The column for each row minimising Σ cost[row, column], for rows ≤ cols.
    /// `cost` is row-major `rows × cols`.
    static func minimumCostAssignment(cost: [Double], rows n: Int, cols m: Int,
                                      progress: (Double) -> Void,
                                      isCancelled: () -> Bool) throws -> [Int] {
        precondition(n <= m && cost.count == n * m, "minimumCostAssignment needs rows ≤ cols")
        // 1-based rows and columns; index 0 is the virtual start of each augmenting path.
        // u, v: row and column potentials; rowOf[j]: the row holding column j (0 = free);
        // via[j]: the previous column on the shortest path to j; slack[j]: its reduced length.
        let u = UnsafeMutableBufferPointer<Double>.allocate(capacity: n + 1)
        let v = UnsafeMutableBufferPointer<Double>.allocate(capacity: m + 1)
        let rowOf = UnsafeMutableBufferPointer<Int>.allocate(capacity: m + 1)
        let via = UnsafeMutableBufferPointer<Int>.allocate(capacity: m + 1)
        let slack = UnsafeMutableBufferPointer<Double>.allocate(capacity: m + 1)
        let reached = UnsafeMutableBufferPointer<Bool>.allocate(capacity: m + 1)
        defer {
            u.deallocate(); v.deallocate(); rowOf.deallocate()
            via.deallocate(); slack.deallocate(); reached.deallocate()
        }
        u.initialize(repeating: 0)
        v.initialize(repeating: 0)
        rowOf.initialize(repeating: 0)
        via.initialize(repeating: 0)
        var lastPercent = 0

        try cost.withUnsafeBufferPointer { c in
            for i in 1...n {
                if isCancelled() { throw SimilarityError.cancelled }
                rowOf[0] = i
                var j0 = 0
                slack.initialize(repeating: .infinity)
                reached.initialize(repeating: false)
                repeat {
                    reached[j0] = true
                    let i0 = rowOf[j0]
                    let base = (i0 - 1) * m - 1
                    let ui = u[i0]
                    var delta = Double.infinity
                    var j1 = 0
                    for j in 1...m where !reached[j] {
                        let reduced = c[base + j] - ui - v[j]
                        if reduced < slack[j] { slack[j] = reduced; via[j] = j0 }
                        if slack[j] < delta { delta = slack[j]; j1 = j }
                    }
                    if j1 == 0 {
                        throw SimilarityError.degenerate("the assignment's weights are too large for double precision")
                    }
                    for j in 0...m {
                        if reached[j] { u[rowOf[j]] += delta; v[j] -= delta } else { slack[j] -= delta }
                    }
                    j0 = j1
                } while rowOf[j0] != 0
                // Flip the augmenting path back to the start.
                repeat {
                    let j1 = via[j0]
                    rowOf[j0] = rowOf[j1]
                    j0 = j1
                } while j0 != 0

                let percent = i * 100 / n
                if percent > lastPercent {
                    lastPercent = percent
                    progress(Double(i) / Double(n))
                }
            }
        }
        var columnOfRow = [Int](repeating: -1, count: n)
        for j in 1...m where rowOf[j] != 0 { columnOfRow[rowOf[j] - 1] = j - 1 }
        return columnOfRow
    }
}
