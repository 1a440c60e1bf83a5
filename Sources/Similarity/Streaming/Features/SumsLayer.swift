/// One layer prepared for a feature-space measure from its streamed self sums (`FeatureSums`),
/// holding only what that measure's pairs need, so the D×D sums can be dropped.
///
/// Built per metric family:
/// - CCA family: the scatter spectrum (`ScatterSpectrum`), the rank r by
///   `NumericalRank.relativeRank(eigenvalues:)`, the whitening W_r and, for PWCCA, the loadings;
///   SVCCA's kept count k from √λ (`SVCCATruncation`);
/// - regression: W_r of the whole-sample scatter with regression's rank rule, tr S, and the
///   held-out halves' terms (see `FeatureSumsMeasure.regression`);
/// - Procrustes: tr S;
/// - Pearson matching: the live (non-constant) neurons and √S_jj;
/// - MMD: the unit-normalised raw Gram X̂ᵀX̂ and the zero (dead) neurons.
/// Every layer also keeps its shifted means per part (to centre a pair's cross sums) and its
/// raw column means (MMD).
public final class SumsLayer: Sendable {
    let width: Int
    /// n and μ̃ of each part, and of all samples.
    let partCounts: [Int]
    let partShiftedMeans: [[Double]]
    let n: Int
    let shiftedMean: [Double]
    let mean: [Double]
    let trace: Double

    // CCA family
    let ccaRank: Int
    let svccaKept: Int
    let whitening: Matrix<Double>?
    let loadings: Matrix<Double>?

    // regression
    let regressionRank: Int
    let regressionWhitening: Matrix<Double>?
    let heldOut: HeldOutTerms?

    // Pearson matching
    let live: [Int]
    let columnNorms: [Double]

    // MMD
    let unitGram: Matrix<Double>?
    let rawNorms: [Double]
    let zeroCount: Int

    /// The held-out regression terms of one layer (fit part F, evaluation part E).
    struct HeldOutTerms: Sendable {
        /// W_F = V_r Λ_r^{-1/2} of the fit half's scatter, rank by regression's rule on |F| × D.
        let fitWhitening: Matrix<Double>
        /// H = W_Fᵀ P W_F with P = S_E + n_E δδᵀ, δ = μ_E − μ_F (the predictor's role).
        let evalGram: Matrix<Double>
        /// W_Fᵀ δ (r_F).
        let whitenedShift: [Double]
        /// δ = μ_E − μ_F (the response's role).
        let shiftDelta: [Double]
        /// tr S_E: Σ_{i∈E} ‖y_i − ȳ_E‖².
        let evalTrace: Double
        let evalCount: Int
    }

