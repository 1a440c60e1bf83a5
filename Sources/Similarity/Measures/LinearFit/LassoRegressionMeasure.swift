import Foundation

/// Lasso regression R² (`regression-l1`): how much of the column layer Y the row layer X
/// explains through a sparse linear map, Csiszárik et al. 2021's direct matching with an L1
/// penalty. For every neuron j of Y, with α = `--l1` (default 0.01),
///
///     m_j = argmin_w (1/(2N)) ‖yc_j − Xc w‖² + α ‖w‖₁          (scikit-learn's `Lasso`)
///
/// with Xc, Yc centred (the intercept), solved by `LassoSolver` (coordinate descent on XcᵀXc,
/// stopped on a relative duality gap of 1e-10). The value is the pooled R²,
///
///     regression-l1(X, Y) = 1 − Σ_j ‖yc_j − Xc m_j‖² / ‖Yc‖²_F,
///
/// in [0, 1] (clamped against rounding), asymmetric, non-increasing in α, and 0 for
/// α ≥ α_max = max|XcᵀYc|/N (then M = 0). α is in the units of the activations' product, so
/// the value is invariant to scaling X by a and Y by b only when α is scaled by a·b
/// (M becomes (b/a)·M; its zero pattern is unchanged), and to permuting either layer's
/// neurons; not to rotations of either layer (the L1 norm is not).
///
/// Extras: `regression_l1_heldout_r2` (fit on the first half of the samples with the same α,
/// evaluated on the second, the split of `regression`; may be negative; left out when N < 4 or
/// Y is constant on the evaluation half), `regression_l1_zero_fraction` (entries of M that are
/// exactly 0), `regression_l1_alpha_max` and `regression_l1_sweeps`. Undefined: a constant Y,
/// NaN/±Inf, and a solve that did not reach the gap tolerance within `LassoSolver.maxSweeps`
/// sweeps (the reason gives the gap reached). A constant X gives 0.
///
/// Per layer: the centred layer and its Gram, O(N·D²). Per pair: XcᵀYc, O(N·D_X·D_Y), and
/// O(D_X²·D_Y) per coordinate-descent sweep, twice (all samples and the fit half).
public struct LassoRegressionMeasure: TypedPairMeasure {
    public let metric: Metric = .regressionL1
    /// α, the L1 weight.
    public let alpha: Double

    public init(options: MetricOptions) { alpha = options.l1Alpha }

    public var preparationKey: String { "regression-l1-gram" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> LassoLayer { try LassoLayer(x) }

    public func compareLayers(_ lx: LassoLayer, _ ly: LassoLayer) -> PairOutcome {
        let n = lx.sampleCount
        if let refusal = RegressionMeasure.refusal(rows: n, ly.sampleCount, columnSquares: ly.centredSquaredNorm) { return refusal }
        let xty = BLAS.product(lx.all.centred, transposeA: true, ly.all.centred)
        let fit = LassoSolver.solve(gram: lx.all.gram, xty: xty, yNorms: ly.all.columnSquaredNorms, n: n, alpha: alpha)
        guard fit.converged else { return PairOutcome(value: .undefined(reason: Self.notConverged(fit))) }
        var extras: [String: Double] = [
            "regression_l1_zero_fraction": fit.zeroFraction,
            "regression_l1_alpha_max": LassoSolver.alphaMax(xty: xty, n: n),
            "regression_l1_sweeps": Double(fit.sweeps),
        ]
        if let h = Self.heldOutR2(lx, ly, alpha: alpha), h.isFinite { extras["regression_l1_heldout_r2"] = h }
        let r2 = min(1, max(0, 1 - fit.residualSquares / ly.centredSquaredNorm))
        return PairOutcome(value: .checked(r2, otherwise: "the lasso R² is not finite"), extras: extras)
    }

    /// The held-out R² for α: fit on the first half, evaluated on the second; `nil` when
    /// either layer has no halves, Y is constant on the evaluation half, or the fit did not converge.
    static func heldOutR2(_ lx: LassoLayer, _ ly: LassoLayer, alpha: Double, start: Matrix<Double>? = nil) -> Double? {
        heldOutFit(lx, ly, alpha: alpha, start: start).map(\.r2)
    }

    /// The held-out fit and its R² (see `heldOutR2`).
    static func heldOutFit(_ lx: LassoLayer, _ ly: LassoLayer, alpha: Double,
                           start: Matrix<Double>? = nil) -> (fit: LassoSolver.Fit, r2: Double)? {
        guard let hx = lx.heldOut, let hy = ly.heldOut, hy.evaluationTotalSquares > 0 else { return nil }
        let xty = BLAS.product(hx.fit.centred, transposeA: true, hy.fit.centred)
        let fit = LassoSolver.solve(gram: hx.fit.gram, xty: xty, yNorms: hy.fit.columnSquaredNorms,
                                    n: hx.fit.sampleCount, alpha: alpha, start: start)
        guard fit.converged else { return nil }
        var residual = hy.evaluation
        BLAS.gemm(hx.evaluation, fit.coefficients, alpha: -1, beta: 1, into: &residual)
        return (fit, 1 - residual.squaredFrobeniusNorm / hy.evaluationTotalSquares)
    }

    static func notConverged(_ fit: LassoSolver.Fit) -> String {
        "coordinate descent did not converge: after \(fit.sweeps) sweeps the duality gap is "
            + "\(NumberFormatting.short(fit.relativeGap))·‖y_j‖², above the tolerance \(NumberFormatting.short(LassoSolver.tolerance))"
    }

    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        LassoLayer.preparedBytes(sampleCount: n, width: d)
    }
}

/// Short numbers inside reasons (Similarity does not see Palette).
enum NumberFormatting {
    static func short(_ v: Double) -> String { String(format: "%.2g", v) }
}
