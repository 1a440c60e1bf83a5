/// Every feature-space measure computed from a pair's streamed sums (`FeatureSums`) instead of
/// the layers: the same formulas as the in-memory measures (see each measure's type for its
/// definition, range and invariances), rewritten in the D×D scatter matrices S_X = XcᵀXc,
/// S_Y and S_XY = XcᵀYc, which are sums over samples.
///
/// - `cca-rho`, `cca-r2`, `svcca`, `pwcca`: Q_Xᵀ Q_Y = W_Xᵀ S_XY W_Y with the whitening W = V_r
///   Λ_r^{-1/2} of each layer's scatter (`ScatterSpectrum`); its singular values are the
///   canonical correlations. Ranks: λ > rtol²·λ_max (`NumericalRank.relativeRank(eigenvalues:)`,
///   the same decision as σ > rtol·σ_max). SVCCA keeps the leading k_X, k_Y whitened
///   directions (variance from λ); PWCCA's weights α_i = ‖L_Xᵀ a_i‖₁ with L_X = Λ_r^{1/2} V_rᵀ.
///   Precision: whitening from S squares the layer's condition number (see `ScatterSpectrum`);
///   on trained layers the values agree with the in-memory SVD path to about 1e-8…1e-6.
/// - `procrustes`: ‖S_XY‖_* / √(tr S_X · tr S_Y). Error ≈ 1e-15 relative.
/// - `regression`: R² = ‖W_Xᵀ S_XY‖²_F / tr S_Y with W_X by regression's rank rule on λ; the
///   held-out R² from the fit-half and evaluation-half sums: B = W_F W_Fᵀ S_F,XY, and with
///   X'_E, Y'_E the evaluation rows centred at the fit half's means,
///   ‖Y'_E − X'_E B‖²_F = t − 2⟨B, X'_EᵀY'_E⟩ + ⟨B, X'_EᵀX'_E B⟩, where X'_EᵀY'_E = S_E,XY +
///   n_E δ_X δ_Yᵀ (δ = μ_E − μ_F). The expansion cancels when the held-out R² is near 1: its
///   absolute error is about ε₆₄·cond.
/// - `matched-corr`, `max-corr` (Pearson only): r_ij = (S_XY)_ij / √((S_X)_ii (S_Y)_jj), then the
///   same Hungarian or many-to-one matching. Error ≈ 1e-15. Spearman needs ranks over all
///   samples, which do not add up: refused (`FeatureSumsMeasure.refusal`).
/// - `mmd-linear`, `mmd-poly`, `mmd-gauss`: the unit-normalised raw neuron Grams X̂ᵀX̂, ŶᵀŶ, X̂ᵀŶ
///   (raw XᵀY = S_XY + n μ_X μ_Yᵀ scaled by the raw column norms): mmd-linear = ΣX̂ᵀX̂/d_X² +
///   ΣŶᵀŶ/d_Y² − 2ΣX̂ᵀŶ/(d_X d_Y), mmd-poly the same with squared entries, mmd-gauss as
///   `GaussianMMDMeasure`. Rounding below 0 is clamped to 0; absolute error ≈ 1e-15.
public enum FeatureSumsMeasure {
    /// The metrics computed from feature sums (with linear and debiased CKA, which use
    /// `LinearSums` directly).
    public static let metrics: Set<Metric> = [.ccaRho, .ccaR2, .svcca, .pwcca, .procrustes, .regression,
                                              .matchedCorr, .maxCorr, .mmdLinear, .mmdPoly, .mmdGauss]

