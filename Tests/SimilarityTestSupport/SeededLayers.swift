import Similarity

/// Seeded synthetic layers for the measures' property tests (invariances, known cases).
/// Each helper documents the shape it returns; the same seed always gives the same layer.
public enum SeededLayers {
    /// An n×d standard-normal matrix with column j scaled by `minScale + scaleSpread·u_j`
    /// (u_j uniform in [0, 1)) and shifted by `shiftSpread·z_j` (z_j standard normal), so it
    /// is neither centred nor isotropic.
    public static func layer(_ n: Int, _ d: Int, seed: UInt64, minScale: Double = 0.3,
                             scaleSpread: Double = 2.0, shiftSpread: Double = 4.0) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        var m = g.normalMatrix(rows: n, cols: d)
        for j in 0..<d {
            let scale = minScale + scaleSpread * g.nextUnit()
            let shift = shiftSpread * g.nextNormal()
            for i in 0..<n { m[i, j] = m[i, j] * scale + shift }
        }
        return m.toFloat()
    }

    /// A layer related to `x` (n×dx → n×dy): ReLU of a random projection plus noise.
    public static func related(to x: Matrix<Float>, width dy: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        let w = g.normalMatrix(rows: x.cols, cols: dy)
        var y = BLAS.product(x.toDouble(), w)
        for i in y.storage.indices { y.storage[i] = max(0, y.storage[i]) + 0.5 * g.nextNormal() }
        return y.toFloat()
    }

    /// `x` (n×d) with the columns `dead` set to the constant `value`.
    public static func withDeadColumns(_ x: Matrix<Float>, _ dead: [Int], value: Float = 0.75) -> Matrix<Float> {
        var out = x
        for j in dead { for i in 0..<x.rows { out[i, j] = value } }
        return out
    }

    /// A random d×d orthogonal matrix (Q of a Gaussian matrix).
    public static func orthogonal(_ d: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        return LAPACK.thinQ(g.normalMatrix(rows: d, cols: d))!
    }

    /// x · q, for x n×d (Float) and q d×k (Double), computed in double and rounded once.
    public static func transform(_ x: Matrix<Float>, by q: Matrix<Double>) -> Matrix<Float> {
        BLAS.product(x.toDouble(), q).toFloat()
    }

    /// Every element of `x` times `factor`.
    public static func scaled(_ x: Matrix<Float>, by factor: Float) -> Matrix<Float> {
        Matrix(rows: x.rows, cols: x.cols, storage: x.storage.map { $0 * factor })
    }
}
