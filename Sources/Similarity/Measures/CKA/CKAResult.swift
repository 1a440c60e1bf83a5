/// Centred kernel alignment for one layer pair, with the HSIC terms behind it.
///
///     CKA(K, L) = HSIC(K, L) / sqrt(HSIC(K, K) · HSIC(L, L))
///
/// (Kornblith et al. 2019). `value` uses the biased estimator; `debiasedValue` uses the
/// unbiased estimator of Song et al. 2012 (debiased CKA), which needs n > 3 and may be
/// slightly negative. CKA is symmetric, lies in [0, 1] under the biased estimator, equals 1
/// for a layer and itself, and is invariant to orthogonal transforms and isotropic scaling
/// of either layer (and, trivially, to permuting neurons), for the linear and RBF kernels.
public struct CKAResult: Sendable, Equatable {
    /// The kernel both layers were compared under.
    public let kernel: Kernel
    /// n, d_X, d_Y.
    public let sampleCount: Int
    public let widthX: Int
    public let widthY: Int
    /// Biased-estimator terms.
    public let biased: HSICTerms
    /// Unbiased-estimator terms, `nil` when n ≤ 3.
    public let unbiased: HSICTerms?

    /// CKA with the biased estimator, or the reason it is undefined.
    public var value: CellValue {
        if sampleCount < 2 { return .undefined(reason: "CKA needs at least 2 samples, have \(sampleCount)") }
        if biased.xx <= 0 { return .undefined(reason: "the row layer is constant (HSIC(K,K) = 0)") }
        if biased.yy <= 0 { return .undefined(reason: "the column layer is constant (HSIC(L,L) = 0)") }
        guard let v = biased.normalized else { return .undefined(reason: "HSIC terms are not finite") }
        return .value(v)
    }

    /// Debiased CKA (unbiased estimator), or the reason it is undefined.
    public var debiasedValue: CellValue {
        guard let u = unbiased else {
            return .undefined(reason: "debiased CKA needs more than 3 samples, have \(sampleCount)")
        }
        if u.xx <= 0 {
            return .undefined(reason: "unbiased HSIC(K,K) = \(u.xx) ≤ 0 for the row layer")
        }
        if u.yy <= 0 {
            return .undefined(reason: "unbiased HSIC(L,L) = \(u.yy) ≤ 0 for the column layer")
        }
        guard let v = u.normalized else { return .undefined(reason: "unbiased HSIC terms are not finite") }
        return .value(v)
    }

    /// The value `metric` reports from these terms: `debiasedValue` (the unbiased estimator)
    /// for debiased CKA, `value` (the biased one) for linear and RBF CKA.
    public func value(for metric: Metric) -> CellValue {
        metric == .debiasedCKA ? debiasedValue : value
    }

    /// Builds a result from terms computed elsewhere (a merged shard, a transposed cell).
    public init(kernel: Kernel, sampleCount: Int, widthX: Int, widthY: Int,
                biased: HSICTerms, unbiased: HSICTerms?) {
        self.kernel = kernel
        self.sampleCount = sampleCount
        self.widthX = widthX
        self.widthY = widthY
        self.biased = biased
        self.unbiased = unbiased
    }

    /// Computes CKA from two layers' statistics. The cross term ⟨Kc, Lc⟩ is computed here
    /// unless the caller already has it (the grid engine computes many at once).
    public init(_ x: KernelStatistics, _ y: KernelStatistics, crossInner: Double? = nil) {
        precondition(x.sampleCount == y.sampleCount,
                     "X has \(x.sampleCount) rows while Y has \(y.sampleCount)")
        let inner = crossInner ?? KernelStatistics.centredInnerProduct(x, y)
        let t = HSIC.terms(x, y, crossInner: inner)
        self.kernel = x.kernel
        self.sampleCount = x.sampleCount
        self.widthX = x.width
        self.widthY = y.width
        self.biased = t.biased
        self.unbiased = t.unbiased
    }
}