    /// Why `metric` cannot be computed from sums, or `nil` when it can.
    public static func refusal(_ metric: Metric, options: MetricOptions) -> String? {
        if metric == .maxCorr && options.rankCorrelation {
            return "max-corr with --rank-correlation needs every sample's rank, which does not stream or shard; use Pearson or hold the layers in memory"
        }
        if metrics.contains(metric) || metric == .linearCKA || metric == .debiasedCKA { return nil }
        switch metric {
        case .regressionRank, .regressionL1:
            return "\(metric.rawValue) is not computed from additive sums yet (its fit and sweeps read the layers); hold the layers in memory"
        case .nstLinear, .nstPoly, .nstGauss:
            return "\(metric.rawValue) compares each example's channel maps, which are not additive sums; hold the layers in memory"
        case .stitch:
            return "stitch fits a readout and maps on the samples themselves (logistic regression is not a function of additive sums); hold the layers in memory"
        default:
            break
        }
        return "\(metric.rawValue) is not computed from additive sums (it needs the samples themselves)"
    }

    /// Whether the measure needs the held-out halves' sums.
    public static func needsHeldOut(_ metric: Metric) -> Bool { metric == .regression }

    /// The outcome for row layer x and column layer y, given X̃ᵀỸ in each part (D_X×D_Y).
    static func compare(_ metric: Metric, _ x: SumsLayer, _ y: SumsLayer, cross parts: [Matrix<Double>]) -> PairOutcome {
        var shifted = parts[0]
        for p in parts.dropFirst() { for i in shifted.storage.indices { shifted.storage[i] += p.storage[i] } }
        let sxy = ShiftedMoments.centred(shifted, n: x.n, x.shiftedMean, y.shiftedMean)
        switch metric {
        case .ccaRho, .ccaR2, .svcca, .pwcca: return canonical(metric, x, y, sxy)
        case .procrustes: return procrustes(x, y, sxy)
        case .regression: return regression(x, y, sxy, parts)
        case .matchedCorr, .maxCorr: return correlation(metric, x, y, sxy)
        case .mmdLinear, .mmdPoly, .mmdGauss: return mmd(metric, x, y, sxy)
        case .linearCKA, .debiasedCKA, .rbfCKA, .knn, .regressionRank, .regressionL1, .nstLinear, .nstPoly, .nstGauss, .stitch:
            return PairOutcome(value: .undefined(reason: "internal: \(metric.rawValue) is not computed from feature sums here"))
        }
    }

    static func canonical(_ metric: Metric, _ x: SumsLayer, _ y: SumsLayer, _ sxy: Matrix<Double>) -> PairOutcome {
        guard let wx = x.whitening, let wy = y.whitening else {
            return PairOutcome(value: .undefined(reason: "internal: layer statistics of the wrong kind"))
        }
        var extras = ["rank_x": Double(x.ccaRank), "rank_y": Double(y.ccaRank)]
        var kx = x.ccaRank, ky = y.ccaRank
        if metric == .svcca {
            kx = x.svccaKept; ky = y.svccaKept
            extras["svcca_k_x"] = Double(kx)
            extras["svcca_k_y"] = Double(ky)
        }
        if let why = CanonicalCorrelations.trivialityReason(kx, ky, samples: x.n,
                                                            dimension: metric == .svcca ? "kept directions" : "rank") {
            return PairOutcome(value: .undefined(reason: why), extras: extras)
        }
        let wxk = leadingColumns(wx, kx), wyk = leadingColumns(wy, ky)
        let m = BLAS.product(BLAS.product(wxk, transposeA: true, sxy), wyk)
        guard let svd = LAPACK.svd(m) else {
            return PairOutcome(value: .undefined(reason: "the SVD of the whitened cross-covariance (LAPACK dgesdd) did not converge"),
                               extras: extras)
        }
        let rho = svd.singularValues.map { min(1, max(0, $0)) }
        let value: Double
        switch metric {
        case .ccaR2: value = rho.reduce(0) { $0 + $1 * $1 } / Double(rho.count)
        case .pwcca:
            guard let l = x.loadings else { return PairOutcome(value: .undefined(reason: "internal: no loadings")) }
            // Column i of G = Lᵀ A (D×c) is Xcᵀ h_i, as in `PWCCAMeasure`.
            let c = rho.count
            let a = leadingColumns(svd.u, c)
            let g = BLAS.product(l, transposeA: true, a)
            var alpha = [Double](repeating: 0, count: c)
            for j in 0..<g.rows { for i in 0..<c { alpha[i] += abs(g.storage[j * c + i]) } }
            let total = alpha.reduce(0, +)
            guard total > 0 else {
                return PairOutcome(value: .undefined(reason: "the projection weights of the row layer are all zero"), extras: extras)
            }
            value = zip(alpha, rho).reduce(0) { $0 + $1.0 * $1.1 } / total
        default: value = rho.reduce(0, +) / Double(rho.count)
        }
        return PairOutcome(value: .checked(value, otherwise: "the canonical correlations are not finite"), extras: extras)
    }

