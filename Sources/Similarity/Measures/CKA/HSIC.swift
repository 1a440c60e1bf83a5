/// The three HSIC terms behind a CKA value: HSIC(K,L), HSIC(K,K) and HSIC(L,L).
public struct HSICTerms: Sendable, Equatable, Hashable, Codable {
    /// HSIC(K, L), the cross term.
    public var xy: Double
    /// HSIC(K, K), the row layer's self term.
    public var xx: Double
    /// HSIC(L, L), the column layer's self term.
    public var yy: Double

    public init(xy: Double, xx: Double, yy: Double) {
        self.xy = xy
        self.xx = xx
        self.yy = yy
    }

    /// HSIC(K,L) / sqrt(HSIC(K,K) · HSIC(L,L)), or `nil` when a self term is ≤ 0 or not finite.
    public var normalized: Double? {
        guard xx > 0, yy > 0, xx.isFinite, yy.isFinite, xy.isFinite else { return nil }
        let v = xy / (xx.squareRoot() * yy.squareRoot())
        return v.isFinite ? v : nil
    }
}

/// The two HSIC estimators, written in terms of the centred kernel statistics.
///
/// With Kc = HKH, Lc = HLH, d_K = diag(Kc), t_K = tr(Kc) and n samples:
/// - **biased** (Gretton et al. 2005): HSIC_b = tr(KHLH) / (n−1)² = ⟨Kc, Lc⟩ / (n−1)².
/// - **unbiased** (Song et al. 2012): with K̃, L̃ the kernels with zeroed diagonals,
///   HSIC_u = [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1 / ((n−1)(n−2)) − 2/(n−2) · 1ᵀK̃L̃1] / (n(n−3)).
///   The estimator is unchanged when K is replaced by Kc (it annihilates 1uᵀ + u1ᵀ + c11ᵀ),
///   and with K̃ = Kc − diag(d_K) we have K̃1 = −d_K and 1ᵀK̃1 = −t_K, so
///   HSIC_u = [⟨Kc, Lc⟩ − n/(n−2) · d_K·d_L + t_K·t_L / ((n−1)(n−2))] / (n(n−3)).
///   This is the same value as the inner product of the U-centred Gram matrices, computed
///   without forming them. It needs n > 3 and may be slightly negative.
public enum HSIC {
    /// HSIC_b from ⟨Kc, Lc⟩. Needs n ≥ 2.
    public static func biased(centredInner: Double, n: Int) -> Double {
        let m = Double(n - 1)
        return centredInner / (m * m)
    }

    /// HSIC_u from ⟨Kc, Lc⟩, d_K·d_L and t_K, t_L. Needs n > 3.
    public static func unbiased(centredInner: Double, diagonalDot: Double,
                                traceX: Double, traceY: Double, n: Int) -> Double {
        let nd = Double(n)
        let numerator = centredInner - nd / (nd - 2) * diagonalDot
            + traceX * traceY / ((nd - 1) * (nd - 2))
        return numerator / (nd * (nd - 3))
    }

    /// The biased and (when n > 3) unbiased terms for a pair of layers.
    ///
    /// - Parameters:
    ///   - x: the row layer's statistics; `y`: the column layer's (same kernel, same n).
    ///   - crossInner: ⟨Kc, Lc⟩, computed by the caller (possibly as part of a larger product).
    public static func terms(_ x: KernelStatistics, _ y: KernelStatistics, crossInner: Double)
        -> (biased: HSICTerms, unbiased: HSICTerms?) {
        let n = x.sampleCount
        let biased = HSICTerms(xy: biased(centredInner: crossInner, n: n),
                               xx: biased(centredInner: x.selfInner, n: n),
                               yy: biased(centredInner: y.selfInner, n: n))
        guard n > 3 else { return (biased, nil) }
        let unbiased = HSICTerms(
            xy: unbiased(centredInner: crossInner, diagonalDot: BLAS.dot(x.diagonal, y.diagonal),
                         traceX: x.trace, traceY: y.trace, n: n),
            xx: unbiased(centredInner: x.selfInner, diagonalDot: BLAS.dot(x.diagonal, x.diagonal),
                         traceX: x.trace, traceY: x.trace, n: n),
            yy: unbiased(centredInner: y.selfInner, diagonalDot: BLAS.dot(y.diagonal, y.diagonal),
                         traceX: y.trace, traceY: y.trace, n: n))
        return (biased, unbiased)
    }
}
