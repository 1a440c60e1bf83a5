/// Column centring in double precision, for the measures that factorise the centred matrix
/// (the CCA family and regression).
///
/// `CenteredActivations` rounds the centred values back to `Float`. Here they stay `Double`,
/// so an SVD sees the centred data with no second rounding. The means are plain sums of the
/// `Float` values in double, divided by the row count. A column that is constant over the mean
/// rows therefore centres to exactly zero over them: n copies of a `Float` sum exactly in
/// double for n < 2²⁹, and the quotient is the value itself.
public enum DoubleCentering {
    /// Xc = X − 1μᵀ, where μ is the column mean over rows `meanRows` of `x`, subtracted from every row.
    /// - Parameters:
    ///   - x: N×D activations.
    ///   - meanRows: the rows the means are estimated on. The default is all rows. The
    ///     held-out regression passes the fit half.
    /// - Returns: the N×D centred matrix and μ (length D).
    /// - Throws: `SimilarityError.nonFinite` when any value of `x` (in any row) is NaN or ±Inf.
    /// - Complexity: O(N·D).
    public static func centered(_ x: Matrix<Float>, meansOver meanRows: Range<Int>? = nil) throws
        -> (matrix: Matrix<Double>, means: [Double])
    {
        let n = x.rows, d = x.cols
        let rows = meanRows ?? 0..<n
        precondition(rows.lowerBound >= 0 && rows.upperBound <= n, "mean rows \(rows) outside 0..<\(n)")
        var bad = 0
        for v in x.storage where !v.isFinite { bad += 1 }
        if bad > 0 { throw SimilarityError.nonFinite(count: bad) }
        var sums = [Double](repeating: 0, count: d)
        x.storage.withUnsafeBufferPointer { p in
            for i in rows {
                let base = i * d
                for j in 0..<d { sums[j] += Double(p[base + j]) }
            }
        }
        let count = Double(rows.count)
        let means = rows.isEmpty ? sums : sums.map { $0 / count }
        return (subtracting(means, from: x, rows: 0..<n), means)
    }

    /// Rows `rows` of `x` minus `means`, as a `rows.count × D` double matrix. No check for
    /// non-finite values: call this only on a layer that `centered` has already accepted.
    /// - Complexity: O(rows.count·D).
    public static func subtracting(_ means: [Double], from x: Matrix<Float>, rows: Range<Int>) -> Matrix<Double> {
        let d = x.cols
        precondition(means.count == d, "\(means.count) means for \(d) columns")
        var out = [Double](repeating: 0, count: rows.count * d)
        x.storage.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { q in
                for (r, i) in rows.enumerated() {
                    let src = i * d, dst = r * d
                    for j in 0..<d { q[dst + j] = Double(p[src + j]) - means[j] }
                }
            }
        }
        return Matrix(rows: rows.count, cols: d, storage: out)
    }
}

extension Matrix where Element == Double {
    /// ‖A‖²_F, the sum of squared elements.
    public var squaredFrobeniusNorm: Double {
        storage.withUnsafeBufferPointer { p in
            var acc = 0.0
            for v in p { acc += v * v }
            return acc
        }
    }
}
