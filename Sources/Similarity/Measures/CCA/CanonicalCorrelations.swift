/// Canonical correlations between the column spans of two centred layers.
///
/// With Q_X (N×kx) and Q_Y (N×ky) orthonormal bases of the two spans, the canonical
/// correlations are the singular values ρ_1 ≥ … ≥ ρ_c of Q_Xᵀ Q_Y, c = min(kx, ky). They are
/// the cosines of the principal angles between the spans (Björck & Golub 1973; Kornblith et
/// al. 2019, App. C). If Q_Xᵀ Q_Y = A P Bᵀ, the X-side canonical variates (unit-norm
/// combinations of X's neurons, as vectors over the samples) are h_i = Q_X a_i. Values
/// rounded above 1 are clamped to 1.
public struct CanonicalCorrelations: Sendable {
    /// ρ_1 ≥ … ≥ ρ_c in [0, 1].
    public let correlations: [Double]
    /// A, kx×c: column i gives h_i in the coordinates of Q_X. Present only when requested.
    public let xDirections: Matrix<Double>?

    /// The correlations between the spans of the first `kx` columns of `qx` and the first
    /// `ky` columns of `qy`. Both have N rows.
    /// - Parameter withXDirections: also return A.
    /// - Returns: `nil` when LAPACK does not converge.
    /// - Complexity: O(N·kx·ky + kx·ky·min(kx, ky)).
    public init?(_ qx: Matrix<Double>, leading kx: Int, _ qy: Matrix<Double>, leading ky: Int,
                 withXDirections: Bool = false) {
        let m = BLAS.crossProduct(qx, leadingColumns: kx, qy, leadingColumns: ky)
        // The full SVD even when only the values are needed. `LAPACK.singularValues` passes
        // ldvt = 1, which row-major LAPACKE rejects (info −11). Fixed, it measured no faster at
        // 512×512 (the bidiagonalisation dominates).
        guard let svd = LAPACK.svd(m) else { return nil }
        xDirections = withXDirections ? svd.u : nil
        correlations = svd.singularValues.map { min(1, max(0, $0)) }
    }

    /// Why CCA between spans of dimensions `kx` and `ky` over `n` samples means nothing, or
    /// `nil` when it is meaningful.
    ///
    /// The rule: undefined when kx + ky ≥ N. Centred columns lie in the (N−1)-dimensional
    /// space orthogonal to 1. Two subspaces of dimensions kx and ky inside it share at least
    /// kx + ky − (N−1) dimensions. So that many canonical correlations equal 1 whatever the
    /// data, and the mean is inflated by construction. This covers a layer that spans the
    /// whole centred sample space (rank N−1). Below the limit the estimate is still biased upward
    /// when kx + ky is close to N; it is defined, but not trivial.
    /// - Parameter dimension: what kx and ky count, e.g. "rank" or "kept directions".
    public static func trivialityReason(_ kx: Int, _ ky: Int, samples n: Int, dimension: String = "rank") -> String? {
        guard kx + ky >= n else { return nil }
        let forced = kx + ky - (n - 1)
        return "too few samples for CCA: the row layer's \(dimension) (\(kx)) plus the column layer's (\(ky)) "
            + "is \(kx + ky), not below the \(n) samples, so \(forced) canonical correlation\(forced == 1 ? " is" : "s are") "
            + "1 whatever the data; use more than \(kx + ky) samples"
    }

    /// The outcome when two prepared layers have different sample counts.
    static func mismatch(_ nx: Int, _ ny: Int) -> PairOutcome {
        PairOutcome(value: .undefined(reason: "the row layer has \(nx) samples while the column layer has \(ny)"))
    }
}
