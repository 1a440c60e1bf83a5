/// Task-loss matching (Csiszárik et al. 2021): the stitching map trained to minimise the
/// readout's cross-entropy against the labels, with the readout fixed, starting from the
/// least-squares map, as the paper recommends.
///
/// The stitched network sends a row-layer input x (centred by the row layer's fit-half means)
/// to B's space as z = xᵀM + cᵀ (B's centred coordinates; an affine map, like the paper's
/// stitching layer) and then through B's readout (W, D_B×K; b). With X̃ = [Xc | 1] (n×(D_A+1))
/// and M̃ = [M; cᵀ], the training loss on the fit half is
///
///     L(M̃) = Σ_i −log softmax(x̃_iᵀ M̃ W + bᵀ)_{y_i},    ∇L = X̃ᵀ (P − Y) Wᵀ.
///
/// Solver: full-batch gradient descent with the fixed step 1/ℓ, where
/// ℓ = ½ σ_max(X̃)² σ_max(W)² bounds the Lipschitz constant of ∇L (the softmax cross-entropy's
/// Hessian in the logits is at most ½ I). By the descent lemma every step lowers L, so the
/// result's training cross-entropy is never above the least-squares map's. Because M̃ only
/// enters through the logits X̃ M̃ W, each step is taken on A = M̃ W ((D_A+1)×K):
/// A ← A − (1/ℓ) X̃ᵀ(P − Y)(WᵀW), which costs O(n·D_A·K) instead of O(n·D_A·D_B).
///
/// Stopping rule: ‖∇L‖_F ≤ `relativeTolerance`·‖∇L(M̃₀)‖_F, or `maxSteps` steps. It is a rule,
/// not convergence to a minimum: when the training half is linearly separable through the
/// stitched map, L has no minimum and keeps falling as ‖M̃‖ grows, so the step budget acts as
/// early stopping (the paper stops SGD after a fixed budget too).
///
/// What this measures, honestly: since the readout is linear, the stitched network is a linear
/// classifier on A's layer whose weight is restricted to M̃W. W's rows span (at most) the
/// K − 1 dimensional logit differences, so the restriction is nearly void, and the task-loss
/// stitched accuracy approaches that of a classifier trained on A's layer directly; what ties
/// it to B is the start (the least-squares map) and the early stopping.
public enum TaskLossMatching {
    /// The relative gradient tolerance.
    public static let relativeTolerance = 1e-4
    /// The most gradient steps.
    public static let maxSteps = 1000

    /// The trained map, through its effect on the logits.
    public struct Fit: Sendable {
        /// A = M̃W, (D_A+1)×K: the stitched logits of a centred row-layer input x are
        /// [xᵀ 1] A + bᵀ.
        public let logitMap: Matrix<Double>
        /// Σ_i −log P_{i,y_i} on the training half at the least-squares start, per sample.
        public let startCrossEntropy: Double
        /// The same at the end, per sample (≤ `startCrossEntropy`).
        public let crossEntropy: Double
        /// Steps taken.
        public let steps: Int
    }

    /// - Parameters:
    ///   - x: Xc, the row layer's fit half centred by its means (n×D_A).
    ///   - xSpectralNorm: σ_max([Xc | 1]).
    ///   - start: M_LS W, D_A×K (the least-squares map's logit map; c = 0).
    ///   - readout: B's readout.
    ///   - readoutSpectralNorm: σ_max(W).
    ///   - classes: y_i (length n).
    public static func fit(x: Matrix<Double>, xSpectralNorm: Double, start: Matrix<Double>, readout: SoftmaxReadout,
                           readoutSpectralNorm: Double, classes: [Int]) -> Fit {
        let n = x.rows, d = x.cols, k = readout.weights.cols
        var xt = Matrix<Double>(rows: n, cols: d + 1)
        for i in 0..<n {
            for j in 0..<d { xt.storage[i * (d + 1) + j] = x.storage[i * d + j] }
            xt.storage[i * (d + 1) + d] = 1
        }
        var a = Matrix<Double>(rows: d + 1, cols: k)
        for j in 0..<(d * k) { a.storage[j] = start.storage[j] }
        let wtw = BLAS.product(readout.weights, transposeA: true, readout.weights)     // K×K
        let ell = 0.5 * xSpectralNorm * xSpectralNorm * readoutSpectralNorm * readoutSpectralNorm
        var residual = Matrix<Double>(rows: n, cols: k)
        var loss = SoftmaxCrossEntropy.evaluate(SoftmaxCrossEntropy.logits(xt, a, readout.intercepts),
                                                classes: classes, residual: &residual)
        let startLoss = loss
        var steps = 0
        var firstNorm = -1.0
        while ell > 0 {
            let g = BLAS.product(xt, transposeA: true, residual)                         // (D_A+1)×K
            let gw = BLAS.product(g, wtw)                                                // X̃ᵀR WᵀW
            var norm2 = 0.0                                                              // ‖X̃ᵀR Wᵀ‖²_F = tr(G WᵀW Gᵀ)
            for j in 0..<g.storage.count { norm2 += g.storage[j] * gw.storage[j] }
            let norm = max(0, norm2).squareRoot()
            if firstNorm < 0 { firstNorm = norm }
            if !(norm > relativeTolerance * firstNorm) || steps >= maxSteps { break }
            for j in 0..<a.storage.count { a.storage[j] -= gw.storage[j] / ell }
            steps += 1
            loss = SoftmaxCrossEntropy.evaluate(SoftmaxCrossEntropy.logits(xt, a, readout.intercepts),
                                                classes: classes, residual: &residual)
        }
        return Fit(logitMap: a, startCrossEntropy: startLoss / Double(n), crossEntropy: loss / Double(n), steps: steps)
    }

    /// The stitched logits of `x` (centred row-layer inputs, m×D_A): [x 1] A + 1bᵀ.
    public static func logits(_ x: Matrix<Double>, _ fit: Fit, intercepts: [Double]) -> Matrix<Double> {
        let d = x.cols, k = fit.logitMap.cols
        let top = Matrix(rows: d, cols: k, storage: Array(fit.logitMap.storage[0..<(d * k)]))
        var b = intercepts
        for c in 0..<k { b[c] += fit.logitMap.storage[d * k + c] }
        return SoftmaxCrossEntropy.logits(x, top, b)
    }
}
