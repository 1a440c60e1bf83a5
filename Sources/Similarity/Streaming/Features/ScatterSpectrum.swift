/// The eigen-decomposition of a layer's scatter matrix S = XcᵀXc = V Λ Vᵀ (LAPACK `dsyevd`, in
/// double): the streamed counterpart of `LayerSpectrum`'s SVD Xc = U Σ Vᵀ, with λ_i = σ_i².
///
/// The whitening W_r = V_r Λ_r^{-1/2} (D×r) maps the layer onto an orthonormal basis of its
/// span, Q = Xc W_r (= U_r up to signs), so Q_Xᵀ Q_Y = W_Xᵀ (XcᵀYc) W_Y without the samples; the
/// loadings Qᵀ Xc = Λ_r^{1/2} V_rᵀ.
///
/// Precision: factorising S squares the condition number. The eigenvalues carry an absolute
/// error of about D·ε₆₄·λ_max, so a direction with σ_i = t·σ_max has λ_i relative error
/// ≈ D·1e-16/t²: 1e-9 at t = 1e-3, 1e-5 at t = 1e-5, and at the CCA rank floor t = 1e-6 about
/// 1e-4 (D = 1000). The in-memory path's SVD of Xc keeps relative accuracy ≈ ε/t. Canonical
/// correlations that involve directions near the floor therefore agree less than the others.
struct ScatterSpectrum: Sendable {
    /// λ_1 ≥ … ≥ λ_D, rounding below 0 taken as 0.
    let eigenvalues: [Double]
    /// V, D×D; column i belongs to λ_i.
    let vectors: Matrix<Double>

    /// - Throws: `.degenerate` when `dsyevd` does not converge.
    init(_ s: Matrix<Double>) throws {
        guard let e = LAPACK.symmetricEigen(s) else {
            throw SimilarityError.degenerate("could not be factorised: the eigen-decomposition (LAPACK dsyevd) of its covariance did not converge")
        }
        let d = s.rows
        eigenvalues = e.values.reversed().map { max(0, $0) }
        var v = Matrix<Double>(rows: d, cols: d)
        for i in 0..<d { for j in 0..<d { v.storage[i * d + j] = e.vectors.storage[i * d + (d - 1 - j)] } }
        vectors = v
    }

    /// The singular values of Xc, √λ_i.
    var singularValues: [Double] { eigenvalues.map { $0.squareRoot() } }

    /// W_r = V_r Λ_r^{-1/2}, D×r (r ≤ the count of positive eigenvalues).
    func whitening(_ r: Int) -> Matrix<Double> {
        let d = vectors.rows
        var w = Matrix<Double>(rows: d, cols: r)
        for j in 0..<r {
            let f = 1 / eigenvalues[j].squareRoot()
            for i in 0..<d { w.storage[i * r + j] = vectors.storage[i * d + j] * f }
        }
        return w
    }

    /// L = Λ_r^{1/2} V_rᵀ, r×D: ⟨q_i, xc_j⟩ as `LayerSpectrum.loadings`.
    func loadings(_ r: Int) -> Matrix<Double> {
        let d = vectors.rows
        var l = Matrix<Double>(rows: r, cols: d)
        for i in 0..<r {
            let f = eigenvalues[i].squareRoot()
            for j in 0..<d { l.storage[i * d + j] = vectors.storage[j * d + i] * f }
        }
        return l
    }
}
