import CBlas

/// L1-penalised least squares (the lasso) with several outputs, by cyclic coordinate descent
/// on the Gram matrix. The objective is scikit-learn's `Lasso` for every output column j:
///
///     minimise over w_j:  (1/(2n)) ‖yc_j − Xc w_j‖² + α ‖w_j‖₁
///
/// with Xc, Yc centred (scikit-learn's `fit_intercept=True` centres X and y and fits the
/// intercept as ȳ − x̄ᵀw, which leaves the coefficients of the centred problem). Scaled by n,
/// ½‖yc − Xc w‖² + λ‖w‖₁ with λ = nα.
///
/// Why coordinate descent on G = XcᵀXc (D_X × D_X): with the residual correlations
/// ρ = Xcᵀyc − G w kept up to date, the exact minimiser along coordinate i is
/// w_i ← S(ρ_i + G_ii w_i, λ) / G_ii (S the soft threshold), and a change Δ of w_i updates
/// ρ by −Δ·G[:, i]. One sweep costs O(D_X²) per output instead of O(N·D_X) on the samples, and
/// N ≥ D_X on every layer pair the measure is meant for; this is scikit-learn's
/// `enet_coordinate_descent_gram`, which its `Lasso` uses with `precompute=True`. The outputs
/// are independent problems: one sweep updates coordinate i of every output at once (a
/// rank-one `dger` on ρ), which is the same iteration per output, vectorised.
///
/// Stopping rule: the duality gap of each output, as scikit-learn computes it,
///
///     gap_j = ½(1 + c²)‖r_j‖² + λ‖w_j‖₁ − c·r_jᵀ yc_j,   c = min(1, λ / ‖Xcᵀ r_j‖_∞),
///
/// (r_j = yc_j − Xc w_j, ‖r_j‖² = ‖yc_j‖² − w_jᵀ(Xcᵀyc_j) − w_jᵀρ_j) bounds the objective's
/// distance from its minimum. The solver stops when every gap_j ≤ `tolerance`·‖yc_j‖²
/// (scikit-learn's scaling of `tol`) after ρ is recomputed exactly, and reports
/// `converged = false` after `maxSweeps` sweeps otherwise; callers say so.
///
/// Support polishing: plain coordinate descent needs thousands of sweeps at small α on
/// correlated neurons. Every `polishInterval` sweeps, each output's current support S and
/// signs σ are taken as a guess of the optimum's, whose optimality conditions then read
/// G_SS w_S = (Xcᵀyc)_S − λσ (one Cholesky solve, LAPACK `dposv`). The candidate is kept
/// only if its signs agree with σ and its duality gap is smaller than the iterate's, so the
/// gap, and the stopping rule on it, decide as before; the result is the same optimum, reached
/// sooner (the lasso's active-set refinement, as in LARS' final step).
public enum LassoSolver {
    /// The relative duality-gap tolerance: gap_j ≤ 1e-10·‖yc_j‖². The R² it gives is within
    /// 1e-10 of the optimum's.
    public static let tolerance = 1e-10
    /// The most sweeps over all coordinates.
    public static let maxSweeps = 10_000
    /// Sweeps between support polishings.
    public static let polishInterval = 20

    /// The solution for one α.
    public struct Fit: Sendable {
        /// W, D_X × D_Y.
        public let coefficients: Matrix<Double>
        /// Σ_j ‖yc_j − Xc w_j‖².
        public let residualSquares: Double
        /// Sweeps over the coordinates taken.
        public let sweeps: Int
        /// Whether every output reached the gap tolerance.
        public let converged: Bool
        /// max_j gap_j / ‖yc_j‖² at the end (0 for outputs with ‖yc_j‖ = 0).
        public let relativeGap: Double

        /// The fraction of W's entries that are exactly zero.
        public var zeroFraction: Double {
            let c = coefficients.storage
            return c.isEmpty ? 1 : Double(c.count(where: { $0 == 0 })) / Double(c.count)
        }
    }

