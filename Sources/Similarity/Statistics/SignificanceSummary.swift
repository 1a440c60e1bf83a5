/// Whether a pair's similarity beats chance: a permutation test and a bootstrap interval.
public struct SignificanceSummary: Sendable, Equatable {
    public let metric: Metric
    /// The metric's value on the real pairing of samples.
    public let observed: Double
    /// p = (1 + #{permuted ≥ observed}) / (permutations + 1), shuffling the samples of Y
    /// (for a distance, "≥" reads "≤": as extreme towards more alike). `nil` when no
    /// permutations were run.
    public let permutationP: Double?
    public let permutations: Int
    /// The 2.5 % and 97.5 % percentiles of the metric over bootstrap resamples of the samples.
    public let bootstrapLow: Double?
    public let bootstrapHigh: Double?
    public let bootstrapSamples: Int
    public let seed: UInt64

    public init(metric: Metric, observed: Double, permutationP: Double?, permutations: Int,
                bootstrapLow: Double?, bootstrapHigh: Double?, bootstrapSamples: Int, seed: UInt64) {
        self.metric = metric
        self.observed = observed
        self.permutationP = permutationP
        self.permutations = permutations
        self.bootstrapLow = bootstrapLow
        self.bootstrapHigh = bootstrapHigh
        self.bootstrapSamples = bootstrapSamples
        self.seed = seed
    }
}
