import Foundation

/// The whole grid of any feature-space measure (`FeatureSumsMeasure.metrics`) from streamed
/// sums, never holding a layer: the streamed counterpart of `GridComputation` for those
/// measures, and the shard/merge path (`sums`, `outcomes`).
///
/// `compute` works within a memory budget in passes over the data: first every layer's self
/// sums (X̃ᵀX̃, per part), from which each layer is prepared (`SumsLayer`, D² or a few D²
/// numbers) and the self sums dropped; then the cross pairs in groups whose sums fit what the
/// budget leaves, each group's cells evaluated as soon as its pass ends and its sums dropped.
/// Memory: one block of rows of every layer (12·B·ΣD bytes), the prepared layers, and one
/// group's sums; see `MemoryPlan.featureGrid`.
public enum StreamingFeatureGrid {
    /// The layers (rows, then columns unless `same`) and the cells of the grid: for each cell
    /// (i, j) its layers x, y in that list, and whether it mirrors cell (j, i) (a symmetric
    /// measure on a square grid of the same layers).
    struct Cell { let row: Int; let col: Int; let x: Int; let y: Int; let mirror: Bool }

    static func cells(rowCount: Int, colCount: Int, same: Bool, symmetric: Bool) -> [Cell] {
        var out: [Cell] = []
        for i in 0..<rowCount {
            for j in 0..<colCount {
                out.append(Cell(row: i, col: j, x: i, y: same ? j : rowCount + j, mirror: same && symmetric && j < i))
            }
        }
        return out
    }

    /// The split of the samples the measure needs (`regression`'s held-out halves), or `nil`.
    public static func split(for metric: Metric, range: Range<Int>) -> Int? {
        FeatureSumsMeasure.needsHeldOut(metric) ? FeatureSums.heldOutSplit(of: range) : nil
    }

