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

    /// Runs the grid. `progress(done, total)` is called after each cell; `isCancelled` is
    /// polled between cells.
    /// - Returns: `outcomes[i][j]` for row layer i and column layer j.
    /// - Throws: `SimilarityError.cancelled` when cancelled.
    public func run(isCancelled: () -> Bool = { false },
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> [[PairOutcome]] {
        let symmetric = usesSymmetry
        let total = symmetric ? rows.count * (rows.count + 1) / 2 : rows.count * cols.count
        var out = [[PairOutcome?]](repeating: [PairOutcome?](repeating: nil, count: cols.count), count: rows.count)
        var done = 0
        for i in rows.indices {
            for j in cols.indices {
                if symmetric && j < i { continue }
                if isCancelled() { throw SimilarityError.cancelled }
                let o = evaluator.evaluate(rows[i], cols[j])
                out[i][j] = o
                if symmetric && i != j { out[j][i] = o.transposed }
                done += 1
                progress(done, total)
            }
        }
        return out.map { $0.map { $0! } }
    }
}
