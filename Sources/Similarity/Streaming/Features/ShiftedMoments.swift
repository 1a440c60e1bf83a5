/// One layer's sums over one part of the samples (see `FeatureSums`), and the centred and raw
/// second moments they give.
///
/// With x̃ = x − s the shifted rows, n samples, Σx̃ (`sum`) and G̃ = X̃ᵀX̃ (`gram`, D×D):
/// - μ̃ = Σx̃ / n and the column means μ = s + μ̃;
/// - the scatter matrix S = XcᵀXc = G̃ − n μ̃μ̃ᵀ (the covariance times n);
/// - the raw Gram XᵀX = S + n μμᵀ (MMD's uncentred neurons).
/// All in double. A column with G̃_jj = 0 is constant over the samples (its shift is the
/// constant: the double mean of equal floats is that float, exactly), and a raw-zero column
/// (a dead ReLU unit) is one with G̃_jj = 0 and s_j = 0; both tests are exact.
struct ShiftedMoments: Sendable {
    let n: Int
    let shift: [Double]
    let sum: [Double]
    /// X̃ᵀX̃, D×D.
    let gram: Matrix<Double>

    var width: Int { shift.count }

    /// Every sum finite (shard files are not trusted).
    var isFinite: Bool {
        shift.allSatisfy(\.isFinite) && sum.allSatisfy(\.isFinite) && gram.storage.allSatisfy(\.isFinite)
    }

    init(n: Int, shift: [Float], sum: [Double], gram: Matrix<Double>) {
        self.n = n
        self.shift = shift.map(Double.init)
        self.sum = sum
        self.gram = gram
    }

    /// Layer `k`'s moments in `part`; its self pair must have been summed.
    init?(_ part: LinearSums, layer k: Int) {
        guard let p = part.pairIndex(k, k) else { return nil }
        let l = part.layers[k]
        self.init(n: part.sampleCount, shift: l.shift, sum: l.sum,
                  gram: Matrix(rows: l.width, cols: l.width, storage: part.pairs[p].cross))
    }

    private init(n: Int, shift: [Double], sum: [Double], gram: Matrix<Double>) {
        self.n = n; self.shift = shift; self.sum = sum; self.gram = gram
    }

    /// Two parts' moments added (the same shift).
    static func + (a: ShiftedMoments, b: ShiftedMoments) -> ShiftedMoments {
        var g = a.gram
        for i in g.storage.indices { g.storage[i] += b.gram.storage[i] }
        return ShiftedMoments(n: a.n + b.n, shift: a.shift, sum: zip(a.sum, b.sum).map { $0 + $1 }, gram: g)
    }

    /// μ̃ = Σx̃ / n (zeros for an empty part).
    var shiftedMean: [Double] { n > 0 ? sum.map { $0 / Double(n) } : sum.map { _ in 0 } }

    /// μ = s + μ̃.
    var mean: [Double] { zip(shift, shiftedMean).map { $0 + $1 } }

    /// S = XcᵀXc.
    var scatter: Matrix<Double> { Self.centred(gram, n: n, shiftedMean, shiftedMean) }

    /// Whether column j is constant over the samples.
    func isConstant(_ j: Int) -> Bool { gram[j, j] == 0 }

    /// Whether column j is zero on every sample.
    func isZero(_ j: Int) -> Bool { gram[j, j] == 0 && shift[j] == 0 }

    /// C − n·a·bᵀ: the scatter from a shifted cross product C = X̃ᵀỸ and the two shifted means.
    static func centred(_ c: Matrix<Double>, n: Int, _ a: [Double], _ b: [Double]) -> Matrix<Double> {
        var out = c
        let nd = Double(n)
        for i in 0..<c.rows {
            let ai = nd * a[i]
            for j in 0..<c.cols { out.storage[i * c.cols + j] -= ai * b[j] }
        }
        return out
    }

    /// S + n·a·bᵀ: the raw Gram from a scatter matrix and the two means.
    static func uncentred(_ s: Matrix<Double>, n: Int, _ a: [Double], _ b: [Double]) -> Matrix<Double> {
        var out = s
        let nd = Double(n)
        for i in 0..<s.rows {
            let ai = nd * a[i]
            for j in 0..<s.cols { out.storage[i * s.cols + j] += ai * b[j] }
        }
        return out
    }

    /// tr(S) = ‖Xc‖²_F.
    var scatterTrace: Double {
        let m = shiftedMean
        var t = 0.0
        for j in 0..<width { t += gram[j, j] - Double(n) * m[j] * m[j] }
        return t
    }
}

extension LinearSums {
    /// X̃ᵀỸ of layers (x, y) as a D_X×D_Y matrix, from the pair (x, y) or the transpose of
    /// (y, x), whichever was summed; `nil` when neither was.
    func shiftedCross(_ x: Int, _ y: Int) -> Matrix<Double>? {
        if let k = pairIndex(x, y) {
            return Matrix(rows: layers[x].width, cols: layers[y].width, storage: pairs[k].cross)
        }
        if let k = pairIndex(y, x) {
            return Matrix(rows: layers[y].width, cols: layers[x].width, storage: pairs[k].cross).transposed()
        }
        return nil
    }
}