    /// - Parameter parts: the layer's moments in each part of the `FeatureSums`.
    /// - Throws: `.degenerate` for a layer the measure refuses (as its in-memory `prepare` does).
    init(metric: Metric, options: MetricOptions, parts: [ShiftedMoments]) throws {
        let total = parts.dropFirst().reduce(parts[0], +)
        let d = total.width
        width = d
        partCounts = parts.map(\.n)
        partShiftedMeans = parts.map(\.shiftedMean)
        n = total.n
        shiftedMean = total.shiftedMean
        mean = total.mean
        trace = total.scatterTrace
        var ccaRank = 0, svccaKept = 0, regressionRank = 0
        var whitening: Matrix<Double>? = nil, loadings: Matrix<Double>? = nil, regressionWhitening: Matrix<Double>? = nil
        var heldOut: HeldOutTerms? = nil
        var live: [Int] = [], columnNorms: [Double] = []
        var unitGram: Matrix<Double>? = nil, rawNorms: [Double] = [], zeroCount = 0
        switch metric {
        case .ccaRho, .ccaR2, .svcca, .pwcca:
            let spectrum = try ScatterSpectrum(total.scatter)
            ccaRank = NumericalRank.relativeRank(eigenvalues: spectrum.eigenvalues, relativeTolerance: options.rankRtol)
            if ccaRank == 0 { throw SimilarityError.degenerate(LayerSpectrum.rankZeroReason(samples: n, width: d)) }
            svccaKept = SVCCATruncation.keptDirections(singularValues: spectrum.singularValues, rank: ccaRank,
                                                       fraction: options.svccaVarianceKept)
            whitening = spectrum.whitening(ccaRank)
            if metric == .pwcca { loadings = spectrum.loadings(ccaRank) }
        case .regression:
            let spectrum = try ScatterSpectrum(total.scatter)
            regressionRank = NumericalRank.rank(eigenvalues: spectrum.eigenvalues, rows: n, cols: d)
            regressionWhitening = spectrum.whitening(regressionRank)
            if parts.count == 2, n >= HeldOutRegressionLayer.minimumSamples {
                heldOut = try Self.heldOutTerms(fit: parts[0], evaluation: parts[1])
            }
        case .procrustes:
            if d == 0 { throw SimilarityError.degenerate("has no neurons") }
        case .matchedCorr, .maxCorr:
            if d == 0 { throw SimilarityError.degenerate("has no neurons") }
            let s = total.scatter
            live = (0..<d).filter { !total.isConstant($0) }
            if live.isEmpty {
                throw SimilarityError.degenerate("has no live neuron: all \(d) neurons are constant over the samples")
            }
            columnNorms = (0..<d).map { max(0, s[$0, $0]).squareRoot() }
        case .mmdLinear, .mmdPoly, .mmdGauss:
            if d == 0 { throw SimilarityError.degenerate("has no neurons") }
            let raw = ShiftedMoments.uncentred(total.scatter, n: n, mean, mean)
            let zero = (0..<d).map { total.isZero($0) }
            zeroCount = zero.count(where: { $0 })
            if zeroCount == d {
                throw SimilarityError.degenerate("has no live neuron: all \(d) neurons are zero on every sample")
            }
            rawNorms = (0..<d).map { zero[$0] ? 0 : max(0, raw[$0, $0]).squareRoot() }
            unitGram = Self.unitScaled(raw, rawNorms, rawNorms)
        case .linearCKA, .debiasedCKA, .rbfCKA, .knn, .regressionRank, .regressionL1, .nstLinear, .nstPoly, .nstGauss, .stitch:
            throw SimilarityError.degenerate("internal: \(metric.rawValue) is not computed from feature sums here")
        }
        self.ccaRank = ccaRank; self.svccaKept = svccaKept; self.whitening = whitening; self.loadings = loadings
        self.regressionRank = regressionRank; self.regressionWhitening = regressionWhitening; self.heldOut = heldOut
        self.live = live; self.columnNorms = columnNorms
        self.unitGram = unitGram; self.rawNorms = rawNorms; self.zeroCount = zeroCount
    }

    /// G_ij / (a_i b_j), 0 where a_i or b_j is 0 (a dead neuron stays at the origin).
    static func unitScaled(_ g: Matrix<Double>, _ a: [Double], _ b: [Double]) -> Matrix<Double> {
        var out = g
        for i in 0..<g.rows {
            for j in 0..<g.cols {
                out.storage[i * g.cols + j] = a[i] > 0 && b[j] > 0 ? g.storage[i * g.cols + j] / (a[i] * b[j]) : 0
            }
        }
        return out
    }

    static func heldOutTerms(fit: ShiftedMoments, evaluation e: ShiftedMoments) throws -> HeldOutTerms {
        let d = fit.width
        let fitScatter = fit.scatter
        let w: Matrix<Double>
        if fit.scatterTrace > 0 && d > 0 {
            let spectrum = try ScatterSpectrum(fitScatter)
            w = spectrum.whitening(NumericalRank.rank(eigenvalues: spectrum.eigenvalues, rows: fit.n, cols: d))
        } else {
            w = Matrix(rows: d, cols: 0)
        }
        let delta = zip(e.shiftedMean, fit.shiftedMean).map { $0 - $1 }
        // P = S_E + n_E δδᵀ: the evaluation rows centred at the fit half's means.
        let p = ShiftedMoments.uncentred(e.scatter, n: e.n, delta, delta)
        let h = BLAS.product(w, transposeA: true, BLAS.product(p, w))
        let wd = BLAS.product(w, transposeA: true, Matrix(rows: d, cols: 1, storage: delta)).storage
        return HeldOutTerms(fitWhitening: w, evalGram: h, whitenedShift: wd, shiftDelta: delta,
                            evalTrace: e.scatterTrace, evalCount: e.n)
    }
}

extension SumsLayer {
    /// Bytes one prepared layer of width d keeps (for the memory plan).
    static func preparedBytes(metric: Metric, width d: Int) -> Double {
        let dd = 8 * Double(d) * Double(d)
        switch metric {
        case .ccaRho, .ccaR2, .svcca: return dd
        case .pwcca: return 2 * dd
        case .regression: return 3 * dd
        case .mmdLinear, .mmdPoly, .mmdGauss: return dd
        default: return 0
        }
    }
}
