import Foundation

/// The multinomial cross-entropy of logits against class indices, and its gradient with
/// respect to the logits, shared by the readout (`SoftmaxReadout`) and task-loss matching
/// (`TaskLossMatching`).
///
/// For logits Z (n×K) and classes y_i ∈ 0..<K, with P = softmax(Z) row-wise (computed as
/// exp(z_ik − max_k z_ik) / Σ, so no exponential overflows):
///
///     CE = Σ_i −log P_{i, y_i} = Σ_i (logsumexp(z_i) − z_{i, y_i}),   ∂CE/∂Z = P − Y
///
/// with Y the one-hot rows. The sum, not the mean: callers scale.
enum SoftmaxCrossEntropy {
    /// CE of `logits`; `residual` (n×K) receives P − Y.
    static func evaluate(_ logits: Matrix<Double>, classes: [Int], residual: inout Matrix<Double>) -> Double {
        let n = logits.rows, k = logits.cols
        precondition(classes.count == n && residual.rows == n && residual.cols == k, "cross-entropy shapes")
        var total = 0.0
        for i in 0..<n {
            let base = i * k
            var top = -Double.infinity
            for c in 0..<k { top = max(top, logits.storage[base + c]) }
            var sum = 0.0
            for c in 0..<k {
                let e = exp(logits.storage[base + c] - top)
                residual.storage[base + c] = e
                sum += e
            }
            for c in 0..<k { residual.storage[base + c] /= sum }
            total += top + log(sum) - logits.storage[base + classes[i]]
            residual.storage[base + classes[i]] -= 1
        }
        return total
    }

    /// The fraction of rows whose largest logit is their class (ties: the lowest index, as
    /// numpy's `argmax`).
    static func accuracy(_ logits: Matrix<Double>, classes: [Int]) -> Double {
        let n = logits.rows, k = logits.cols
        guard n > 0 else { return 0 }
        var hits = 0
        for i in 0..<n {
            var best = 0
            for c in 1..<max(k, 1) where logits.storage[i * k + c] > logits.storage[i * k + best] { best = c }
            if best == classes[i] { hits += 1 }
        }
        return Double(hits) / Double(n)
    }

    /// Z = X W + 1 bᵀ for X n×D, W D×K, b length K.
    static func logits(_ x: Matrix<Double>, _ w: Matrix<Double>, _ b: [Double]) -> Matrix<Double> {
        var z = Matrix<Double>(rows: x.rows, cols: w.cols)
        for i in 0..<x.rows { for c in 0..<w.cols { z.storage[i * w.cols + c] = b[c] } }
        BLAS.gemm(x, w, alpha: 1, beta: 1, into: &z)
        return z
    }
}
