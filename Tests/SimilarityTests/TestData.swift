import Similarity

/// Seeded layers for property tests. Each helper documents the shape it returns.
enum TestData {
    /// An n×d standard-normal matrix, scaled per column and shifted so it is not centred.
    static func layer(_ n: Int, _ d: Int, seed: UInt64) -> Matrix<Float> {
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

    /// A random d×d orthogonal matrix (Q of a Gaussian matrix).
    static func orthogonal(_ d: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        return LAPACK.thinQ(g.normalMatrix(rows: d, cols: d))!
    }

    /// x · q, for x n×d (Float) and q d×d (Double).
    static func transform(_ x: Matrix<Float>, by q: Matrix<Double>) -> Matrix<Float> {
        BLAS.product(x.toDouble(), q).toFloat()
    }
}

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tol: Double = 1e-5) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// Computes one CKA-family value for two in-memory layers.
func ckaValue(_ metric: Metric, _ x: Matrix<Float>, _ y: Matrix<Float>,
              form: KernelForm = .gram, fraction: Double = 0.5) -> CellValue {
    let m = CKAMeasure(metric: metric, options: MetricOptions(rbfFraction: fraction), form: form)
    let evaluator = PairEvaluator(measure: m, cache: PreparedLayerCache())
    return evaluator.evaluate(GridLayer(id: "x", label: "X", source: InMemoryActivations(x)),
                              GridLayer(id: "y", label: "Y", source: InMemoryActivations(y))).value
}
