import Foundation

/// The whole rows × cols grid of linear CKA (biased and unbiased HSIC terms at once), computed
/// the fast exact way for the headless path and the benchmark.
///
/// 1. Every layer is read and centred once.
/// 2. The cheaper exact form is chosen (`KernelForm.cheapest`):
///    - **Gram**: each layer's centred Gram matrix by one `ssyrk` (the "Gram phase"), packed
///      onto a stack; then every pair's ⟨Kc, Lc⟩ at once as one stacked product
///      (`GramStack.innerProducts`), using symmetry for an A×A grid;
///    - **features**: ⟨Kc, Lc⟩ = ‖XcᵀYc‖²_F per pair by `sgemm` in row blocks.
/// 3. HSIC terms and CKA values from those inner products (see `HSIC`, `CKAResult`).
///
/// Layers that cannot be read or centred (NaN, …) give undefined cells naming the layer.
public enum LinearCKAGrid {
    /// What the computation did and how long each phase took (for the benchmark).
    public struct Report: Sendable {
        public var form: KernelForm
        public var loadSeconds = 0.0
        public var gramSeconds = 0.0
        /// Flops of the Gram phase: Σ n²·D (one `ssyrk` per layer).
        public var gramFlops = 0.0
        public var pairSeconds = 0.0
        /// NaN/±Inf values found while centring, per layer: rows, then columns unless A×A.
        public var nonFinite: [Int] = []
    }

    /// The order the Gram phase hands layers to its worker threads: widest, narrowest, second
    /// widest, second narrowest, …. A wide layer's Gram is arithmetic-bound while a narrow
    /// one's is bound by writing its n×n result, so running them side by side keeps both the
    /// cores and the memory busy (measured about 5 % faster than widest-first on the
    /// benchmark), and the last layers handed out are mid-width ones, so no core idles long
    /// at the end. The order changes no value: each Gram matrix is built on one thread.
    static func gramOrder(widths: [Int]) -> [Int] {
        let widestFirst = widths.indices.sorted { widths[$0] > widths[$1] }
        var order: [Int] = []
        var lo = 0, hi = widestFirst.count - 1
        while lo <= hi {
            order.append(widestFirst[lo]); lo += 1
            if lo <= hi { order.append(widestFirst[hi]); hi -= 1 }
        }
        return order
    }

