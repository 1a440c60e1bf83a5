import Similarity

/// Seeded layers for property tests. Each helper documents the shape it returns.
enum Layers {
    /// An n×d standard-normal matrix, scaled per column and shifted so it is not centred.
    static func random(_ n: Int, _ d: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        var m = g.normalMatrix(rows: n, cols: d)
        for j in 0..<d {
            let scale = 0.3 + 2.0 * g.nextUnit()
            let shift = 4.0 * g.nextNormal()
            for i in 0..<n { m[i, j] = m[i, j] * scale + shift }
        }
        return m.toFloat()
    }

    /// A layer related to `x` (n×dx → n×dy): ReLU of a random projection plus noise.
    static func related(to x: Matrix<Float>, width dy: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        let w = g.normalMatrix(rows: x.cols, cols: dy)
        var y = BLAS.product(x.toDouble(), w)
        for i in y.storage.indices { y.storage[i] = max(0, y.storage[i]) + 0.5 * g.nextNormal() }
        return y.toFloat()
    }

    /// `x` with the columns `dead` set to the constant `value` (n×d).
    static func withDeadColumns(_ x: Matrix<Float>, _ dead: [Int], value: Float = 0.75) -> Matrix<Float> {
        var out = x
        for j in dead { for i in 0..<x.rows { out[i, j] = value } }
        return out
    }

    /// A random d×d orthogonal matrix (Q of a Gaussian matrix).
    static func orthogonal(_ d: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        return LAPACK.thinQ(g.normalMatrix(rows: d, cols: d))!
    }

    /// x · q, for x n×d (Float) and q d×d (Double).
    static func transform(_ x: Matrix<Float>, by q: Matrix<Double>) -> Matrix<Float> {
        BLAS.product(x.toDouble(), q).toFloat()
    }

    /// Every element times `factor`.
    static func scaled(_ x: Matrix<Float>, by factor: Float) -> Matrix<Float> {
        Matrix(rows: x.rows, cols: x.cols, storage: x.storage.map { $0 * factor })
    }
}

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// |a − b| ≤ tol · |b| (for values far from 1, e.g. HSIC totals in the thousands or shares).
func relativelyClose(_ a: Double?, _ b: Double, _ tol: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * abs(b)
}

/// One cell through the engine's path: per-layer preparation (cached), then the pair.
func outcome(_ metric: Metric, _ x: Matrix<Float>, _ y: Matrix<Float>,
             options: MetricOptions = MetricOptions()) -> PairOutcome {
    guard let measure = MeasureFactory.measure(for: metric, options: options) else {
        return PairOutcome(value: .undefined(reason: "test: \(metric.rawValue) is not wired"))
    }
    let evaluator = PairEvaluator(measure: measure, cache: PreparedLayerCache())
    return evaluator.evaluate(GridLayer(id: "x", label: "X", source: InMemoryActivations(x)),
                              GridLayer(id: "y", label: "Y", source: InMemoryActivations(y)))
}

/// The four measures this target covers.
let matchMeasures: [Metric] = [.procrustes, .mmdPoly, .knn, .matchedCorr]