    static func procrustes(_ x: SumsLayer, _ y: SumsLayer, _ sxy: Matrix<Double>) -> PairOutcome {
        if !(x.trace > 0) {
            return PairOutcome(value: .undefined(reason: "the row layer is constant (every neuron has zero variance), so it cannot be scaled to unit norm"))
        }
        if !(y.trace > 0) {
            return PairOutcome(value: .undefined(reason: "the column layer is constant (every neuron has zero variance), so it cannot be scaled to unit norm"))
        }
        guard let nuclear = LAPACK.nuclearNorm(sxy) else {
            return PairOutcome(value: .undefined(reason: "the SVD of XᵀY did not converge"))
        }
        let raw = nuclear / (x.trace.squareRoot() * y.trace.squareRoot())
        guard raw.isFinite else { return PairOutcome(value: .undefined(reason: "the activations are too large for double precision")) }
        let v = min(1, max(0, raw))
        return PairOutcome(value: .value(v), extras: ["procrustes_distance": 2 - 2 * v])
    }

    static func regression(_ x: SumsLayer, _ y: SumsLayer, _ sxy: Matrix<Double>, _ parts: [Matrix<Double>]) -> PairOutcome {
        guard y.trace > 0 else {
            return PairOutcome(value: .undefined(reason:
                "the column layer is constant on all \(y.n) samples, so it has no variance for the row layer to explain"))
        }
        guard let w = x.regressionWhitening else { return PairOutcome(value: .undefined(reason: "internal: no regression state")) }
        let explained = BLAS.product(w, transposeA: true, sxy).storage.reduce(0) { $0 + $1 * $1 }
        let r2 = min(1, explained / y.trace)
        var extras: [String: Double] = [:]
        if let hx = x.heldOut, let hy = y.heldOut, parts.count == 2, hy.evalTrace > 0 {
            let fitCross = ShiftedMoments.centred(parts[0], n: x.partCounts[0], x.partShiftedMeans[0], y.partShiftedMeans[0])
            let evalCross = ShiftedMoments.centred(parts[1], n: x.partCounts[1], x.partShiftedMeans[1], y.partShiftedMeans[1])
            // C = W_Fᵀ S_F,XY (r×D_Y), so B = W_F C; W_Fᵀ Q with Q = S_E,XY + n_E δ_X δ_Yᵀ.
            let c = BLAS.product(hx.fitWhitening, transposeA: true, fitCross)
            var wq = BLAS.product(hx.fitWhitening, transposeA: true, evalCross)
            let ne = Double(hx.evalCount)
            for i in 0..<wq.rows { for j in 0..<wq.cols { wq.storage[i * wq.cols + j] += ne * hx.whitenedShift[i] * hy.shiftDelta[j] } }
            let hc = BLAS.product(hx.evalGram, c)
            var cross = 0.0, quadratic = 0.0
            for k in c.storage.indices {
                cross += c.storage[k] * wq.storage[k]
                quadratic += c.storage[k] * hc.storage[k]
            }
            let t = hy.evalTrace + ne * hy.shiftDelta.reduce(0) { $0 + $1 * $1 }
            let residual = max(0, t - 2 * cross + quadratic)
            let h = 1 - residual / hy.evalTrace
            if h.isFinite { extras["regression_heldout_r2"] = h }
        }
        return PairOutcome(value: .checked(r2, otherwise: "the regression R² is not finite"), extras: extras)
    }

