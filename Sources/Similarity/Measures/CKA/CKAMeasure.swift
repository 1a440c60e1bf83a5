/// The CKA family as a `PairMeasure`: linear CKA, debiased CKA (same statistics, unbiased
/// estimator) and RBF CKA. See `CKAResult` for the formulas.
public struct CKAMeasure: TypedPairMeasure {
    public let metric: Metric
    public let kernel: Kernel
    public let form: KernelForm

    /// - Parameters:
    ///   - metric: one of `linearCKA`, `debiasedCKA`, `rbfCKA`.
    ///   - options: supplies the RBF bandwidth fraction.
    ///   - form: the representation of the linear kernel (RBF always uses the Gram form).
    public init(metric: Metric, options: MetricOptions, form: KernelForm = .gram) {
        precondition(metric.isCKAFamily, "\(metric.rawValue) is not a CKA metric")
        self.metric = metric
        if metric == .rbfCKA {
            self.kernel = .rbf(fraction: options.rbfFraction)
            self.form = .gram
        } else {
            self.kernel = .linear
            self.form = form
        }
    }

    public var preparationKey: String {
        switch kernel {
        case .linear: return "kernel-linear-\(form.rawValue)"
        case .rbf(let f): return "kernel-rbf-\(f)"
        }
    }

    public func prepareLayer(_ x: Matrix<Float>) throws -> KernelStatistics {
        switch kernel {
        case .linear:
            return try LinearKernel.statistics(of: x, form: form)
        case .rbf(let f):
            guard let s = try RBFKernel.statistics(of: x, fraction: f) else {
                throw SimilarityError.degenerate("has a zero median squared distance between samples, so the RBF bandwidth is zero")
            }
            return s
        }
    }

    public func compareLayers(_ sx: KernelStatistics, _ sy: KernelStatistics) -> PairOutcome {
        let result = CKAResult(sx, sy)
        return PairOutcome(value: result.value(for: metric), cka: result)
    }
}

extension CKAResult {
    /// The same result with X and Y swapped (CKA and the cross terms are symmetric).
    public var transposed: CKAResult {
        CKAResult(kernel: kernel, sampleCount: sampleCount, widthX: widthY, widthY: widthX,
                  biased: HSICTerms(xy: biased.xy, xx: biased.yy, yy: biased.xx),
                  unbiased: unbiased.map { HSICTerms(xy: $0.xy, xx: $0.yy, yy: $0.xx) })
    }
}

extension CKAMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        let n = Double(n), d = Double(d)
        switch (kernel, form) {
        // The n×n double matrix of distances / kernel values, then its packed float upper half.
        case (.rbf, _): return 8 * n * n + 2 * n * (n + 1) + 4 * n * d
        // The centred layer, its packed Gram and one n×n float scratch (see GridPlan).
        case (.linear, .gram): return 4 * n * d + 2 * n * (n + 1) + 4 * n * n
        // The raw and the centred layer.
        case (.linear, _): return 8 * n * d
        }
    }
}
