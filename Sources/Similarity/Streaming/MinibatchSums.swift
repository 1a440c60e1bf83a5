/// Minibatch CKA (Nguyen, Raghu & Kornblith 2021): the unbiased HSIC (Song et al. 2012)
/// computed on fixed-size batches of samples and averaged,
///
///     CKA_mb(X, Y) = mean_k HSIC_u(K_k, L_k) / sqrt(mean_k HSIC_u(K_k, K_k) · mean_k HSIC_u(L_k, L_k)),
///
/// where K_k, L_k are the linear Gram matrices of batch k (samples k·b ..< (k+1)·b; a last
/// batch shorter than b is used when it has more than 3 samples). It never forms more than a
/// b×b matrix, so memory does not grow with n, and its sums add up across shards whose
/// boundaries are multiples of b. It estimates the same population quantity as debiased CKA
/// but is not equal to the full-data value; the output says which estimator was used.
public struct MinibatchSums: Sendable, Equatable {
    /// The batch size b.
    public var batchSize: Int
    /// Number of batches summed.
    public var batches: Int
    /// Number of samples summed.
    public var sampleCount: Int
    /// Layer widths, for labels and checks.
    public var widths: [Int]
    /// The pairs summed, by layer index (including each layer with itself).
    public var pairs: [PairKey]
    /// Σ_k HSIC_u over batches, one per pair, in `pairs` order.
    public var hsic: [Double]
    /// NaN and infinite values seen per layer; a layer with any has undefined cells.
    public var nonFinite: [Int] = []

    public struct PairKey: Sendable, Hashable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) { self.x = x; self.y = y }
    }

    public init(batchSize: Int, batches: Int, sampleCount: Int, widths: [Int], pairs: [PairKey], hsic: [Double]) {
        self.batchSize = batchSize
        self.batches = batches
        self.sampleCount = sampleCount
        self.widths = widths
        self.pairs = pairs
        self.hsic = hsic
    }

    /// Why two sums cannot be added, or nil.
    public func mergeProblem(with other: MinibatchSums) -> String? {
        if batchSize != other.batchSize { return "the partial results use batch sizes \(batchSize) and \(other.batchSize)" }
        if widths != other.widths || pairs != other.pairs || hsic.count != other.hsic.count
            || nonFinite.count != other.nonFinite.count {
            return "the partial results cover different layers or pairs"
        }
        // Counters add with overflow checks: a forged file must not trap the merge.
        for (a, b) in [(batches, other.batches), (sampleCount, other.sampleCount)] + Array(zip(nonFinite, other.nonFinite))
        where a.addingReportingOverflow(b).overflow {
            return "the counters \(a) and \(b) overflow when added"
        }
        return nil
    }

    public mutating func merge(_ other: MinibatchSums) {
        precondition(mergeProblem(with: other) == nil, "merging incompatible sums")
        batches += other.batches
        sampleCount += other.sampleCount
        for k in hsic.indices { hsic[k] += other.hsic[k] }
        for k in nonFinite.indices { nonFinite[k] += other.nonFinite[k] }
    }

    /// Minibatch CKA of pair (x, y), or the reason it is undefined.
    public func value(x: Int, y: Int) -> CellValue {
        guard let k = pairs.firstIndex(of: PairKey(x: x, y: y)),
              let kx = pairs.firstIndex(of: PairKey(x: x, y: x)),
              let ky = pairs.firstIndex(of: PairKey(x: y, y: y)) else {
            return .undefined(reason: "internal: pair not summed")
        }
        for k in [x, y] where k < nonFinite.count && nonFinite[k] > 0 {
            return .undefined(reason: "\(k == x ? "the row" : "the column") layer \(SimilarityError.nonFinite(count: nonFinite[k]))")
        }
        guard batches > 0 else { return .undefined(reason: "minibatch CKA needs a batch of more than 3 samples") }
        let xx = hsic[kx], yy = hsic[ky]
        // An infinite or NaN sum (overflowed, or a damaged shard) leaves the cell undefined;
        // +inf / (inf · inf) would otherwise read as a clean 0.
        guard hsic[k].isFinite, xx.isFinite, yy.isFinite else {
            return .undefined(reason: "minibatch HSIC terms are not finite")
        }
        if xx <= 0 { return .undefined(reason: "the row layer's minibatch HSIC(K,K) = \(xx / Double(batches)) ≤ 0") }
        if yy <= 0 { return .undefined(reason: "the column layer's minibatch HSIC(L,L) = \(yy / Double(batches)) ≤ 0") }
        return CellValue.checked(hsic[k] / (xx.squareRoot() * yy.squareRoot()), otherwise: "minibatch HSIC terms are not finite")
    }

    /// The averaged HSIC terms of pair (x, y) (for display).
    public func terms(x: Int, y: Int) -> HSICTerms? {
        guard batches > 0,
              let k = pairs.firstIndex(of: PairKey(x: x, y: y)),
              let kx = pairs.firstIndex(of: PairKey(x: x, y: x)),
              let ky = pairs.firstIndex(of: PairKey(x: y, y: y)) else { return nil }
        let b = Double(batches)
        return HSICTerms(xy: hsic[k] / b, xx: hsic[kx] / b, yy: hsic[ky] / b)
    }
}

