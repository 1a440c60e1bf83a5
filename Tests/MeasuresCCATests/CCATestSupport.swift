import Foundation
import Similarity
import SimilarityTestSupport

/// The CCA-family tests' own layers: a milder scale, a tanh relation, invertible maps.
enum CCATestData {
    /// An n×d layer: standard normal, scaled per column and shifted, so it is neither centred
    /// nor isotropic.
    static func layer(_ n: Int, _ d: Int, seed: UInt64) -> Matrix<Float> {
        SeededLayers.layer(n, d, seed: seed, minScale: 0.4, scaleSpread: 2.0, shiftSpread: 3.0)
    }

    /// n×dy: tanh of a random projection of `x` plus noise, so it relates to x nonlinearly.
    static func related(to x: Matrix<Float>, width dy: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        let w = g.normalMatrix(rows: x.cols, cols: dy)
        var y = BLAS.product(x.toDouble(), w)
        for i in y.storage.indices { y.storage[i] = tanh(y.storage[i] / 3) + 0.4 * g.nextNormal() }
        return y.toFloat()
    }

    /// A well-conditioned invertible d×d map Q₁ · diag(s) · Q₂ with s in [0.5, 2], so the
    /// condition number is at most 4.
    static func invertible(_ d: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        let q1 = LAPACK.thinQ(g.normalMatrix(rows: d, cols: d))!
        var q2 = LAPACK.thinQ(g.normalMatrix(rows: d, cols: d))!
        for i in 0..<d {
            let s = 0.5 + 1.5 * g.nextUnit()
            for j in 0..<d { q2[i, j] *= s }
        }
        return BLAS.product(q1, q2)
    }

    /// x · a (+ b in every row), computed in double and rounded once to Float.
    static func affine(_ x: Matrix<Float>, _ a: Matrix<Double>, shift b: [Double]? = nil) -> Matrix<Float> {
        var y = BLAS.product(x.toDouble(), a)
        if let b {
            for i in 0..<y.rows { for j in 0..<y.cols { y[i, j] += b[j] } }
        }
        return y.toFloat()
    }
}

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double?, _ b: Double, _ tol: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tol * max(1, abs(b))
}

/// The five measures of this target.
let ccaFamily: [Metric] = [.ccaRho, .ccaR2, .svcca, .pwcca, .regression]
