/// Per-layer state for `regression`. One layer may be the predictor X (row) or the response
/// Y (column), so the state holds what each role needs.
///
/// - Predictor: Q, an orthonormal basis (N×r) of the span of the centred neurons
///   (`LayerSpectrum`, rank by `NumericalRank`). Least squares with an intercept fits
///   Ŷ = 1ȳᵀ + Q Qᵀ Yc, which is also the fit of the minimum-norm solution B when X is
///   rank-deficient.
/// - Response: the activations as given (`Float`, N×D) and their column means μ. Yc = Y − 1μᵀ
///   is formed in double at comparison time, which keeps the state at 4 bytes per value.
/// - Both roles, on held-out data: `heldOut` (see `HeldOutRegressionLayer`).
public struct RegressionLayer: Sendable {
    /// N, the number of samples.
    public let sampleCount: Int
    /// D, the number of neurons.
    public let width: Int
    /// The activations as read (N×D), for the response role.
    public let activations: Matrix<Float>
    /// μ, the column means over all N samples (length D).
    public let means: [Double]
    /// ‖Yc‖²_F over all N samples; zero for a constant layer.
    public let centredSquaredNorm: Double
    /// r, the numerical rank of the centred layer.
    public let rank: Int
    /// Q, N×r with orthonormal columns spanning the centred neurons.
    public let basis: Matrix<Double>
    /// The state for the held-out R², or `nil` when N < `HeldOutRegressionLayer.minimumSamples`.
    public let heldOut: HeldOutRegressionLayer?

    /// Centres `x` (N×D) in double, factorises it, and prepares the held-out halves.
    /// - Throws: `SimilarityError.nonFinite` for NaN or ±Inf; `.degenerate` when an SVD fails.
    /// - Complexity: two SVDs, O(N·D·min(N, D)).
    public init(_ x: Matrix<Float>) throws {
        let centred = try CentredColumns(x)
        let spectrum = try LayerSpectrum(centred: centred.centred(), keepingLoadings: false)
        sampleCount = x.rows
        width = x.cols
        activations = x
        self.means = centred.means
        centredSquaredNorm = spectrum.squaredNorm
        rank = spectrum.rank
        basis = spectrum.basis
        heldOut = x.rows >= HeldOutRegressionLayer.minimumSamples ? try HeldOutRegressionLayer(x) : nil
    }
}

/// Per-layer state for the held-out R² of `regression`.
///
/// Fit on rows F = 0..<N/2 and evaluate on rows E = N/2..<N. Intercept and centring are
/// estimated on F only. With μ_F the fit-half means of a layer and X_F − 1μ_Fᵀ = U S Vᵀ (thin
/// SVD, numerical rank r_F by `NumericalRank` on the N/2 × D half), the minimum-norm least
/// squares coefficients for a response Y are B = V_r S_r⁻¹ U_rᵀ (Y_F − 1μ_F(Y)ᵀ). The prediction
/// on E is
///
///     Ŷ_E = 1μ_F(Y)ᵀ + (X_E − 1μ_F(X)ᵀ) V_r S_r⁻¹ · U_rᵀ (Y_F − 1μ_F(Y)ᵀ).
///
/// The predictor keeps `fitBasis` = U_r and `evalScores` = (X_E − 1μ_Fᵀ) V_r S_r⁻¹. The response
/// keeps μ_F and, for the denominator, Σ_{i∈E} ‖y_i − ȳ_E‖² around the evaluation half's own
/// mean. Held-out R² = 1 − ‖Y_E − Ŷ_E‖²_F / that sum, pooled over all of Y's columns (as
/// scikit-learn's `r2_score` with `multioutput="variance_weighted"`). It is 0 for a prediction
/// as good as the evaluation half's mean, and negative when worse.
public struct HeldOutRegressionLayer: Sendable {
    /// The fewest samples with a held-out R²: two per half, so each half can vary.
    public static let minimumSamples = 4

    /// F = 0..<N/2.
    public let fitRows: Range<Int>
    /// E = N/2..<N.
    public let evaluationRows: Range<Int>
    /// μ_F, the column means over the fit rows (length D).
    public let fitMeans: [Double]
    /// r_F, the numerical rank of the centred fit half.
    public let fitRank: Int
    /// U_r, |F|×r_F with orthonormal columns.
    public let fitBasis: Matrix<Double>
    /// (X_E − 1μ_Fᵀ) V_r S_r⁻¹, |E|×r_F.
    public let evaluationScores: Matrix<Double>
    /// Σ_{i∈E} ‖y_i − ȳ_E‖², the total sum of squares of the evaluation half about its own mean.
    public let evaluationTotalSquares: Double

    /// - Parameter x: N×D activations with N ≥ `minimumSamples`, already checked to be finite.
    /// - Throws: `SimilarityError.degenerate` when the SVD does not converge.
    public init(_ x: Matrix<Float>) throws {
        let n = x.rows, d = x.cols
        precondition(n >= Self.minimumSamples, "held-out regression needs \(Self.minimumSamples) samples, got \(n)")
        let f = 0..<(n / 2), e = (n / 2)..<n
        fitRows = f
        evaluationRows = e
        let fit = try CentredColumns(x.rowSlice(f))
        let fitCentred = fit.centred(), mu = fit.means
        fitMeans = mu
        let evalFromFit = CentredColumns.subtracting(mu, from: x, rows: e)

        var sums = [Double](repeating: 0, count: d)
        for i in 0..<evalFromFit.rows { for j in 0..<d { sums[j] += Double(x[e.lowerBound + i, j]) } }
        let evalMeans = sums.map { $0 / Double(e.count) }
        evaluationTotalSquares = CentredColumns.subtracting(evalMeans, from: x, rows: e).squaredFrobeniusNorm

        if fitCentred.squaredFrobeniusNorm == 0 || d == 0 {
            fitRank = 0
            fitBasis = Matrix(rows: f.count, cols: 0)
            evaluationScores = Matrix(rows: e.count, cols: 0)
            return
        }
        guard let svd = LAPACK.svd(fitCentred) else {
            throw SimilarityError.degenerate("could not be factorised: the SVD (LAPACK dgesdd) of its fit half did not converge")
        }
        let k = svd.singularValues.count
        let r = NumericalRank.rank(singularValues: svd.singularValues, rows: f.count, cols: d)
        fitRank = r
        var u = Matrix<Double>(rows: f.count, cols: r)
        for i in 0..<f.count { for j in 0..<r { u.storage[i * r + j] = svd.u.storage[i * k + j] } }
        fitBasis = u
        let vtr = Matrix<Double>(rows: r, cols: d, storage: Array(svd.vt.storage[0..<(r * d)]))
        var scores = BLAS.product(evalFromFit, vtr, transposeB: true)
        for i in 0..<scores.rows {
            for j in 0..<r { scores.storage[i * r + j] /= svd.singularValues[j] }
        }
        evaluationScores = scores
    }
}