    /// - Parameters:
    ///   - form: force a representation; `nil` chooses the cheaper.
    ///   - threads: worker threads for every phase: layers are read, centred and turned into
    ///     Gram matrices `threads` at a time, and the pairs are split over as many threads. Each
    ///     BLAS call runs single-threaded (`BLAS.useSingleThread()`), so no value depends on
    ///     the thread count.
    /// - Returns: outcomes[i][j] (row layer i, column layer j), each carrying its `CKAResult`,
    ///   with `value` the linear CKA (`metric == .linearCKA`) or debiased CKA.
    public static func compute(rows: [GridLayer], cols: [GridLayer], metric: Metric, form: KernelForm? = nil,
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               isCancelled: () -> Bool = { false }) throws -> (outcomes: [[PairOutcome]], report: Report) {
        precondition(metric == .linearCKA || metric == .debiasedCKA, "LinearCKAGrid computes linear and debiased CKA")
        let same = rows.map(\.id) == cols.map(\.id)
        let n = rows.first?.source.sampleCount ?? cols.first?.source.sampleCount ?? 0
        let chosen = form ?? KernelForm.cheapest(sampleCount: n, rowWidths: rows.map(\.source.width),
                                                 colWidths: same ? [] : cols.map(\.source.width))
        var report = Report(form: chosen)
        var clock = Clock()

        // BLAS runs single-threaded; layers and pairs are spread over threads instead (see
        // `Parallel`), so the numbers do not depend on the thread count.
        BLAS.useSingleThread()

        // 1. Read and centre each layer once.
        func centre(_ layers: [GridLayer]) throws -> [Result<RoundedLayer, SimilarityError>] {
            if isCancelled() { throw SimilarityError.cancelled }
            return Parallel.map(layers.count, threads: threads) { k in
                let layer = layers[k]
                if layer.source.sampleCount != n {
                    return .failure(.degenerate("has \(layer.source.sampleCount) samples while the grid has \(n)"))
                }
                do { return .success(RoundedLayer(try CentredColumns(layer.source.readAll()))) }
                catch let e as SimilarityError { return .failure(e) }
                catch { return .failure(.unreadable("\(error)")) }
            }
        }
        let cr = try centre(rows)
        let cc = same ? cr : try centre(cols)
        report.loadSeconds = clock.lap()
        report.nonFinite = (cr + (same ? [] : cc)).map { r in
            if case .failure(.nonFinite(let count)) = r { return count } else { return 0 }
        }

        let okRows = cr.indices.filter { if case .success = cr[$0] { return true } else { return false } }
        let okCols = cc.indices.filter { if case .success = cc[$0] { return true } else { return false } }
        func value(_ r: Result<RoundedLayer, SimilarityError>) -> RoundedLayer? {
            if case .success(let c) = r { return c } else { return nil }
        }

        // 2. ⟨Kc, Lc⟩ for every defined pair, plus the self terms.
        var cross = Matrix<Double>(rows: rows.count, cols: cols.count)
        var selfRows = [Double](repeating: 0, count: rows.count)
        var selfCols = [Double](repeating: 0, count: cols.count)
        switch chosen {
        case .gram:
            // The Gram phase: one single-threaded ssyrk per layer, layers on parallel threads.
            let rowInputs = okRows.map { value(cr[$0])!.matrix }
            let colInputs = same ? [] : okCols.map { value(cc[$0])!.matrix }
            let inputs = rowInputs + colInputs
            let order = gramOrder(widths: inputs.map(\.cols))
            let built = Parallel.map(order.count, threads: threads) { k in PackedGram(gramOf: inputs[order[k]]) }
            var grams = built
            for (k, i) in order.enumerated() { grams[i] = built[k] }
            if isCancelled() { throw SimilarityError.cancelled }
            var ga: [Int: PackedGram] = [:], gb: [Int: PackedGram] = [:]
            for (a, i) in okRows.enumerated() { ga[i] = grams[a] }
            for (b, j) in (same ? [] : okCols).enumerated() { gb[j] = grams[rowInputs.count + b] }
            report.gramSeconds = clock.lap()
            let widths = okRows.map { rows[$0].source.width } + (same ? [] : okCols.map { cols[$0].source.width })
            report.gramFlops = Double(n) * Double(n) * Double(widths.reduce(0, +))
            if isCancelled() { throw SimilarityError.cancelled }
            // The pair phase: every inner product in one pass over the matrices (no BLAS).
            let rowGrams = okRows.map { ga[$0]! }
            if same {
                let products = GramInner.allPairs(rowGrams, nil, threads: threads)
                for (a, i) in okRows.enumerated() {
                    selfRows[i] = products[a, a]
                    selfCols[i] = products[a, a]
                    for (b, j) in okCols.enumerated() { cross[i, j] = products[a, b] }
                }
            } else {
                let colGrams = okCols.map { gb[$0]! }
                let products = GramInner.allPairs(rowGrams, colGrams, threads: threads)
                for (a, i) in okRows.enumerated() {
                    selfRows[i] = GramInner.inner(rowGrams[a], rowGrams[a])
                    for (b, j) in okCols.enumerated() { cross[i, j] = products[a, b] }
                }
                for (b, j) in okCols.enumerated() { selfCols[j] = GramInner.inner(colGrams[b], colGrams[b]) }
            }
        case .streaming:
            // Not expected here (the planner sends streaming grids to StreamingLinearGrid);
            // answer anyway, exactly, streaming all pairs in one pass.
            let sums = try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: 0..<n, memoryBudget: Int.max)
            report.pairSeconds = clock.lap()
            return (StreamingLinearGrid.outcomes(sums, rowCount: rows.count, colCount: cols.count, same: same, metric: metric), report)
        case .features:
            // Self terms, then every pair's ‖XcᵀYc‖², each product single-threaded, in parallel.
            let xs = cr.map(value), ys = cc.map(value)
            let selfR = Parallel.map(rows.count, threads: threads) { i in
                xs[i].map { FeatureProducts.squaredFrobeniusOfCross($0.matrix, $0.matrix) } ?? 0
            }
            let selfC = same ? selfR : Parallel.map(cols.count, threads: threads) { j in
                ys[j].map { FeatureProducts.squaredFrobeniusOfCross($0.matrix, $0.matrix) } ?? 0
            }
            selfRows = selfR
            selfCols = selfC
            var pairs: [(Int, Int)] = []
            for i in okRows { for j in okCols where !(same && j <= i) { pairs.append((i, j)) } }
            if isCancelled() { throw SimilarityError.cancelled }
            let todo = pairs
            let products = Parallel.map(todo.count, threads: threads) { k in
                FeatureProducts.squaredFrobeniusOfCross(xs[todo[k].0]!.matrix, ys[todo[k].1]!.matrix)
            }
            for (k, p) in pairs.enumerated() {
                cross[p.0, p.1] = products[k]
                if same { cross[p.1, p.0] = products[k] }
            }
            if same { for i in okRows { cross[i, i] = selfRows[i] } }
        }
        report.pairSeconds = clock.lap()