    /// α_max = max |Xcᵀ Yc| / n: the smallest α at which W = 0 (scikit-learn's `_alpha_grid`).
    public static func alphaMax(xty: Matrix<Double>, n: Int) -> Double {
        (xty.storage.map(abs).max() ?? 0) / Double(n)
    }

    /// - Parameters:
    ///   - gram: G = XcᵀXc, D_X × D_X.
    ///   - xty: Xcᵀ Yc, D_X × D_Y.
    ///   - yNorms: ‖yc_j‖² for every output (length D_Y).
    ///   - n: the number of samples of Xc, Yc.
    ///   - alpha: α > 0.
    ///   - start: a warm start W (D_X × D_Y), e.g. the solution at a larger α.
    public static func solve(gram: Matrix<Double>, xty: Matrix<Double>, yNorms: [Double], n: Int, alpha: Double,
                             start: Matrix<Double>? = nil, isCancelled: () -> Bool = { false }) -> Fit {
        let d = gram.rows, q = xty.cols
        precondition(gram.cols == d && xty.rows == d && yNorms.count == q, "lasso shapes")
        let lambda = Double(n) * alpha
        var w = start ?? Matrix<Double>(rows: d, cols: q)
        var rho = exactCorrelations(gram, xty, w)
        var delta = [Double](repeating: 0, count: q)
        var sweeps = 0, gap = Double.infinity
        while sweeps < maxSweeps {
            if isCancelled() { break }
            sweeps += 1
            for i in 0..<d {
                let g = gram[i, i]
                var changed = false
                for j in 0..<q {
                    let old = w.storage[i * q + j]
                    let new = g > 0 ? softThreshold(rho.storage[i * q + j] + g * old, lambda) / g : 0
                    delta[j] = new - old
                    if new != old { changed = true; w.storage[i * q + j] = new }
                }
                if changed { rankOneDown(gram, row: i, delta, &rho) }
            }
            gap = relativeGap(w, xty, rho, yNorms, lambda)
            if gap <= tolerance || sweeps % polishInterval == 0 {
                rho = exactCorrelations(gram, xty, w)
                if gap > tolerance { polish(gram, xty, yNorms, lambda, &w, &rho) }
                gap = relativeGap(w, xty, rho, yNorms, lambda)
                if gap <= tolerance { break }
            }
        }
        rho = exactCorrelations(gram, xty, w)
        gap = relativeGap(w, xty, rho, yNorms, lambda)
        var residual = 0.0
        for j in 0..<q { residual += max(0, residualSquares(w, xty, rho, yNorms, column: j)) }
        return Fit(coefficients: w, residualSquares: residual, sweeps: sweeps, converged: gap <= tolerance, relativeGap: gap)
    }

    static func softThreshold(_ z: Double, _ lambda: Double) -> Double {
        z > lambda ? z - lambda : (z < -lambda ? z + lambda : 0)
    }

    /// ρ = Xcᵀyc − G W.
    static func exactCorrelations(_ gram: Matrix<Double>, _ xty: Matrix<Double>, _ w: Matrix<Double>) -> Matrix<Double> {
        var rho = xty
        BLAS.gemm(gram, w, alpha: -1, beta: 1, into: &rho)
        return rho
    }

    /// ρ −= G[i, :]ᵀ Δᵀ (G is symmetric, so its row i is its column i).
    static func rankOneDown(_ gram: Matrix<Double>, row i: Int, _ delta: [Double], _ rho: inout Matrix<Double>) {
        let d = gram.rows, q = rho.cols
        gram.storage.withUnsafeBufferPointer { g in
            delta.withUnsafeBufferPointer { dl in
                rho.storage.withUnsafeMutableBufferPointer { r in
                    cblas_dger(CblasRowMajor, Int32(d), Int32(q), -1, g.baseAddress! + i * d, 1, dl.baseAddress, 1,
                               r.baseAddress, Int32(q))
                }
            }
        }
    }

