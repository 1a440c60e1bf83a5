/// Reduced-rank least squares of a centred response Yc (N×D_Y) on a centred predictor Xc
/// (N×D_X): the best M of rank at most k,
///
///     M_k = argmin_{rank M ≤ k} ‖Yc − Xc M‖_F = M_LS V_k V_kᵀ,
///
/// where M_LS is the (minimum-norm) least-squares solution and V_k holds the top k right
/// singular vectors of the fitted values F = Xc M_LS. Why: ‖Yc − Xc M‖² = ‖Yc − F‖² + ‖F − Xc M‖²
/// for every M (the residual Yc − F is orthogonal to the span of Xc), and the best rank-k
/// approximation of F (Eckart–Young) is F V_k V_kᵀ = Xc M_k, which lies in that span. This is
/// reduced-rank regression with identity weights (Izenman 1975; Csiszárik et al. 2021's
/// low-rank direct matching).
///
/// With Q the orthonormal basis of the span of Xc, F = Q C for C = Qᵀ Yc (r_X × D_Y), so F's
/// singular values are C's, s_1 ≥ s_2 ≥ …, and
///
///     R²_k = ‖F V_k‖²_F / ‖Yc‖²_F = Σ_{i ≤ k} s_i² / ‖Yc‖²_F.
///
/// For k ≥ rank F (the number of s_i above `NumericalRank.rank`'s tolerance) it is plain
/// least squares, the `regression` R².
public struct ReducedRankFit: Sendable {
    /// s_i², descending: the squared singular values of the fitted values.
    public let squaredSingularValues: [Double]
    /// ‖Yc‖²_F.
    public let totalSquares: Double
    /// rank F: the fitted values' numerical rank (at most min(r_X, D_Y)).
    public let fullRank: Int

    /// - Parameters:
    ///   - basis: Q, N×(≥ r) with orthonormal leading r columns spanning Xc.
    ///   - rank: r, the leading columns of `basis` used.
    ///   - yc: Yc, N×D_Y, centred.
    ///   - totalSquares: ‖Yc‖²_F.
    /// - Returns: `nil` when the SVD of C does not converge.
    public init?(basis: Matrix<Double>, rank: Int, yc: Matrix<Double>, totalSquares: Double) {
        let c = BLAS.crossProduct(basis, leadingColumns: rank, yc, leadingColumns: yc.cols)
        guard let s = LAPACK.singularValues(c) else { return nil }
        squaredSingularValues = s.map { $0 * $0 }
        self.totalSquares = totalSquares
        fullRank = NumericalRank.rank(singularValues: s, rows: c.rows, cols: c.cols)
    }

    /// R²_k, clamped to [0, 1] against rounding; k is capped at the fitted values' rank.
    public func r2(rank k: Int) -> Double {
        let used = min(max(k, 0), fullRank)
        let explained = squaredSingularValues.prefix(used).reduce(0, +)
        return min(1, max(0, explained / totalSquares))
    }
}

/// The held-out R² of reduced-rank fits, for every rank at once, on the split of
/// `HeldOutRegressionLayer` (fit rows F = 0..<N/2, evaluation rows E = N/2..<N).
///
/// On F: C_F = U_rᵀ (Y_F − 1μ_Fᵀ) = U_C S V_Cᵀ (thin SVD), M_k = V_r S_r⁻¹ C_F V_k V_kᵀ with V_k
/// the top k columns of V_C. On E, with Z the evaluation scores (`evaluationScores`,
/// (X_E − 1μ_F(X)ᵀ) V_r S_r⁻¹) and Y_E centred by Y's fit means, the prediction is
/// T_k V_kᵀ where T = Z U_C S, so (V_k has orthonormal columns)
///
///     ‖Y_E − T_k V_kᵀ‖² = ‖Y_E‖² − Σ_{i ≤ k} (2 (Y_E v_i)ᵀ t_i − ‖t_i‖²)
///
/// and R²_k = 1 − that / Σ_{i∈E} ‖y_i − ȳ_E‖² (pooled over columns, as `regression`).
public struct HeldOutReducedRankFit: Sendable {
    /// The held-out R² for k = 1, 2, …, `reductions.count`; beyond that it is the last.
    public let r2ByRank: [Double]
    /// The fit half's fitted-value rank.
    public let fullRank: Int

    /// - Returns: `nil` when Y is constant on E or the SVD fails.
    public init?(_ hx: HeldOutRegressionLayer, _ hy: HeldOutRegressionLayer, _ y: Matrix<Float>) {
        guard hy.evaluationTotalSquares > 0 else { return nil }
        let yFit = CentredColumns.subtracting(hy.fitMeans, from: y, rows: hy.fitRows)
        let yEval = CentredColumns.subtracting(hy.fitMeans, from: y, rows: hy.evaluationRows)
        let c = BLAS.crossProduct(hx.fitBasis, leadingColumns: hx.fitRank, yFit, leadingColumns: yFit.cols)
        guard let svd = LAPACK.svd(c) else { return nil }
        let q = svd.singularValues.count
        let rank = NumericalRank.rank(singularValues: svd.singularValues, rows: c.rows, cols: c.cols)
        fullRank = rank
        var us = svd.u
        for i in 0..<us.rows { for j in 0..<q { us.storage[i * q + j] *= svd.singularValues[j] } }
        let t = BLAS.product(hx.evaluationScores, us)                 // |E|×q
        let z = BLAS.product(yEval, svd.vt, transposeB: true)           // |E|×q
        var residual = yEval.squaredFrobeniusNorm
        var out: [Double] = []
        for k in 0..<rank {
            var zt = 0.0, tt = 0.0
            for i in 0..<t.rows { zt += z[i, k] * t[i, k]; tt += t[i, k] * t[i, k] }
            residual -= 2 * zt - tt
            out.append(1 - max(0, residual) / hy.evaluationTotalSquares)
        }
        if out.isEmpty { out = [1 - yEval.squaredFrobeniusNorm / hy.evaluationTotalSquares] }
        r2ByRank = out
    }

    /// The held-out R² at rank k (capped at the fit half's fitted-value rank; k ≥ 1).
    public func r2(rank k: Int) -> Double { r2ByRank[min(max(k, 1), r2ByRank.count) - 1] }
}