/// Sums minibatch HSIC over a slice of samples, reading one batch of every layer at a time.
public struct MinibatchAccumulator: Sendable {
    public var batchSize: Int

    public init(batchSize: Int = 1000) {
        self.batchSize = batchSize
    }

    /// Sums over the batches inside `range` (batch k covers samples k·b ..< (k+1)·b, cut at
    /// `range`'s ends). `pairs` must include (k, k) for every layer used.
    /// - Complexity: per batch, b²·D per layer (its Gram) and b² per pair.
    public func accumulate(_ sources: [any ActivationSource], pairs: [MinibatchSums.PairKey], range: Range<Int>,
                           threads: Int = Parallel.defaultThreads,
                           isCancelled: () -> Bool = { false }, progress: (Int) -> Void = { _ in }) throws -> MinibatchSums {
        BLAS.useSingleThread()
        var hsic = [Double](repeating: 0, count: pairs.count)
        var nonFinite = [Int](repeating: 0, count: sources.count)
        var batches = 0, samples = 0
        let used = Array(Set(pairs.flatMap { [$0.x, $0.y] })).sorted()
        var start = range.lowerBound
        while start < range.upperBound {
            if isCancelled() { throw SimilarityError.cancelled }
            let end = min((start / batchSize + 1) * batchSize, range.upperBound)
            let n = end - start
            if n > 3 {
                // Each layer's centred batch Gram (same statistics as the full-data estimator).
                let blocks = try used.map { k -> Matrix<Float> in
                    let m = try sources[k].readRows(start..<end)
                    sources[k].releaseRows(start..<end)
                    return m
                }
                // A block with NaN/Inf marks its layer (its cells become undefined) and is
                // replaced by zeros so the other layers' sums go on.
                let clean = Parallel.map(used.count, threads: threads) { i -> (Matrix<Float>, Int) in
                    var m = blocks[i]
                    var bad = 0
                    for k in m.storage.indices where !m.storage[k].isFinite { bad += 1 }
                    if bad > 0 { m = Matrix(rows: m.rows, cols: m.cols) }
                    return (m, bad)
                }
                for (i, k) in used.enumerated() { nonFinite[k] += clean[i].1 }
                let stats = Parallel.map(used.count, threads: threads) { i in
                    // An estimate: single precision keeps its speed (and its values).
                    LinearKernel.statistics(of: try! CentredColumns(clean[i].0), form: .gram, precision: .single)
                }
                var index: [Int: Int] = [:]
                for (i, k) in used.enumerated() { index[k] = i }
                let grams = stats.map { s -> PackedGram in
                    if case .gram(let g) = s.representation { return g }
                    preconditionFailure("gram form requested")
                }
                let inner = GramInner.allPairs(grams, nil, threads: threads)
                for (p, key) in pairs.enumerated() {
                    let a = index[key.x]!, b = index[key.y]!
                    let sx = stats[a], sy = stats[b]
                    hsic[p] += HSIC.unbiased(centredInner: inner[a, b], diagonalDot: BLAS.dot(sx.diagonal, sy.diagonal),
                                             traceX: sx.trace, traceY: sy.trace, n: n)
                }
                batches += 1
            }
            samples += n
            progress(end - range.lowerBound)
            start = end
        }
        var sums = MinibatchSums(batchSize: batchSize, batches: batches, sampleCount: samples,
                                 widths: sources.map(\.width), pairs: pairs, hsic: hsic)
        sums.nonFinite = nonFinite
        return sums
    }
}