        // 3. Terms and values.
        var outcomes: [[PairOutcome]] = []
        for i in rows.indices {
            var line: [PairOutcome] = []
            for j in cols.indices {
                guard let x = value(cr[i]) else {
                    line.append(PairOutcome(value: .undefined(reason: "\(rows[i].label) \(failure(cr[i]))")))
                    continue
                }
                guard let y = value(cc[j]) else {
                    line.append(PairOutcome(value: .undefined(reason: "\(cols[j].label) \(failure(cc[j]))")))
                    continue
                }
                let sx = stats(x, selfRows[i]), sy = stats(y, selfCols[j])
                let result = CKAResult(sx, sy, crossInner: cross[i, j])
                line.append(PairOutcome(value: result.value(for: metric), cka: result))
            }
            outcomes.append(line)
        }
        return (outcomes, report)
    }

    private static func failure(_ r: Result<RoundedLayer, SimilarityError>) -> String {
        if case .failure(let e) = r { return e.description }
        return ""
    }

    /// Kernel statistics carrying only what `CKAResult` needs once the cross term is known.
    private static func stats(_ c: RoundedLayer, _ selfInner: Double) -> KernelStatistics {
        KernelStatistics(kernel: .linear, sampleCount: c.sampleCount, width: c.width,
                         representation: .features(Matrix(rows: 0, cols: 0)), diagonal: c.rowSquaredNorms,
                         trace: c.squaredNorm, selfInner: selfInner)
    }

    /// What the grid keeps of a centred layer until the end: Xc rounded to `Float` (what the
    /// Gram and feature products use) and its norms. The raw layer is let go, so the grid holds
    /// one N×D `Float` matrix per layer, as a layer's `KernelStatistics` would.
    private struct RoundedLayer: Sendable {
        let matrix: Matrix<Float>
        let rowSquaredNorms: [Double]
        let squaredNorm: Double
        var sampleCount: Int { matrix.rows }
        var width: Int { matrix.cols }

        init(_ c: CentredColumns) {
            matrix = c.roundedCentred()
            rowSquaredNorms = c.rowSquaredNorms
            squaredNorm = c.squaredNorm
        }
    }

    /// Wall-clock laps.
    private struct Clock {
        private var last = DispatchTime.now().uptimeNanoseconds
        mutating func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { last = now }
            return Double(now - last) / 1e9
        }
    }
}