    /// Every pair's sums of the grid over samples `range` (what `--partial` writes), each
    /// part in as many passes as `memoryBudget` needs.
    public static func sums(rows: [GridLayer], cols: [GridLayer], range: Range<Int>, split: Int?, memoryBudget: Int,
                            blockRows: Int = 2048, isCancelled: () -> Bool = { false }) throws -> FeatureSums {
        let ranges = FeatureSums.partRanges(range, split: split)
        let parts = try ranges.map {
            try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: $0, memoryBudget: memoryBudget / ranges.count,
                                              blockRows: blockRows, isCancelled: isCancelled)
        }
        return FeatureSums(parts: parts, split: split)
    }

    /// Prepares layer k from its self sums in every part; a failure names the layer.
    static func prepare(_ k: Int, parts: [LinearSums], metric: Metric, options: MetricOptions,
                        label: String) -> Result<SumsLayer, SimilarityError> {
        let bad = parts.reduce(0) { $0 + $1.layers[k].nonFinite }
        if bad > 0 { return .failure(.nonFinite(count: bad)) }
        let moments = parts.compactMap { ShiftedMoments($0, layer: k) }
        guard moments.count == parts.count else { return .failure(.degenerate("internal: self sums missing")) }
        // Sums read from a shard file are not trusted to be finite.
        guard moments.allSatisfy({ $0.isFinite }) else {
            return .failure(.degenerate("has sums that are not finite (a damaged or forged partial result?)"))
        }
        do { return .success(try SumsLayer(metric: metric, options: options, parts: moments)) } catch let e as SimilarityError {
            return .failure(e)
        } catch {
            return .failure(.degenerate("\(error)"))
        }
    }

    static func evaluate(_ metric: Metric, _ sx: Result<SumsLayer, SimilarityError>, _ sy: Result<SumsLayer, SimilarityError>,
                         labels: (String, String), cross: () -> [Matrix<Double>]?) -> PairOutcome {
        let lx: SumsLayer, ly: SumsLayer
        switch sx {
        case .success(let l): lx = l
        case .failure(let e): return PairOutcome(value: .undefined(reason: "\(labels.0) \(e)"))
        }
        switch sy {
        case .success(let l): ly = l
        case .failure(let e): return PairOutcome(value: .undefined(reason: "\(labels.1) \(e)"))
        }
        guard let parts = cross() else { return PairOutcome(value: .undefined(reason: "internal: pair not summed")) }
        guard parts.allSatisfy({ $0.storage.allSatisfy(\.isFinite) }) else {
            return PairOutcome(value: .undefined(reason: "the pair's sums are not finite (a damaged or forged partial result?)"))
        }
        return FeatureSumsMeasure.compare(metric, lx, ly, cross: parts)
    }

    static func label(_ labels: [String], _ k: Int) -> String { k < labels.count ? labels[k] : "a layer" }

    /// The grid's outcomes from complete sums (`merge`). `labels` name the layers (rows, then
    /// columns unless `same`) in undefined-cell reasons.
    public static func outcomes(_ sums: FeatureSums, rowCount: Int, colCount: Int, same: Bool, metric: Metric,
                                options: MetricOptions, labels: [String] = [],
                                threads: Int = Parallel.defaultThreads) -> [[PairOutcome]] {
        BLAS.useSingleThread()
        let layerCount = rowCount + (same ? 0 : colCount)
        let states = Parallel.map(layerCount, threads: threads) { k in
            prepare(k, parts: sums.parts, metric: metric, options: options, label: label(labels, k))
        }
        let all = cells(rowCount: rowCount, colCount: colCount, same: same, symmetric: metric.isSymmetric)
        let todo = all.filter { !$0.mirror }
        let results = Parallel.map(todo.count, threads: threads) { t in
            let c = todo[t]
            return evaluate(metric, states[c.x], states[c.y], labels: (label(labels, c.x), label(labels, c.y))) {
                let parts = sums.parts.compactMap { $0.shiftedCross(c.x, c.y) }
                return parts.count == sums.parts.count ? parts : nil
            }
        }
        return assemble(all, todo: todo, results: results, rowCount: rowCount, colCount: colCount)
    }

    static func assemble(_ all: [Cell], todo: [Cell], results: [PairOutcome], rowCount: Int, colCount: Int) -> [[PairOutcome]] {
        var out = [[PairOutcome?]](repeating: [PairOutcome?](repeating: nil, count: colCount), count: rowCount)
        for (c, r) in zip(todo, results) { out[c.row][c.col] = r }
        for c in all where c.mirror { out[c.row][c.col] = out[c.col][c.row]?.transposed }
        return out.map { $0.map { $0 ?? PairOutcome(value: .undefined(reason: "internal: cell not computed")) } }
    }

    /// Streams the grid of `metric` over samples `range` within `memoryBudget` bytes (see the
    /// type). Returns the outcomes and the NaN/Inf counts per layer (rows, then columns unless
    /// `same`).
    public static func compute(rows: [GridLayer], cols: [GridLayer], range: Range<Int>, metric: Metric,
                               options: MetricOptions, memoryBudget: Int, blockRows: Int = 2048,
                               threads: Int = Parallel.defaultThreads,
                               isCancelled: () -> Bool = { false }) throws -> (outcomes: [[PairOutcome]], nonFinite: [Int]) {
        BLAS.useSingleThread()
        let same = rows.map(\.id) == cols.map(\.id)
        let layers = rows + (same ? [] : cols)
        let sources = layers.map(\.source)
        let labels = layers.map(\.label)
        let widths = sources.map(\.width)
        let ranges = FeatureSums.partRanges(range, split: split(for: metric, range: range))
        let accumulator = LinearSumsAccumulator(blockRows: blockRows)
        let selfPairs = layers.indices.map { ($0, $0) }
        // Pass 1: the self sums, in groups if they do not fit at once.
        let plan = FeaturePassPlan(metric: metric, widths: widths, n: range.count, parts: ranges.count,
                                   blockRows: blockRows, threads: threads, budget: memoryBudget)
        let all = cells(rowCount: rows.count, colCount: cols.count, same: same, symmetric: metric.isSymmetric)
        let todo = all.filter { !$0.mirror }
        var results = [PairOutcome?](repeating: nil, count: todo.count)
        func run(_ indices: [Int], _ states: [Result<SumsLayer, SimilarityError>], _ parts: [LinearSums]) {
            let done = Parallel.map(indices.count, threads: threads) { t in
                let c = todo[indices[t]]
                return evaluate(metric, states[c.x], states[c.y], labels: (labels[c.x], labels[c.y])) {
                    let cross = parts.compactMap { $0.shiftedCross(c.x, c.y) }
                    return cross.count == parts.count ? cross : nil
                }
            }
            for (t, o) in zip(indices, done) { results[t] = o }
        }
        let states: [Result<SumsLayer, SimilarityError>]
        let nonFinite: [Int]
        do { // the self sums live only in this scope
            var selfParts = ranges.map { LinearSums(sampleCount: $0.count, layers: [], pairs: []) }
            for group in StreamingLinearGrid.groups(selfPairs, widths: widths, budget: plan.selfGroupBytes) {
                for (p, r) in ranges.enumerated() {
                    let s = try accumulator.accumulate(sources, pairs: group, range: r, threads: threads, isCancelled: isCancelled)
                    if selfParts[p].layers.isEmpty { selfParts[p].layers = s.layers }
                    for k in Set(group.map(\.0)) { selfParts[p].layers[k] = s.layers[k] }
                    selfParts[p].pairs += s.pairs
                }
            }
            let summed = selfParts
            nonFinite = layers.indices.map { k in summed.reduce(0) { $0 + $1.layers[k].nonFinite } }
            states = Parallel.map(layers.count, threads: threads) { k in
                prepare(k, parts: summed, metric: metric, options: options, label: labels[k])
            }
            // A layer against itself needs only its self sums.
            run(todo.indices.filter { todo[$0].x == todo[$0].y }, states, summed)
        }
        // Pass 2…: the cross pairs, a group at a time.
        var byPair: [Int: [Int]] = [:]
        var pairs: [(Int, Int)] = []
        for (t, c) in todo.enumerated() where c.x != c.y {
            let key = min(c.x, c.y) * layers.count + max(c.x, c.y)
            if byPair[key] == nil { pairs.append((min(c.x, c.y), max(c.x, c.y))) }
            byPair[key, default: []].append(t)
        }
        for group in StreamingLinearGrid.groups(pairs, widths: widths, budget: plan.crossGroupBytes) {
            if isCancelled() { throw SimilarityError.cancelled }
            let parts = try ranges.map {
                try accumulator.accumulate(sources, pairs: group, range: $0, threads: threads, isCancelled: isCancelled)
            }
            run(group.flatMap { byPair[$0.0 * layers.count + $0.1]! }, states, parts)
        }
        let outcomes = assemble(all, todo: todo, results: results.map { $0 ?? PairOutcome(value: .undefined(reason: "internal: cell not computed")) },
                                rowCount: rows.count, colCount: cols.count)
        return (outcomes, nonFinite)
    }
}

