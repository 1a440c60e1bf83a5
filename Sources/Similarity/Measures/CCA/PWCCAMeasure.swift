/// Projection-weighted CCA (Morcos et al. 2018) as a `PairMeasure`. X is the row layer. Its
/// neurons set the weights.
///
/// Let ρ_1 ≥ … ≥ ρ_c be the canonical correlations of the centred layers, c = min(rank X, rank Y),
/// as in `CCAMeasure`. Let h_1 … h_c be X's canonical variates: the unit-norm vectors over the
/// N samples, h_i = Q_X a_i, where a_i is the i-th left singular vector of Q_Xᵀ Q_Y. Let x_j be X's
/// centred neurons (the columns of Xc). Then
///
///     α_i   = Σ_j |⟨h_i, x_j⟩|              (Morcos et al. 2018, eq. for α̃_i)
///     pwcca = Σ_i α_i ρ_i / Σ_i α_i
///
/// Computed as α_i = ‖L_Xᵀ a_i‖₁, with L_X = Q_Xᵀ Xc the layer's loadings (`LayerSpectrum`),
/// since Xcᵀ h_i = Xcᵀ Q_X a_i. A similarity in [0, 1] and asymmetric: pwcca(X, Y) ≠ pwcca(Y, X)
/// in general. pwcca(X, X) = 1. It is invariant to any invertible linear map of Y (only Y's span
/// enters), and to permuting or isotropically scaling X's neurons. It is not invariant to general
/// invertible maps of X, because the weights depend on X's neurons.
///
/// When rank X > rank Y, X has rank X − c further directions with correlation 0. Like the
/// paper, only the c paired variates are weighted, so those directions add nothing. When
/// canonical correlations tie, the h_i within the tie are not unique, and neither is PWCCA:
/// the L1 norm is not rotation-invariant. Ties do not arise with real activations except
/// for ρ = 1 shared directions.
///
/// How this relates to Google's `pwcca.py` (`compute_pwcca`). That code (a) weights by whichever
/// layer has fewer neurons, not always the first; (b) builds its directions by applying the
/// rotation from the SVD of the whitened cross-covariance to the unwhitened centred activations,
/// adds the neuron means back, and orthonormalises with QR; and (c) projects the uncentred
/// activations. Its weights therefore generally differ from the paper's α_i, and so does its
/// value. What is computed here is the paper's formula, with centred neurons as CCA assumes.
///
/// Undefined: as for `cca-rho` (constant layer, NaN/±Inf, rank X + rank Y ≥ N).
/// Per pair it costs O(N·r_X·r_Y + D_X·r_X·c).
public struct PWCCAMeasure: TypedPairMeasure {
    public let metric: Metric = .pwcca
    /// The relative rank tolerance (`MetricOptions.rankRtol`).
    public let rankRtol: Double

    public init(options: MetricOptions = MetricOptions()) {
        rankRtol = options.rankRtol
    }

    public var preparationKey: String { LayerSpectrum.ccaPreparationKey(rankRelativeTolerance: rankRtol) }

    public func prepareLayer(_ x: Matrix<Float>) throws -> LayerSpectrum {
        try LayerSpectrum.forCCA(x, rankRelativeTolerance: rankRtol)
    }

    public func compareLayers(_ sx: LayerSpectrum, _ sy: LayerSpectrum) -> PairOutcome {
        guard let loadings = sx.loadings else {
            return PairOutcome(value: .undefined(reason: "internal: layer statistics of the wrong kind"))
        }
        if sx.sampleCount != sy.sampleCount { return CanonicalCorrelations.mismatch(sx.sampleCount, sy.sampleCount) }
        let extras = ["rank_x": Double(sx.rank), "rank_y": Double(sy.rank)]
        if let why = CanonicalCorrelations.trivialityReason(sx.rank, sy.rank, samples: sx.sampleCount) {
            return PairOutcome(value: .undefined(reason: why), extras: extras)
        }
        guard let cc = CanonicalCorrelations(sx.basis, leading: sx.rank, sy.basis, leading: sy.rank, withXDirections: true),
              let a = cc.xDirections else {
            return PairOutcome(value: .undefined(reason: "the SVD of the cross product of the bases (LAPACK dgesdd) did not converge"),
                               extras: extras)
        }
        // Column i of G = Lᵀ A (D×c) is Xcᵀ h_i: the inner products of h_i with every neuron.
        let g = BLAS.product(loadings, transposeA: true, a)
        let c = cc.correlations.count
        var alpha = [Double](repeating: 0, count: c)
        for j in 0..<g.rows {
            for i in 0..<c { alpha[i] += abs(g.storage[j * c + i]) }
        }
        var weighted = 0.0, total = 0.0
        for i in 0..<c {
            weighted += alpha[i] * cc.correlations[i]
            total += alpha[i]
        }
        guard total > 0 else {
            return PairOutcome(value: .undefined(reason: "the projection weights of the row layer are all zero"), extras: extras)
        }
        return PairOutcome(value: .checked(weighted / total, otherwise: "the projection-weighted correlation is not finite"), extras: extras)
    }
}

extension PWCCAMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        LayerSpectrum.preparedBytes(sampleCount: n, width: d)
    }
}
