/// Does a layer pair's similarity beat chance? A permutation test and a bootstrap interval.
///
/// - **Permutation test.** The samples of Y are shuffled (a uniformly random permutation π of
///   the rows), which keeps each layer's own structure but breaks the pairing of X's sample i
///   with Y's sample i. With m permutations,
///       p = (1 + #{π : m(X, Y_π) ≥ m(X, Y)}) / (m + 1)
///   (for a distance, "≥" reads "≤": at least as alike as observed). The +1s count the observed
///   pairing as one of the permutations, so p is never 0 (Phipson & Smyth 2010).
/// - **Bootstrap.** Samples are drawn with replacement (the same indices for X and Y) and the
///   metric recomputed. The interval is BCa (`BCaInterval`: bias-corrected and accelerated,
///   as `scipy.stats.bootstrap(method="BCa")`), because repeated samples inflate most of these
///   measures and the plain 2.5–97.5 percentile interval can exclude the value itself. The
///   acceleration comes from the jackknife: delete-one for n ≤ `jackknifeGroups`, else the
///   grouped jackknife over that many groups (group k leaves out the samples i ≡ k mod G),
///   which keeps its cost bounded at large n. The plain percentile interval (numpy's linear
///   percentile) and the bias estimate mean(θ*) − θ̂ are reported too. When BCa cannot be
///   estimated — every resample on one side of θ̂, so z₀ is infinite (regression at small n:
///   every resample fits better than the data) — the interval is the basic bootstrap interval
///   [2θ̂ − q₉₇.₅, 2θ̂ − q₂.₅] (Davison & Hinkley 1997, §5.2), centred on the bias-corrected
///   estimate θ̂ − bias, and named so.
///   Resamples on which the metric is undefined are left out, as are undefined jackknife values.
///
/// Both are reproducible: the permutations and resamples come from `SeededGenerator(seed)`, the
/// permutations first, then the resamples.
public struct PermutationTest: Sendable {
    public let measure: any PairMeasure
    /// The most jackknife recomputations the BCa acceleration takes.
    public static let jackknifeGroups = 100

    public init(measure: any PairMeasure) {
        self.measure = measure
    }

    /// Why the test cannot be run for `metric`, or `nil`. `stitch`'s class labels belong to
    /// the samples but live in the measure's options, so shuffling or resampling the layers'
    /// rows would pair them with other samples' labels: a wrong number, so none is given.
    public static func refusal(_ metric: Metric) -> String? {
        metric == .stitch
            ? "the permutation test and bootstrap reorder the layers' samples, but stitch's labels are tied to the samples, so they are not computed for stitch"
            : nil
    }

    /// The index lists a run with `seed` uses: `permutations` permutations of 0..<n, then
    /// `bootstrap` resamples of n indices drawn with replacement.
    public static func indexLists(n: Int, permutations: Int, bootstrap: Int, seed: UInt64)
        -> (permutations: [[Int]], resamples: [[Int]]) {
        var g = SeededGenerator(seed: seed)
        let perms = (0..<permutations).map { _ in g.permutation(n) }
        let resamples = (0..<bootstrap).map { _ in (0..<n).map { _ in Int(g.next() % UInt64(n)) } }
        return (perms, resamples)
    }

    /// Runs the test on X (n×d_X) and Y (n×d_Y).
    /// - Parameters:
    ///   - progress: the fraction of the work done, 0…1.
    ///   - isCancelled: polled between recomputations.
    /// - Throws: `SimilarityError.cancelled`, or the reason the observed value is undefined
    ///   (as `.degenerate`).
    public func run(x: Matrix<Float>, y: Matrix<Float>, permutations: Int, bootstrap: Int, seed: UInt64,
                    isCancelled: () -> Bool = { false }, progress: (Double) -> Void = { _ in }) throws -> SignificanceSummary {
        let lists = Self.indexLists(n: x.rows, permutations: permutations, bootstrap: bootstrap, seed: seed)
        return try run(x: x, y: y, permutations: lists.permutations, resamples: lists.resamples, seed: seed,
                       isCancelled: isCancelled, progress: progress)
    }

    /// Runs the test with explicit index lists (for tests against an independent implementation).
    public func run(x: Matrix<Float>, y: Matrix<Float>, permutations: [[Int]], resamples: [[Int]], seed: UInt64,
                    isCancelled: () -> Bool = { false }, progress: (Double) -> Void = { _ in }) throws -> SignificanceSummary {
        BLAS.useSingleThread()
        if let why = Self.refusal(measure.metric) { throw SimilarityError.degenerate(why) }
        guard x.rows == y.rows else { throw SimilarityError.sampleCountMismatch(rows: x.rows, cols: y.rows) }
        let px = try measure.prepare(x)
        let observedOutcome = measure.compare(px, try measure.prepare(y))
        guard let observed = observedOutcome.value.number else {
            throw SimilarityError.degenerate(observedOutcome.value.reason ?? "undefined")
        }
        let total = Double(max(1, permutations.count + resamples.count))
        var done = 0.0
        let atLeastAsAlike: (Double) -> Bool = measure.metric.orientation == .similarity
            ? { $0 >= observed } : { $0 <= observed }

        var extreme = 0
        for p in permutations {
            if isCancelled() { throw SimilarityError.cancelled }
            let v = value(px, y.selectingRows(p))
            // An undefined permuted value cannot be as extreme: it counts as not.
            if let v, atLeastAsAlike(v) { extreme += 1 }
            done += 1
            progress(done / total)
        }
        var boot: [Double] = []
        for r in resamples {
            if isCancelled() { throw SimilarityError.cancelled }
            if let px = try? measure.prepare(x.selectingRows(r)), let v = value(px, y.selectingRows(r)) { boot.append(v) }
            done += 1
            progress(done / total)
        }
        boot.sort()
        var jackknife: [Double] = []
        if !boot.isEmpty {
            let n = x.rows, groups = min(n, Self.jackknifeGroups)
            for g in 0..<groups {
                if isCancelled() { throw SimilarityError.cancelled }
                let kept = (0..<n).filter { $0 % groups != g }
                if let px = try? measure.prepare(x.selectingRows(kept)), let v = value(px, y.selectingRows(kept)) {
                    jackknife.append(v)
                }
            }
        }
        let bca = boot.isEmpty ? nil : BCaInterval(resampled: boot, observed: observed, jackknife: jackknife)
        let pLow = boot.isEmpty ? nil : Percentile.linear(boot, 2.5)
        let pHigh = boot.isEmpty ? nil : Percentile.linear(boot, 97.5)
        let basicLow = pHigh.map { 2 * observed - $0 }, basicHigh = pLow.map { 2 * observed - $0 }
        return SignificanceSummary(
            metric: measure.metric, observed: observed,
            permutationP: permutations.isEmpty ? nil : Double(1 + extreme) / Double(permutations.count + 1),
            permutations: permutations.count,
            bootstrapLow: bca?.low ?? basicLow, bootstrapHigh: bca?.high ?? basicHigh,
            bootstrapSamples: boot.count, seed: seed,
            bootstrapMethod: bca == nil ? "basic" : "BCa", percentileLow: pLow, percentileHigh: pHigh,
            bootstrapBias: boot.isEmpty ? nil : boot.reduce(0, +) / Double(boot.count) - observed)
    }

    private func value(_ px: any Sendable, _ y: Matrix<Float>) -> Double? {
        guard let py = try? measure.prepare(y) else { return nil }
        return measure.compare(px, py).value.number
    }
}
