/// Reduced-rank regression R² (`regression-rank`): how much of the column layer Y the row
/// layer X explains through a linear map of rank at most k (`--rank`, default 8). Csiszárik
/// et al. 2021's direct matching under a rank constraint.
///
///     regression-rank(X, Y) = 1 − ‖Yc − Xc M_k‖²_F / ‖Yc‖²_F = Σ_{i ≤ k} s_i² / ‖Yc‖²_F
///
/// with Xc, Yc centred (the intercept), M_k = M_LS V_k V_kᵀ (the least-squares fit projected
/// onto the top k right singular vectors of its fitted values Xc M_LS) and s_i the singular
/// values of those fitted values (see `ReducedRankFit`, which shows this M_k is the optimum).
/// When k ≥ rank(Xc M_LS) the constraint is inactive and the value equals `regression`.
///
/// A similarity in [0, 1], asymmetric, non-decreasing in k. Invariant to invertible linear
/// maps of X, to orthogonal maps and isotropic scaling of Y, and to permuting either layer's
/// neurons. Extras: `regression_rank_heldout_r2` (fit on the first half of the samples,
/// evaluated on the second, the split of `regression`; may be negative; left out when
/// N < 4 or Y is constant on the evaluation half), `regression_rank_k` (the rank used,
/// min(k, rank)) and `regression_rank_full_rank` (rank of the fitted values). Undefined: a
/// constant Y, NaN/±Inf. A constant X gives 0.
///
/// Shares its per-layer state with `regression` (`RegressionLayer`). Per pair: O(N·r_X·D_Y)
/// plus an SVD of the r_X × D_Y matrix Q_Xᵀ Yc.
public struct ReducedRankRegressionMeasure: TypedPairMeasure {
    public let metric: Metric = .regressionRank
    /// k, the largest rank of the map.
    public let rank: Int

    public init(options: MetricOptions) { rank = options.regressionRank }

    public var preparationKey: String { "regression-least-squares" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> RegressionLayer { try RegressionLayer(x) }

    public func compareLayers(_ lx: RegressionLayer, _ ly: RegressionLayer) -> PairOutcome {
        let n = lx.sampleCount
        if let refusal = RegressionMeasure.refusal(rows: n, ly.sampleCount, columnSquares: ly.centredSquaredNorm) { return refusal }
        let yc = CentredColumns.subtracting(ly.means, from: ly.activations, rows: 0..<n)
        guard let fit = ReducedRankFit(basis: lx.basis, rank: lx.rank, yc: yc, totalSquares: ly.centredSquaredNorm) else {
            return PairOutcome(value: .undefined(reason: "the SVD (LAPACK dgesdd) of the fitted values did not converge"))
        }
        var extras: [String: Double] = ["regression_rank_k": Double(min(rank, fit.fullRank)),
                                        "regression_rank_full_rank": Double(fit.fullRank)]
        if let hx = lx.heldOut, let hy = ly.heldOut, let h = HeldOutReducedRankFit(hx, hy, ly.activations)?.r2(rank: rank),
           h.isFinite {
            extras["regression_rank_heldout_r2"] = h
        }
        return PairOutcome(value: .checked(fit.r2(rank: rank), otherwise: "the reduced-rank R² is not finite"), extras: extras)
    }

    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        RegressionMeasure().preparedBytes(sampleCount: n, width: d)
    }
}