    /// ‖yc_j − Xc w_j‖² = ‖yc_j‖² − w_jᵀ(Xcᵀyc_j) − w_jᵀρ_j.
    static func residualSquares(_ w: Matrix<Double>, _ xty: Matrix<Double>, _ rho: Matrix<Double>, _ yNorms: [Double],
                                column j: Int) -> Double {
        var wq = 0.0, wr = 0.0
        for i in 0..<w.rows { wq += w[i, j] * xty[i, j]; wr += w[i, j] * rho[i, j] }
        return yNorms[j] - wq - wr
    }

    /// max_j gap_j / ‖yc_j‖² (outputs with ‖yc_j‖ = 0 have W = 0 and no gap).
    static func relativeGap(_ w: Matrix<Double>, _ xty: Matrix<Double>, _ rho: Matrix<Double>, _ yNorms: [Double],
                            _ lambda: Double) -> Double {
        var worst = 0.0
        for j in 0..<w.cols where yNorms[j] > 0 {
            worst = max(worst, columnGap(w, xty, rho, yNorms, lambda, column: j) / yNorms[j])
        }
        return worst
    }

    /// gap_j, the duality gap of output j.
    static func columnGap(_ w: Matrix<Double>, _ xty: Matrix<Double>, _ rho: Matrix<Double>, _ yNorms: [Double],
                          _ lambda: Double, column j: Int) -> Double {
        var wq = 0.0, wr = 0.0, l1 = 0.0, dual = 0.0
        for i in 0..<w.rows {
            let wi = w[i, j]
            wq += wi * xty[i, j]; wr += wi * rho[i, j]; l1 += abs(wi); dual = max(dual, abs(rho[i, j]))
        }
        let r2 = max(0, yNorms[j] - wq - wr)
        let c = dual > lambda ? lambda / dual : 1
        return 0.5 * (1 + c * c) * r2 + lambda * l1 - c * (yNorms[j] - wq)
    }

    /// Replaces each output's coefficients by the solution of its optimality conditions on its
    /// current support and signs, where that solution keeps the signs and lowers the gap.
    /// `rho` must be exact on entry and is exact on return.
    static func polish(_ gram: Matrix<Double>, _ xty: Matrix<Double>, _ yNorms: [Double], _ lambda: Double,
                       _ w: inout Matrix<Double>, _ rho: inout Matrix<Double>) {
        let d = w.rows, q = w.cols
        var candidate = w
        for j in 0..<q where yNorms[j] > 0 {
            let support = (0..<d).filter { w[$0, j] != 0 }
            guard !support.isEmpty else { continue }
            let m = support.count
            var a = [Double](repeating: 0, count: m * m), b = [Double](repeating: 0, count: m)
            for (r, i) in support.enumerated() {
                for (c, k) in support.enumerated() { a[r * m + c] = gram[i, k] }
                b[r] = xty[i, j] - lambda * (w[i, j] > 0 ? 1 : -1)
            }
            let info = a.withUnsafeMutableBufferPointer { pa in
                b.withUnsafeMutableBufferPointer { pb in
                    LAPACKE_dposv(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "U")), Int32(m), 1, pa.baseAddress, Int32(m),
                                  pb.baseAddress, 1)
                }
            }
            guard info == 0, zip(support, b).allSatisfy({ ($1 > 0) == (w[$0, j] > 0) && $1 != 0 }) else { continue }
            for (r, i) in support.enumerated() { candidate[i, j] = b[r] }
        }
        let candidateRho = exactCorrelations(gram, xty, candidate)
        for j in 0..<q where yNorms[j] > 0 {
            let before = columnGap(w, xty, rho, yNorms, lambda, column: j)
            let after = columnGap(candidate, xty, candidateRho, yNorms, lambda, column: j)
            guard after < before else { continue }
            for i in 0..<d { w[i, j] = candidate[i, j]; rho[i, j] = candidateRho[i, j] }
        }
    }
}
