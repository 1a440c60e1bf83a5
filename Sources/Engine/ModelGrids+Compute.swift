import Similarity

/// Computing every model pair's grid (the baseline, correspondence): one `GridComputation`
/// per pair of models, all through `cache`, so each layer is prepared once while it stays cached.
extension ModelGrids {
    /// - Parameters:
    ///   - models: each model's layers.
    ///   - progress: (grids done, grids total).
    public init(models: [[GridLayer]], measure: any PairMeasure, cache: PreparedLayerCache = PreparedLayerCache(),
                threads: Int = 1, isCancelled: @Sendable () -> Bool = { false },
                progress: (Int, Int) -> Void = { _, _ in }) throws {
        let m = models.count
        var out = [[[[CellValue]]?]](repeating: [[[CellValue]]?](repeating: nil, count: m), count: m)
        let symmetric = measure.metric.isSymmetric
        let total = symmetric ? m * (m - 1) / 2 : m * (m - 1)
        var done = 0
        for p in 0..<m {
            for q in 0..<m where p != q {
                if symmetric && q < p { continue }
                let grid = try GridComputation(rows: models[p], cols: models[q], measure: measure, cache: cache)
                    .run(threads: threads, isCancelled: isCancelled).map { $0.map(\.value) }
                out[p][q] = grid
                if symmetric {
                    out[q][p] = (0..<models[q].count).map { i in (0..<models[p].count).map { j in grid[j][i] } }
                }
                done += 1
                progress(done, total)
            }
        }
        self.init(grids: out)
    }
}
