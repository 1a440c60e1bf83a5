/// A linear readout of a layer: multinomial logistic regression, the objective of
/// scikit-learn's `LogisticRegression(C=1.0, fit_intercept=True)` with the multinomial loss
/// (`multi_class="multinomial"`, lbfgs' default for K ≥ 3), minimised to ‖∇‖_∞ ≤ 1e-9.
///
/// For the fit half's centred activations Xc (n×D; centred with that half's column means μ,
/// not standardised: scikit-learn does not scale either, and centring only moves the
/// unpenalised intercept, so W and the probabilities equal scikit-learn's on the raw layer)
/// and class indices y_i ∈ 0..<K:
///
///     minimise over W (D×K), b (K):  Σ_i −log softmax(xc_iᵀ W + bᵀ)_{y_i} + (1/(2C)) ‖W‖²_F,  C = 1
///
/// (scikit-learn minimises the same divided by n, with the same minimiser). The objective is
/// strictly convex in W; b is determined up to a common shift, which changes no probability.
/// At the minimum every row of W sums to 0 over the classes (the penalty's gradient must
/// cancel the loss's, which sums to zero over classes), as scikit-learn's does; b is reported
/// shifted to sum to 0, which it does not force, so tests compare b after centring.
///
/// Solver: `LBFGS` from W = 0, b = 0 (scikit-learn's lbfgs starts there too). Why not Newton:
/// see `LBFGS`. On the test fixtures the coefficients, intercepts and held-out probabilities
/// are within 3e-9 of the minimiser (Newton-refined in numpy), and within 1.3e-6 of
/// scikit-learn's (`tol=1e-10, max_iter=10000`), whose lbfgs stops on its ftol at a gradient
/// near 1e-6, so that is scikit-learn's own distance from the minimiser; accuracies agree exactly.
///
/// A readout is the part of B after the stitched layer in the functional similarity of
/// Csiszárik et al. 2021: it stands in for B's later layers.
public struct SoftmaxReadout: Sendable {
    /// W, D×K.
    public let weights: Matrix<Double>
    /// b, K, summing to 0.
    public let intercepts: [Double]
    /// μ, the fit half's column means the inputs are centred with (length D).
    public let means: [Double]
    /// Whether the gradient reached the tolerance.
    public let converged: Bool
    /// ‖∇‖_∞ at the end.
    public let gradientMaxNorm: Double
    /// L-BFGS iterations.
    public let iterations: Int

    /// The gradient tolerance on the sum-form objective.
    public static let gradientTolerance = 1e-9
    /// C, the inverse L2 strength (scikit-learn's default).
    public static let inverseRegularisation = 1.0

    /// Fits the readout.
    /// - Parameters:
    ///   - centred: Xc, n×D, the training rows centred by `means`.
    ///   - means: μ (length D), kept to centre later inputs the same way.
    ///   - classes: y_i ∈ 0..<`classCount` (length n).
    ///   - classCount: K ≥ 2.
    public init(centred x: Matrix<Double>, means: [Double], classes: [Int], classCount k: Int) {
        let n = x.rows, d = x.cols
        precondition(classes.count == n && k >= 2, "readout shapes")
        let lambda = 1 / Self.inverseRegularisation
        var residual = Matrix<Double>(rows: n, cols: k)
        let result = LBFGS.minimise(start: [Double](repeating: 0, count: d * k + k),
                                    gradientTolerance: Self.gradientTolerance) { theta, grad in
            let w = Matrix(rows: d, cols: k, storage: Array(theta[0..<(d * k)]))
            let b = Array(theta[(d * k)...])
            let z = SoftmaxCrossEntropy.logits(x, w, b)
            var f = SoftmaxCrossEntropy.evaluate(z, classes: classes, residual: &residual)
            var gw = w
            BLAS.gemm(x, transposeA: true, residual, alpha: 1, beta: lambda, into: &gw)   // Xcᵀ(P − Y) + λW
            for j in 0..<(d * k) { grad[j] = gw.storage[j]; f += 0.5 * lambda * theta[j] * theta[j] }
            for c in 0..<k {
                var s = 0.0
                for i in 0..<n { s += residual.storage[i * k + c] }
                grad[d * k + c] = s
            }
            return f
        }
        weights = Matrix(rows: d, cols: k, storage: Array(result.x[0..<(d * k)]))
        var b = Array(result.x[(d * k)...])
        let shift = b.reduce(0, +) / Double(k)
        for c in 0..<k { b[c] -= shift }
        intercepts = b
        self.means = means
        converged = result.converged
        gradientMaxNorm = result.gradientMaxNorm
        iterations = result.iterations
    }

    /// Logits of inputs already centred by `means` (n×D → n×K).
    public func logits(centred x: Matrix<Double>) -> Matrix<Double> {
        SoftmaxCrossEntropy.logits(x, weights, intercepts)
    }

    /// Class probabilities of inputs already centred by `means` (n×K, rows summing to 1).
    public func probabilities(centred x: Matrix<Double>) -> Matrix<Double> {
        let z = logits(centred: x)
        var p = Matrix<Double>(rows: z.rows, cols: z.cols)
        _ = SoftmaxCrossEntropy.evaluate(z, classes: [Int](repeating: 0, count: z.rows), residual: &p)
        for i in 0..<p.rows { p.storage[i * p.cols] += 1 }
        return p
    }
}
