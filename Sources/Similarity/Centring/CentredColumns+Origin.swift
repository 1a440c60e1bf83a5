extension CentredColumns {
    /// A layer taken about the origin instead of its means: `means` are all zero, so the
    /// "centred" values are the raw activations widened to double, and the norms are those of
    /// the raw responses. For measures whose reference subtracts no mean (`mmd-poly`, after
    /// Neuron Selectivity Transfer).
    /// - Throws: `SimilarityError.nonFinite` when `x` holds NaN or ±Inf, with their count.
    /// - Complexity: O(N·D).
    public init(uncentred x: Matrix<Float>) throws {
        _ = try ColumnMeans.of(x) // the NaN/±Inf check, with the same error
        let n = x.rows, d = x.cols
        var columnNorms = [Double](repeating: 0, count: d)
        var rowNorms = [Double](repeating: 0, count: n)
        x.storage.withUnsafeBufferPointer { p in
            for i in 0..<n {
                var acc = 0.0
                for j in 0..<d {
                    let v = Double(p[i * d + j])
                    acc += v * v
                    columnNorms[j] += v * v
                }
                rowNorms[i] = acc
            }
        }
        self.raw = x
        self.means = [Double](repeating: 0, count: d)
        self.columnSquaredNorms = columnNorms
        self.rowSquaredNorms = rowNorms
        self.squaredNorm = rowNorms.reduce(0, +)
    }
}
