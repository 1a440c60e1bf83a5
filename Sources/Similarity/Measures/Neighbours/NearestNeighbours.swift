/// Each sample's k nearest neighbours among the other samples of one layer, by cosine
/// similarity of the column-centred sample vectors (the rows of Xc).
///
///     cos(i, j) = ⟨xc_i, xc_j⟩ / (‖xc_i‖ ‖xc_j‖),   j ≠ i
///
/// Neighbours are the k largest cos(i, j); equal similarities go to the lower index first,
/// so the lists are deterministic. A sample whose centred vector is zero (it equals the mean
/// sample) has no direction: its cosine with any sample, and any sample's with it, is taken
/// as −∞, below every real cosine. Such a sample is therefore never anyone's neighbour while
/// k other samples remain, and its own neighbours are the k lowest other indices.
///
/// **Ties at the boundary.** Sample i's set is *decided by a tie* when its k-th and (k+1)-th
/// best cosines are equal to within `tieTolerance` (a zero sample's are all −∞). Its set then
/// depends on which equal candidate comes first, i.e. on the order of the samples, not on the
/// representation: a 1-D layer (every cosine ±1), a layer with fewer distinct directions than
/// k, repeated samples. Such samples are counted in `tiedSampleCount`; `MutualKNNMeasure`
/// leaves the cell undefined when either layer has any, rather than report a value that a
/// consistent reordering of the samples would change.
///
/// The inner products are computed in double precision, a block of rows at a time, so the
/// N×N similarity matrix is never held whole.
public struct NearestNeighbours: Sendable {
    /// k.
    public let k: Int
    /// N.
    public let sampleCount: Int
    /// Row-major N×k: sample i's neighbours, ascending by index (not by rank).
    public let neighbours: [Int32]
    /// Samples whose centred vector is zero.
    public let zeroSampleCount: Int
    /// Samples whose neighbour set is decided by a tie at the k-th place (see the type's notes).
    public let tiedSampleCount: Int

    /// Two cosines closer than this are equal. Cosines lie in [−1, 1] and are computed in
    /// double precision from float32 inputs: two parallel vectors give ±1 to within a few
    /// ulps (~1e-16), while distinct float32 directions differ by far more than 1e-10.
    public static let tieTolerance = 1e-10

    /// Sample `i`'s neighbours, ascending by index.
    public func of(_ i: Int) -> ArraySlice<Int32> { neighbours[(i * k)..<((i + 1) * k)] }

    /// Rows (and columns) per tile of the similarity matrix.
    static let blockRows = 256

    /// - Parameters:
    ///   - x: N×D activations (uncentred).
    ///   - k: neighbours per sample; needs 1 ≤ k < N.
    /// - Throws: `SimilarityError.nonFinite`; `.degenerate` when the layer has no neurons,
    ///   when N ≤ k, or when every sample equals the mean (a constant layer).
    /// - Complexity: O(N²·D) time; O(N·k + blockRows·(blockRows + D + k)) memory.
    public init(_ x: Matrix<Float>, k: Int) throws {
        precondition(k >= 1, "k must be at least 1")
        let c = try CentredColumns(x)
        let n = c.sampleCount
        if c.width == 0 { throw SimilarityError.degenerate("has no neurons") }
        if n <= k {
            throw SimilarityError.degenerate(
                "has \(n) sample\(n == 1 ? "" : "s"); mutual kNN with k = \(k) needs more than \(k)")
        }
        let norms = c.rowSquaredNorms.map { $0.squareRoot() }
        let zeros = norms.reduce(0) { $0 + ($1 > 0 ? 0 : 1) }
        if zeros == n {
            throw SimilarityError.degenerate(
                "is constant: every sample equals the mean, so no sample has a direction for cosine similarity")
        }
        var lists = [Int32](repeating: 0, count: n * k)
        // Per row of the current block: its best k + 1 so far, by decreasing score (the one
        // past the k-th tells whether the k-th place is tied). With n = k + 1 there are only
        // k candidates, all kept, and no tie can decide the set.
        let b = Self.blockRows
        let keep = min(k + 1, n - 1)
        var bestIndex = [Int](repeating: 0, count: b * keep)
        var bestScore = [Double](repeating: 0, count: b * keep)
        var counts = [Int](repeating: 0, count: b)
        var tied = 0

        var rowStart = 0
        while rowStart < n {
            let rowEnd = min(rowStart + b, n)
            let rowsBlock = c.centredRows(rowStart..<rowEnd)
            for r in 0..<counts.count { counts[r] = 0 }
            // Column blocks in ascending order, so every row sees candidates by ascending
            // index and an equal score never displaces an earlier one: ties go to the lower index.
            var colStart = 0
            while colStart < n {
                let colEnd = min(colStart + b, n)
                let tile = BLAS.product(rowsBlock, c.centredRows(colStart..<colEnd), transposeB: true)
                for r in 0..<tile.rows {
                    let i = rowStart + r
                    let off = r * keep
                    for s in 0..<tile.cols {
                        let j = colStart + s
                        if j == i { continue }
                        let score = norms[i] > 0 && norms[j] > 0
                            ? tile.storage[r * tile.cols + s] / (norms[i] * norms[j]) : -Double.infinity
                        let count = counts[r]
                        if count == keep && !(score > bestScore[off + keep - 1]) { continue }
                        var p = count < keep ? count : keep - 1
                        while p > 0 && score > bestScore[off + p - 1] {
                            bestScore[off + p] = bestScore[off + p - 1]
                            bestIndex[off + p] = bestIndex[off + p - 1]
                            p -= 1
                        }
                        bestScore[off + p] = score
                        bestIndex[off + p] = j
                        if count < keep { counts[r] = count + 1 }
                    }
                }
                colStart = colEnd
            }
            for r in 0..<(rowEnd - rowStart) {
                if keep > k {
                    let kth = bestScore[r * keep + k - 1], next = bestScore[r * keep + k]
                    if kth == next || kth - next <= Self.tieTolerance { tied += 1 }
                }
                let sorted = bestIndex[(r * keep)..<(r * keep + k)].sorted()
                for t in 0..<k { lists[(rowStart + r) * k + t] = Int32(sorted[t]) }
            }
            rowStart = rowEnd
        }
        self.k = k
        self.sampleCount = n
        self.neighbours = lists
        self.zeroSampleCount = zeros
        self.tiedSampleCount = tied
    }

    /// Σ_i |N_X(i) ∩ N_Y(i)| over all samples, for two layers' lists with the same N and k.
    public static func totalOverlap(_ a: NearestNeighbours, _ b: NearestNeighbours) -> Int {
        precondition(a.sampleCount == b.sampleCount && a.k == b.k, "neighbour lists of different shapes")
        var total = 0
        a.neighbours.withUnsafeBufferPointer { pa in
            b.neighbours.withUnsafeBufferPointer { pb in
                let k = a.k
                for i in 0..<a.sampleCount {
                    var s = i * k, t = i * k
                    let end = (i + 1) * k
                    while s < end && t < end {
                        if pa[s] == pb[t] { total += 1; s += 1; t += 1 }
                        else if pa[s] < pb[t] { s += 1 } else { t += 1 }
                    }
                }
            }
        }
        return total
    }
}
