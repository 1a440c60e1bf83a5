/// The settings that change a measure's value. They are part of every cache key and are
/// printed with every export, so a number can always be traced to how it was computed.
public struct MetricOptions: Sendable, Hashable, Codable {
    /// σ for `rbf-cka` as a fraction of the median distance (σ² = fraction² × median D²).
    public var rbfFraction: Double

    public init(rbfFraction: Double = RBFKernel.defaultFraction) {
        self.rbfFraction = rbfFraction
    }

    /// Problems with the options, as user-facing sentences (empty when valid).
    public var problems: [String] {
        var out: [String] = []
        if !(rbfFraction > 0) || !rbfFraction.isFinite { out.append("--rbf-fraction must be a positive number, got \(rbfFraction)") }
        return out
    }
}
