/// The settings that change a measure's value. They are part of every cache key and are
/// printed with every export, so a number can always be traced to how it was computed.
public struct MetricOptions: Sendable, Hashable, Codable {
    /// σ for `rbf-cka` as a fraction of the median distance (σ² = fraction² × median D²).
    public var rbfFraction: Double

    /// k for `knn`: neighbours per sample.
    public var knnK: Int
    /// The fraction of variance SVCCA keeps in each layer (Raghu et al. 2017 use 0.99).
    public var svccaVarianceKept: Double

    public init(rbfFraction: Double = RBFKernel.defaultFraction, knnK: Int = 10, svccaVarianceKept: Double = 0.99) {
        self.rbfFraction = rbfFraction
        self.knnK = knnK
        self.svccaVarianceKept = svccaVarianceKept
    }

    /// Problems with the options, as user-facing sentences (empty when valid).
    public var problems: [String] {
        var out: [String] = []
        if !(rbfFraction > 0) || !rbfFraction.isFinite { out.append("--rbf-fraction must be a positive number, got \(rbfFraction)") }
        if knnK < 1 { out.append("--knn-k must be at least 1, got \(knnK)") }
        if !(svccaVarianceKept > 0 && svccaVarianceKept <= 1) {
            out.append("the SVCCA variance kept must be in (0, 1], got \(svccaVarianceKept)")
        }
        return out
    }
}
