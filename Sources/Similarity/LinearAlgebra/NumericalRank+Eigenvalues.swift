/// The same rank decisions as `NumericalRank`, taken on the eigenvalues λ_i = σ_i² of the
/// scatter matrix XcᵀXc instead of the singular values σ_i of Xc (the streamed and sharded
/// paths have only the former). Since σ ≥ 0, σ_i > t·σ_max ⇔ λ_i > t²·λ_max: the decision is
/// the same, up to the rounding of the two factorisations. Eigenvalues rounded below 0 count
/// as 0.
extension NumericalRank {
    /// #{λ_i > rtol²·λ_max}, the CCA family's rule (`relativeRank`). `eigenvalues` descending.
    public static func relativeRank(eigenvalues: [Double], relativeTolerance rtol: Double) -> Int {
        guard let top = eigenvalues.first, top > 0 else { return 0 }
        let tol = top * rtol * rtol
        return eigenvalues.count(where: { $0 > tol })
    }

    /// #{λ_i > (max(rows, cols)·ε)²·λ_max}, regression's float32 `lstsq` rule (`rank`).
    public static func rank(eigenvalues: [Double], rows: Int, cols: Int) -> Int {
        guard let top = eigenvalues.first, top > 0 else { return 0 }
        let t = Double(max(rows, cols)) * epsilon
        let tol = top * t * t
        return eigenvalues.count(where: { $0 > tol })
    }
}