    static func correlation(_ metric: Metric, _ x: SumsLayer, _ y: SumsLayer, _ sxy: Matrix<Double>) -> PairOutcome {
        var extras = ["dead_x": Double(x.width - x.live.count), "dead_y": Double(y.width - y.live.count)]
        var r = Matrix<Double>(rows: x.live.count, cols: y.live.count)
        for (a, i) in x.live.enumerated() {
            for (b, j) in y.live.enumerated() {
                let v = sxy[i, j] / (x.columnNorms[i] * y.columnNorms[j])
                r.storage[a * y.live.count + b] = v.isFinite ? min(1, max(-1, v)) : 0
            }
        }
        let nc = NeuronCorrelation(matrix: r, liveX: x.live, liveY: y.live)
        if metric == .maxCorr {
            guard let m = nc.manyToOne else { return PairOutcome(value: .undefined(reason: "a layer has no live neuron"), extras: extras) }
            extras["distinct_y"] = Double(m.distinctY)
            return PairOutcome(value: .checked(m.meanAbsCorrelation, otherwise: "the mean correlation is not finite"), extras: extras)
        }
        do {
            let matching = try NeuronMatcher.match(nc, deadX: x.width - x.live.count, deadY: y.width - y.live.count,
                                                   widthX: x.width, widthY: y.width)
            guard let mean = matching.meanAbsCorrelation else {
                return PairOutcome(value: .undefined(reason: "no neurons could be matched"), extras: extras)
            }
            return PairOutcome(value: .checked(mean, otherwise: "the mean correlation is not finite"), extras: extras)
        } catch {
            return PairOutcome(value: .undefined(reason: "\(error)"), extras: extras)
        }
    }

    static func mmd(_ metric: Metric, _ x: SumsLayer, _ y: SumsLayer, _ sxy: Matrix<Double>) -> PairOutcome {
        guard let gx = x.unitGram, let gy = y.unitGram else { return PairOutcome(value: .undefined(reason: "internal: no MMD state")) }
        let extras = ["dead_x": Double(x.zeroCount), "dead_y": Double(y.zeroCount)]
        let cross = SumsLayer.unitScaled(ShiftedMoments.uncentred(sxy, n: x.n, x.mean, y.mean), x.rawNorms, y.rawNorms)
        let dx = Double(x.width), dy = Double(y.width)
        let value: Double
        switch metric {
        case .mmdGauss:
            return GaussianMMDMeasure.outcome(gramX: gx, gramY: gy, cross: cross,
                                              normsX: x.rawNorms.map { $0 > 0 ? 1 : 0 }, normsY: y.rawNorms.map { $0 > 0 ? 1 : 0 },
                                              extras: extras)
        case .mmdPoly:
            func sq(_ m: Matrix<Double>) -> Double { m.storage.reduce(0) { $0 + $1 * $1 } }
            value = sq(gx) / (dx * dx) + sq(gy) / (dy * dy) - 2 * sq(cross) / (dx * dy)
        default:
            func total(_ m: Matrix<Double>) -> Double { m.storage.reduce(0, +) }
            value = total(gx) / (dx * dx) + total(gy) / (dy * dy) - 2 * total(cross) / (dx * dy)
        }
        guard value.isFinite else { return PairOutcome(value: .undefined(reason: "the MMD terms are not finite"), extras: extras) }
        return PairOutcome(value: .value(max(0, value)), extras: extras)
    }

    /// The first k columns of m.
    static func leadingColumns(_ m: Matrix<Double>, _ k: Int) -> Matrix<Double> {
        if k == m.cols { return m }
        var out = Matrix<Double>(rows: m.rows, cols: k)
        for i in 0..<m.rows { for j in 0..<k { out.storage[i * k + j] = m.storage[i * m.cols + j] } }
        return out
    }
}

extension NeuronCorrelation {
    /// Correlations computed elsewhere (the streamed path, from sums).
    init(matrix: Matrix<Double>, liveX: [Int], liveY: [Int]) {
        self.matrix = matrix
        self.liveX = liveX
        self.liveY = liveY
    }
}
