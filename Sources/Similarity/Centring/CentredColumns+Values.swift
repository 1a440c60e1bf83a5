/// The centred values of a `CentredColumns`, in the precision each measure needs.
extension CentredColumns {
    /// Rows `range` of Xc, widened to double and centred: a `range.count × D` matrix.
    /// - Complexity: O(range.count·D).
    public func centredRows(_ range: Range<Int>) -> Matrix<Double> {
        Self.subtracting(means, from: raw, rows: range)
    }

    /// The whole of Xc in double precision (N×D). Holds 8·N·D bytes: prefer `centredRows`
    /// in blocks where the algorithm allows.
    public func centred() -> Matrix<Double> { centredRows(0..<sampleCount) }

    /// Xc rounded once to `Float` (N×D): `Float(Double(x_ij) − μ_j)`. The linear and RBF
    /// kernels build their Gram matrices from it in single precision.
    /// - Complexity: O(N·D); holds 4·N·D bytes.
    public func roundedCentred() -> Matrix<Float> {
        let n = sampleCount, d = width
        var out = [Float](repeating: 0, count: n * d)
        raw.storage.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { q in
                for i in 0..<n {
                    let base = i * d
                    for j in 0..<d { q[base + j] = Float(Double(p[base + j]) - means[j]) }
                }
            }
        }
        return Matrix(rows: n, cols: d, storage: out)
    }

    /// Rows `rows` of `x` (N×D) minus `means` (length D), as a `rows.count × D` double
    /// matrix: centring with means estimated elsewhere (held-out regression centres its
    /// evaluation half with the fit half's means). No check for non-finite values: call this
    /// only on a layer a `CentredColumns` init has already accepted.
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
