/// Per-layer state for `regression-l1`, for either role (predictor X or response Y): the
/// layer centred in double, its Gram matrix, its columns' squared norms, and the same on the
/// fit half for the held-out R² (the split of `HeldOutRegressionLayer`).
public struct LassoLayer: Sendable {
    /// The centred samples and what the solver needs of them.
    public struct Part: Sendable {
        /// Xc, n×D (centred by its own means).
        public let centred: Matrix<Double>
        /// XcᵀXc, D×D.
        public let gram: Matrix<Double>
        /// ‖xc_j‖² for every neuron (length D).
        public let columnSquaredNorms: [Double]
        public var sampleCount: Int { centred.rows }

        init(_ centred: Matrix<Double>) {
            self.centred = centred
            gram = BLAS.product(centred, transposeA: true, centred)
            var norms = [Double](repeating: 0, count: centred.cols)
            for i in 0..<centred.rows { for j in 0..<centred.cols { norms[j] += centred[i, j] * centred[i, j] } }
            columnSquaredNorms = norms
        }
    }

    /// The held-out parts: the fit half centred by its means, and the evaluation half centred
    /// by the fit half's means, with its total sum of squares about its own mean.
    public struct HeldOut: Sendable {
        public let fit: Part
        /// (X_E − 1μ_Fᵀ), |E|×D.
        public let evaluation: Matrix<Double>
        /// Σ_{i∈E} ‖x_i − x̄_E‖².
        public let evaluationTotalSquares: Double
    }

    /// All N samples.
    public let all: Part
    /// ‖Xc‖²_F.
    public let centredSquaredNorm: Double
    /// `nil` when N < `HeldOutRegressionLayer.minimumSamples`.
    public let heldOut: HeldOut?

    public var sampleCount: Int { all.sampleCount }

    /// - Parameter x: N×D activations.
    /// - Throws: `SimilarityError.nonFinite` for NaN or ±Inf.
    /// - Complexity: O(N·D²) for the Gram matrices.
    public init(_ x: Matrix<Float>) throws {
        let c = try CentredColumns(x)
        all = Part(c.centred())
        centredSquaredNorm = c.squaredNorm
        let n = x.rows
        guard n >= HeldOutRegressionLayer.minimumSamples else { heldOut = nil; return }
        let f = 0..<(n / 2), e = (n / 2)..<n
        let fit = try CentredColumns(x.rowSlice(f))
        let own = try CentredColumns(x.rowSlice(e))
        heldOut = HeldOut(fit: Part(fit.centred()), evaluation: CentredColumns.subtracting(fit.means, from: x, rows: e),
                          evaluationTotalSquares: own.squaredNorm)
    }

    /// Bytes at the peak of `init` for an n×d layer: the double copies of the whole layer and
    /// its halves (two of each while centring) and the Gram matrices.
    public static func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        let n = Double(n), d = Double(d)
        return 4 * n * d + 8 * n * d * 4 + 16 * d * d
    }
}