/// How the streamed feature grid splits a memory budget:
/// - one block of rows of every layer, read as float and widened to double: 12·B·ΣD bytes;
/// - per thread the work of one pair: about 6 D_X×D_Y double matrices (cross sums added,
///   centred, and the products of the measure);
/// - the prepared layers (`SumsLayer.preparedBytes`);
/// - in the first pass, every layer's self sums (8·D² per part), held until the layers are
///   prepared, plus a pass's running copy; afterwards a group of cross pairs' sums, each
///   8·D_X·D_Y bytes per part and held twice while a pass hands them over.
/// The least it works in (`floorBytes`) is all of that with the widest pair alone in a group.
public struct FeaturePassPlan: Sendable {
    public let blockBytes: Double
    public let layerBytes: Double
    public let workBytes: Double
    public let selfBytes: Double
    public let largestPairBytes: Double
    public let parts: Int
    public let budget: Double

    public init(metric: Metric, widths: [Int], n: Int, parts: Int, blockRows: Int, threads: Int, budget: Int) {
        let total = Double(widths.reduce(0, +))
        let widest = widths.max() ?? 0
        self.parts = max(parts, 1)
        blockBytes = 12 * Double(min(blockRows, max(n, 1))) * total
        layerBytes = widths.reduce(0.0) { $0 + SumsLayer.preparedBytes(metric: metric, width: $1) }
        workBytes = Double(max(threads, 1)) * 6 * 8 * Double(widest) * Double(widest)
        selfBytes = Double(self.parts) * Double(LinearSumsAccumulator.sumBytes(widths: widths, pairs: widths.indices.map { ($0, $0) }))
        largestPairBytes = Double(LinearSumsAccumulator.sumBytes(widths: [widest, widest], pairs: [(0, 1)]))
        self.budget = Double(budget)
    }

    /// The least the streamed grid needs.
    public var floorBytes: Double {
        blockBytes + workBytes + layerBytes + selfBytes + 2 * Double(parts) * largestPairBytes
    }

    private static func bytes(_ v: Double) -> Int { Int(min(max(v, 1), Double(Int.max / 4))) }

    /// Sums bytes one pass of self pairs may take (its running copy), per part.
    var selfGroupBytes: Int { Self.bytes((budget - blockBytes - workBytes - layerBytes - selfBytes) / Double(parts)) }
    /// Sums bytes one pass of cross pairs may take, per part.
    var crossGroupBytes: Int { Self.bytes((budget - blockBytes - workBytes - layerBytes) / Double(2 * parts)) }
}
