/// The column means of a layer, checked for non-finite values on the way.
enum ColumnMeans {
    /// μ_j = (1/N) Σ_i x_ij for every column j of `x` (N×D), summed in double in row order,
    /// so the mean of a constant column is exactly that constant. Length D; all zeros when
    /// N = 0.
    /// - Throws: `SimilarityError.nonFinite` when `x` holds NaN or ±Inf, with their count.
    /// - Complexity: O(N·D).
    static func of(_ x: Matrix<Float>) throws -> [Double] {
        let n = x.rows, d = x.cols
        var sums = [Double](repeating: 0, count: d)
        var bad = 0
        x.storage.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let base = i * d
                for j in 0..<d {
                    let v = p[base + j]
                    if v.isFinite { sums[j] += Double(v) } else { bad += 1 }
                }
            }
        }
        if bad > 0 { throw SimilarityError.nonFinite(count: bad) }
        return n > 0 ? sums.map { $0 / Double(n) } : sums
    }
}
