import Foundation
import Similarity

/// Computes a whole rows × cols grid synchronously (the headless `compute` path).
///
/// Every layer is prepared once (through the shared cache), then every pair is compared.
/// For a symmetric measure on a square grid whose rows and columns are the same layers,
/// only the upper triangle is computed and mirrored.
public struct GridComputation: Sendable {
    public let rows: [GridLayer]
    public let cols: [GridLayer]
    public let evaluator: PairEvaluator

    public init(rows: [GridLayer], cols: [GridLayer], measure: any PairMeasure, cache: PreparedLayerCache = PreparedLayerCache()) {
        self.rows = rows
        self.cols = cols
        self.evaluator = PairEvaluator(measure: measure, cache: cache)
    }

    /// True when only the upper triangle needs computing.
    public var usesSymmetry: Bool {
        evaluator.measure.metric.isSymmetric && rows.map(\.id) == cols.map(\.id)
    }

    /// Runs the grid: every layer is prepared once, then every pair compared, each step
    /// spread over `threads` threads (BLAS stays single-threaded: see `Parallel`).
    /// `progress(done, total)` is called as pairs finish, from the calling thread when
    /// `threads` is 1 and from worker threads otherwise; `isCancelled` is polled between items.
    /// - Returns: `outcomes[i][j]` for row layer i and column layer j.
    /// - Throws: `SimilarityError.cancelled` when cancelled.
    public func run(threads: Int = 1, isCancelled: @Sendable () -> Bool = { false },
                    progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws -> [[PairOutcome]] {
        let symmetric = usesSymmetry
        // Prepare each distinct layer once, in parallel (the cache keeps the results).
        var unique: [GridLayer] = []
        var seen = Set<String>()
        for l in rows + cols where !seen.contains(l.id) { seen.insert(l.id); unique.append(l) }
        let evaluator = self.evaluator
        let layers = unique
        _ = Parallel.map(layers.count, threads: threads) { k in
            if !isCancelled() { _ = evaluator.cache.prepared(layers[k], for: evaluator.measure) }
        }
        if isCancelled() { throw SimilarityError.cancelled }
        var positions: [GridPosition] = []
        for i in rows.indices {
            for j in cols.indices where !(symmetric && j < i) { positions.append(GridPosition(row: i, col: j)) }
        }
        let total = positions.count
        let counter = DoneCounter()
        let rows = self.rows, cols = self.cols
        let todo = positions
        let results: [PairOutcome?] = Parallel.map(todo.count, threads: threads) { k in
            if isCancelled() { return nil }
            let p = todo[k]
            let o = evaluator.evaluate(rows[p.row], cols[p.col])
            progress(counter.increment(), total)
            return o
        }
        if isCancelled() { throw SimilarityError.cancelled }
        var out = [[PairOutcome?]](repeating: [PairOutcome?](repeating: nil, count: cols.count), count: rows.count)
        for (k, p) in positions.enumerated() {
            out[p.row][p.col] = results[k]
            if symmetric && p.row != p.col { out[p.col][p.row] = results[k]?.transposed }
        }
        return out.map { $0.map { $0! } }
    }

    /// Counts finished pairs across threads.
    private final class DoneCounter: @unchecked Sendable {
        // @unchecked: `n` is guarded by `lock`.
        private let lock = NSLock()
        private var n = 0
        func increment() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }
}
