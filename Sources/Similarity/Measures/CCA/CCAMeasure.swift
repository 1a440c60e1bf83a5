/// Mean canonical correlation (`cca-rho`) and mean squared canonical correlation (`cca-r2`)
/// as a `PairMeasure`.
///
/// Let ρ_1 ≥ … ≥ ρ_c be the canonical correlations between the centred layers X (row) and Y
/// (column), c = min(rank X, rank Y) (`CanonicalCorrelations`; rank = #{σ_i > rtol·σ_max} of the
/// centred layer's singular values in double, rtol = `MetricOptions.rankRtol`, 1e-6 by default,
/// see `NumericalRank.defaultRelativeTolerance`). Then
///
///     cca-rho:  ρ̄      = (1/c) Σ_i ρ_i         (Kornblith et al. 2019, App. C)
///     cca-r2:   R²_CCA = (1/c) Σ_i ρ_i²        (Yanai's generalised coefficient of determination)
///
/// Both are similarities in [0, 1] and symmetric. They are invariant to invertible linear maps
/// of either layer (and so to permuting or scaling neurons), because they depend only on the
/// spans. They are plug-in estimators on the N samples, and they are biased upward when
/// rank X + rank Y approaches N.
///
/// Undefined: a constant layer (rank 0; refused in `prepare`); NaN or ±Inf values; and
/// rank X + rank Y ≥ N, where some correlations are 1 by construction
/// (`CanonicalCorrelations.trivialityReason`).
///
/// Per layer: one centred SVD (`LayerSpectrum`, shared with `svcca` and `pwcca`). Per pair:
/// Q_Xᵀ Q_Y and its singular values, O(N·r_X·r_Y). The ranks used are reported in `extras` as
/// `rank_x` and `rank_y`.
public struct CCAMeasure: TypedPairMeasure {
    public let metric: Metric
    /// The relative rank tolerance (`MetricOptions.rankRtol`).
    public let rankRtol: Double

    /// - Parameter metric: `.ccaRho` or `.ccaR2`.
    public init(metric: Metric, options: MetricOptions = MetricOptions()) {
        precondition(metric == .ccaRho || metric == .ccaR2, "\(metric.rawValue) is not cca-rho or cca-r2")
        self.metric = metric
        self.rankRtol = options.rankRtol
    }

    public var preparationKey: String { LayerSpectrum.ccaPreparationKey(rankRelativeTolerance: rankRtol) }

    public func prepareLayer(_ x: Matrix<Float>) throws -> LayerSpectrum {
        try LayerSpectrum.forCCA(x, rankRelativeTolerance: rankRtol)
    }

    public func compareLayers(_ sx: LayerSpectrum, _ sy: LayerSpectrum) -> PairOutcome {
        if sx.sampleCount != sy.sampleCount { return CanonicalCorrelations.mismatch(sx.sampleCount, sy.sampleCount) }
        let extras = ["rank_x": Double(sx.rank), "rank_y": Double(sy.rank)]
        if let why = CanonicalCorrelations.trivialityReason(sx.rank, sy.rank, samples: sx.sampleCount) {
            return PairOutcome(value: .undefined(reason: why), extras: extras)
        }
        guard let cc = CanonicalCorrelations(sx.basis, leading: sx.rank, sy.basis, leading: sy.rank) else {
            return PairOutcome(value: .undefined(reason: "the SVD of the cross product of the bases (LAPACK dgesdd) did not converge"),
                               extras: extras)
        }
        let rho = cc.correlations
        let mean = metric == .ccaRho
            ? rho.reduce(0, +) / Double(rho.count)
            : rho.reduce(0) { $0 + $1 * $1 } / Double(rho.count)
        return PairOutcome(value: .checked(mean, otherwise: "the canonical correlations are not finite"), extras: extras)
    }
}

extension CCAMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        LayerSpectrum.preparedBytes(sampleCount: n, width: d)
    }
}
