/// Per-layer state for `stitch`, for either role: the row layer A (mapped into B's space) or
/// the column layer B (whose readout classifies the mapped inputs).
///
/// Split: the one of `HeldOutRegressionLayer` (and so of `regression`'s held-out R²): fit
/// rows F = 0..<N/2, held-out rows E = N/2..<N. Everything is fitted on F and centred with
/// F's column means μ_F; accuracies are measured on E.
///
/// - Row role: Xc_F (|F|×D) and X_E − 1μ_Fᵀ; the thin SVD Xc_F = U S Vᵀ at numerical rank r
///   (`NumericalRank`, as `regression`), kept as U_r and V_r S_r⁻¹, so the minimum-norm
///   least-squares map onto a response Yc_F is M_LS = V_r S_r⁻¹ U_rᵀ Yc_F; the Gram Xc_FᵀXc_F
///   for the lasso (`LassoLayer.Part`); σ_max([Xc_F | 1]) for task-loss matching's step.
/// - Column role: the same centred halves as the response, and B's readout
///   (`SoftmaxReadout` on Xc_F with the fit half's labels), its σ_max(W) and its held-out
///   accuracy. `readout` is `nil` when there are no labels or they do not fit this layer
///   (`labelProblem` says why).
public struct StitchLayer: Sendable {
    /// N.
    public let sampleCount: Int
    /// The labels the readout was fitted to, if any.
    public let labels: ClassLabels?
    /// Why there is no readout, when there is none.
    public let labelProblem: String?
    /// F and E.
    public let fitRows: Range<Int>, evaluationRows: Range<Int>
    /// Xc_F, |F|×D.
    public let fit: LassoLayer.Part
    /// X_E − 1μ_Fᵀ, |E|×D.
    public let evaluation: Matrix<Double>
    /// r, U_r (|F|×r) and V_r S_r⁻¹ (D×r).
    public let rank: Int
    public let basis: Matrix<Double>
    public let inverseLoadings: Matrix<Double>
    /// σ_max([Xc_F | 1]).
    public let augmentedSpectralNorm: Double
    /// B's readout, σ_max(W), and its accuracy on E.
    public let readout: SoftmaxReadout?
    public let readoutSpectralNorm: Double
    public let ownAccuracy: Double

    /// - Parameters:
    ///   - x: N×D activations.
    ///   - labels: the class labels of the N samples, or `nil` (`--labels` not given).
    /// - Throws: `SimilarityError.nonFinite` for NaN or ±Inf; `.degenerate` when an SVD fails.
    public init(_ x: Matrix<Float>, labels: ClassLabels?) throws {
        let n = x.rows, d = x.cols
        sampleCount = n
        self.labels = labels
        let half = max(n / 2, 0)
        fitRows = 0..<half
        evaluationRows = half..<n
        let centred = try CentredColumns(x.rowSlice(fitRows))
        let xf = centred.centred()
        fit = LassoLayer.Part(xf)
        evaluation = CentredColumns.subtracting(centred.means, from: x, rows: evaluationRows)

        if xf.squaredFrobeniusNorm == 0 || d == 0 || half == 0 {
            rank = 0
            basis = Matrix(rows: half, cols: 0)
            inverseLoadings = Matrix(rows: d, cols: 0)
        } else {
            guard let svd = LAPACK.svd(xf) else {
                throw SimilarityError.degenerate("could not be factorised: the SVD (LAPACK dgesdd) of its fit half did not converge")
            }
            let k = svd.singularValues.count
            let r = NumericalRank.rank(singularValues: svd.singularValues, rows: half, cols: d)
            rank = r
            var u = Matrix<Double>(rows: half, cols: r)
            for i in 0..<half { for j in 0..<r { u.storage[i * r + j] = svd.u.storage[i * k + j] } }
            basis = u
            var vs = Matrix<Double>(rows: d, cols: r)
            for i in 0..<d { for j in 0..<r { vs.storage[i * r + j] = svd.vt.storage[j * d + i] / svd.singularValues[j] } }
            inverseLoadings = vs
        }
        var augmented = Matrix<Double>(rows: half, cols: d + 1, repeating: 1)
        for i in 0..<half { for j in 0..<d { augmented.storage[i * (d + 1) + j] = xf.storage[i * d + j] } }
        augmentedSpectralNorm = half == 0 ? 0 : (LAPACK.singularValues(augmented)?.first ?? 0)

        guard let labels else {
            labelProblem = StitchMeasure.needsLabels
            readout = nil; readoutSpectralNorm = 0; ownAccuracy = 0
            return
        }
        if let problem = labels.problem(sampleCount: n) {
            labelProblem = problem
            readout = nil; readoutSpectralNorm = 0; ownAccuracy = 0
            return
        }
        labelProblem = nil
        let fitClasses = Array(labels.classIndices[fitRows])
        let r = SoftmaxReadout(centred: xf, means: centred.means, classes: fitClasses, classCount: labels.classes.count)
        readout = r
        readoutSpectralNorm = LAPACK.singularValues(r.weights)?.first ?? 0
        ownAccuracy = SoftmaxCrossEntropy.accuracy(r.logits(centred: evaluation),
                                                   classes: Array(labels.classIndices[evaluationRows]))
    }

    /// Bytes at the peak of `init` for an n×d layer: the raw layer, the centred halves (two
    /// of each while centring), the Gram, the SVD's copies and the augmented copy.
    public static func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        let n = Double(n), d = Double(d)
        return 4 * n * d + 8 * n * d * 5 + 24 * d * d
    }
}
