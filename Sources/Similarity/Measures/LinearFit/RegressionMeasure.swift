/// Linear regression R² of the column layer Y on the row layer X, as a `PairMeasure`. This is
/// the "direct matching" stitching of Csiszárik et al. 2021 and the linear regression measure
/// of Kornblith et al. 2019.
///
/// Least squares with an intercept, pooled over all of Y's columns:
///
///     R² = 1 − ‖Yc − Xc B‖²_F / ‖Yc‖²_F = ‖Q_Xᵀ Yc‖²_F / ‖Yc‖²_F
///
/// B is the least-squares solution, minimum-norm when Xc is rank-deficient (rank by
/// `NumericalRank`, as `numpy.linalg.lstsq` with rcond = max(N, D)·ε_Float32). Xc B is the
/// projection of Yc onto the span of Xc, whose orthonormal basis is Q_X. The second form
/// follows from that. A similarity in [0, 1], clamped against rounding above 1. Asymmetric.
/// It is invariant to invertible linear maps of X and to orthogonal maps, permutations and
/// isotropic scaling of Y. It equals 1 for Y = XA + 1bᵀ, and also whenever rank X = N − 1
/// (in particular when D_X ≥ N): then X spans every centred direction. That is why
/// `extras["regression_heldout_r2"]` reports the held-out R² (see `HeldOutRegressionLayer`;
/// it may be negative).
///
/// A constant X (rank 0) gives R² = 0: the intercept alone predicts Y's mean, which is exact.
/// Undefined: a constant Y (‖Yc‖ = 0, nothing to explain) and NaN/±Inf values. The held-out
/// extra is left out when N < 4 or Y is constant on the evaluation half.
///
/// Per layer: two SVDs (all samples, fit half). Per pair: O(N·r_X·D_Y).
public struct RegressionMeasure: TypedPairMeasure {
    public let metric: Metric = .regression

    public init() {}

    public var preparationKey: String { "regression-least-squares" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> RegressionLayer {
        try RegressionLayer(x)
    }

    public func compareLayers(_ lx: RegressionLayer, _ ly: RegressionLayer) -> PairOutcome {
        let n = lx.sampleCount
        if let refusal = RegressionMeasure.refusal(rows: n, ly.sampleCount, columnSquares: ly.centredSquaredNorm) { return refusal }
        let yc = CentredColumns.subtracting(ly.means, from: ly.activations, rows: 0..<n)
        let explained = BLAS.crossProduct(lx.basis, leadingColumns: lx.rank, yc, leadingColumns: yc.cols).squaredFrobeniusNorm
        let r2 = min(1, explained / ly.centredSquaredNorm)
        var extras: [String: Double] = [:]
        if let hx = lx.heldOut, let hy = ly.heldOut, let h = Self.heldOutR2(hx, hy, ly.activations), h.isFinite {
            extras["regression_heldout_r2"] = h
        }
        return PairOutcome(value: .checked(r2, otherwise: "the regression R² is not finite"), extras: extras)
    }

    /// The outcome of a pair no regression can be fitted to, or `nil`: the layers' sample
    /// counts differ, or Y is constant (‖Yc‖²_F = `columnSquares` = 0, nothing to explain).
    static func refusal(rows n: Int, _ ny: Int, columnSquares: Double) -> PairOutcome? {
        if n != ny { return CanonicalCorrelations.mismatch(n, ny) }
        guard columnSquares > 0 else {
            return PairOutcome(value: .undefined(reason:
                "the column layer is constant on all \(n) samples, so it has no variance for the row layer to explain"))
        }
        return nil
    }

    /// 1 − ‖Y_E − Ŷ_E‖²_F / Σ_{i∈E} ‖y_i − ȳ_E‖², or `nil` when Y is constant on E.
    static func heldOutR2(_ hx: HeldOutRegressionLayer, _ hy: HeldOutRegressionLayer, _ y: Matrix<Float>) -> Double? {
        guard hy.evaluationTotalSquares > 0 else { return nil }
        let yFit = CentredColumns.subtracting(hy.fitMeans, from: y, rows: hy.fitRows)
        var residual = CentredColumns.subtracting(hy.fitMeans, from: y, rows: hy.evaluationRows)
        let coefficients = BLAS.crossProduct(hx.fitBasis, leadingColumns: hx.fitRank, yFit, leadingColumns: yFit.cols)
        BLAS.gemm(hx.evaluationScores, coefficients, alpha: -1, beta: 1, into: &residual)
        return 1 - residual.squaredFrobeniusNorm / hy.evaluationTotalSquares
    }
}

extension RegressionMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // The raw layer, the basis of the full fit and of the held-out fit, the evaluation
        // scores, and the SVD's double copies (centred input, U, Vᵀ).
        let n = Double(n), d = Double(d)
        return 4 * n * d + 8 * n * d * 5 + 16 * d * d
    }
}
