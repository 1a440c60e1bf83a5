import Foundation

/// The whole grid of linear (and debiased) CKA without holding any layer or any n×n matrix:
/// the exact streamed sums (`LinearSums`), or minibatch CKA (`MinibatchSums`).
///
/// For the exact estimator, the pairs' sums need 8·D_X·D_Y bytes each; when they do not all
/// fit in `memoryBudget` the pairs are split into groups and the data is read once per group.
/// Each block of rows costs 4·B·ΣD bytes for the layers a group touches.
public enum StreamingLinearGrid {
    /// Which streaming estimator.
    public enum Estimator: Sendable, Equatable {
        /// The exact sums: the same values as the in-memory estimators.
        case exact
        /// Minibatch CKA with batches of `batchSize` samples (Nguyen et al. 2021).
        case minibatch(batchSize: Int)
    }

    /// The pairs a grid needs: every (row, col) cell — one triangle for a square grid of the
    /// same layers — plus each layer with itself. Indices are into `rows + (same ? [] : cols)`.
    public static func pairs(rowCount: Int, colCount: Int, same: Bool) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        if same {
            for i in 0..<rowCount { for j in i..<rowCount { out.append((i, j)) } }
        } else {
            for i in 0..<rowCount { out.append((i, i)) }
            for j in 0..<colCount { out.append((rowCount + j, rowCount + j)) }
            for i in 0..<rowCount { for j in 0..<colCount { out.append((i, rowCount + j)) } }
        }
        return out
    }

    /// Groups of pairs whose sums fit in `budget` bytes (at least one pair per group).
    public static func groups(_ pairs: [(Int, Int)], widths: [Int], budget: Int) -> [[(Int, Int)]] {
        var out: [[(Int, Int)]] = []
        var current: [(Int, Int)] = []
        var bytes = 0
        for p in pairs {
            let b = LinearSumsAccumulator.sumBytes(widths: widths, pairs: [p])
            if !current.isEmpty && bytes + b > budget {
                out.append(current)
                current = []
                bytes = 0
            }
            current.append(p)
            bytes += b
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Exact sums over samples `range` for the grid's pairs, in as many passes as the budget needs.
    public static func exactSums(rows: [GridLayer], cols: [GridLayer], range: Range<Int>, memoryBudget: Int,
                                 blockRows: Int = 2048, isCancelled: () -> Bool = { false }) throws -> LinearSums {
        let same = rows.map(\.id) == cols.map(\.id)
        let sources = (rows + (same ? [] : cols)).map(\.source)
        let widths = sources.map(\.width)
        let all = pairs(rowCount: rows.count, colCount: cols.count, same: same)
        let blockBytes = 4 * blockRows * widths.reduce(0, +)
        let budget = max(memoryBudget - blockBytes, 1)
        var merged: LinearSums? = nil
        var summed = Set<Int>()
        for group in groups(all, widths: widths, budget: budget) {
            let sums = try LinearSumsAccumulator(blockRows: blockRows)
                .accumulate(sources, pairs: group, range: range, isCancelled: isCancelled)
            // A pass sums only the layers its pairs touch: keep each layer's sums from the
            // first pass that read it.
            let touched = Set(group.flatMap { [$0.0, $0.1] })
            if merged == nil {
                merged = sums
            } else {
                merged!.pairs += sums.pairs
                for k in touched.subtracting(summed) { merged!.layers[k] = sums.layers[k] }
            }
            summed.formUnion(touched)
        }
        return merged ?? LinearSums(sampleCount: range.count, layers: [], pairs: [])
    }

    /// Minibatch sums over samples `range` for the grid's pairs.
    public static func minibatchSums(rows: [GridLayer], cols: [GridLayer], range: Range<Int>, batchSize: Int,
                                     threads: Int = Parallel.defaultThreads,
                                     isCancelled: () -> Bool = { false }) throws -> MinibatchSums {
        let same = rows.map(\.id) == cols.map(\.id)
        let sources = (rows + (same ? [] : cols)).map(\.source)
        let keys = pairs(rowCount: rows.count, colCount: cols.count, same: same).map { MinibatchSums.PairKey(x: $0.0, y: $0.1) }
        return try MinibatchAccumulator(batchSize: batchSize)
            .accumulate(sources, pairs: keys, range: range, threads: threads, isCancelled: isCancelled)
    }

    /// The grid's outcomes from exact sums (`metric` linear or debiased CKA). `labels` name the
    /// layers (rows, then columns unless `same`) in undefined-cell reasons.
    public static func outcomes(_ sums: LinearSums, rowCount: Int, colCount: Int, same: Bool, metric: Metric,
                                labels: [String] = []) -> [[PairOutcome]] {
        func bad(_ k: Int) -> PairOutcome? {
            let c = sums.layers[k].nonFinite
            guard c > 0 else { return nil }
            let name = k < labels.count ? labels[k] + " " : "a layer "
            return PairOutcome(value: .undefined(reason: "\(name)\(SimilarityError.nonFinite(count: c))"))
        }
        return (0..<rowCount).map { i in
            (0..<colCount).map { j in
                let y = same ? j : rowCount + j
                if let b = bad(i) ?? bad(y) { return b }
                let (a, b) = same && j < i ? (j, i) : (i, y)
                guard var r = sums.result(x: a, y: b) else {
                    return PairOutcome(value: .undefined(reason: "internal: pair not summed"))
                }
                if same && j < i { r = r.transposed }
                return PairOutcome(value: r.value(for: metric), cka: r)
            }
        }
    }

    /// The grid's outcomes from minibatch sums.
    public static func outcomes(_ sums: MinibatchSums, rowCount: Int, colCount: Int, same: Bool) -> [[PairOutcome]] {
        (0..<rowCount).map { i in
            (0..<colCount).map { j in
                let y = same ? j : rowCount + j
                let (a, b) = same && j < i ? (j, i) : (i, y)
                return PairOutcome(value: sums.value(x: a, y: b))
            }
        }
    }
}
