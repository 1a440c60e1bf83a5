/// SVCCA (Raghu et al. 2017) as a `PairMeasure`.
///
/// For each centred layer, keep the k leading singular directions that hold
/// `svccaVarianceKept` (99 % by default) of its variance (`SVCCATruncation`). The reduced layer
/// U_k S_k has the orthonormal basis U_k. SVCCA is the mean canonical correlation between the
/// reduced layers:
///
///     svcca = (1/c) Σ_{i ≤ c} ρ_i,   ρ = singular values of U_{k_X}ᵀ U_{k_Y},   c = min(k_X, k_Y).
///
/// A similarity in [0, 1], symmetric. It is invariant to orthogonal maps, permutations and
/// isotropic scaling of either layer, but not to general invertible maps: those change which
/// directions hold the variance. The kept counts are reported in `extras` as `svcca_k_x` and
/// `svcca_k_y`, the layers' ranks (the cap on k, rtol as for `cca-rho`) as `rank_x` and
/// `rank_y` (also when the value is undefined).
///
/// Undefined: a constant layer or NaN/±Inf (from `prepare`); k_X + k_Y ≥ N, where some
/// correlations are 1 by construction (see `CanonicalCorrelations.trivialityReason`); an
/// option outside (0, 1].
///
/// It shares the per-layer SVD with `cca-rho`, `cca-r2` and `pwcca`. Per pair it costs O(N·k_X·k_Y).
public struct SVCCAMeasure: TypedPairMeasure {
    public let metric: Metric = .svcca
    /// The fraction of variance kept in each layer, in (0, 1].
    public let varianceKept: Double
    /// The relative rank tolerance (`MetricOptions.rankRtol`).
    public let rankRtol: Double

    public init(options: MetricOptions) {
        varianceKept = options.svccaVarianceKept
        rankRtol = options.rankRtol
    }

    public var preparationKey: String { LayerSpectrum.ccaPreparationKey(rankRelativeTolerance: rankRtol) }

    public func prepareLayer(_ x: Matrix<Float>) throws -> LayerSpectrum {
        try LayerSpectrum.forCCA(x, rankRelativeTolerance: rankRtol)
    }

    public func compareLayers(_ sx: LayerSpectrum, _ sy: LayerSpectrum) -> PairOutcome {
        if sx.sampleCount != sy.sampleCount { return CanonicalCorrelations.mismatch(sx.sampleCount, sy.sampleCount) }
        guard varianceKept > 0 && varianceKept <= 1 else {
            return PairOutcome(value: .undefined(reason: "the SVCCA variance kept must be in (0, 1], got \(varianceKept)"))
        }
        let kx = SVCCATruncation.keptDirections(singularValues: sx.singularValues, rank: sx.rank, fraction: varianceKept)
        let ky = SVCCATruncation.keptDirections(singularValues: sy.singularValues, rank: sy.rank, fraction: varianceKept)
        let extras = ["svcca_k_x": Double(kx), "svcca_k_y": Double(ky), "rank_x": Double(sx.rank), "rank_y": Double(sy.rank)]
        if let why = CanonicalCorrelations.trivialityReason(kx, ky, samples: sx.sampleCount, dimension: "kept directions") {
            return PairOutcome(value: .undefined(reason: why), extras: extras)
        }
        guard let cc = CanonicalCorrelations(sx.basis, leading: kx, sy.basis, leading: ky) else {
            return PairOutcome(value: .undefined(reason: "the SVD of the cross product of the bases (LAPACK dgesdd) did not converge"),
                               extras: extras)
        }
        let mean = cc.correlations.reduce(0, +) / Double(cc.correlations.count)
        return PairOutcome(value: .checked(mean, otherwise: "the canonical correlations are not finite"), extras: extras)
    }
}

extension SVCCAMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        LayerSpectrum.preparedBytes(sampleCount: n, width: d)
    }
}
