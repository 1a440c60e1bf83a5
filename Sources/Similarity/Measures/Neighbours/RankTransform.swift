/// Each column of a layer replaced by its ranks over the samples, for Spearman correlation:
/// the smallest value gets rank 1, and tied values share the mean of the ranks they span
/// (scipy's `rankdata(method="average")`). Pearson correlation of the ranked columns is the
/// Spearman correlation of the originals.
///
/// Ranks are integers or halves up to N, so they are exact in `Float` for N < 2^23.
public enum RankTransform {
    /// The ranked N×D layer.
    /// - Throws: `SimilarityError.nonFinite` when `x` holds NaN or ±Inf (ranks would be meaningless).
    /// - Complexity: O(D·N log N).
    public static func ranked(_ x: Matrix<Float>) throws -> Matrix<Float> {
        _ = try ColumnMeans.of(x) // the NaN/±Inf check, with the same error
        let n = x.rows, d = x.cols
        var out = Matrix<Float>(rows: n, cols: d)
        var column = [Float](repeating: 0, count: n)
        var order = [Int](repeating: 0, count: n)
        for j in 0..<d {
            for i in 0..<n { column[i] = x[i, j]; order[i] = i }
            order.sort { column[$0] < column[$1] }
            var start = 0
            while start < n {
                var end = start + 1
                while end < n && column[order[end]] == column[order[start]] { end += 1 }
                // Positions start..<end (0-based) hold equal values: ranks start+1 … end, mean (start+1+end)/2.
                let rank = Float(Double(start + 1 + end) / 2)
                for p in start..<end { out[order[p], j] = rank }
                start = end
            }
        }
        return out
    }
}
