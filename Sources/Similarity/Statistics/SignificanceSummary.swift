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
    /// The 95 % bootstrap interval: BCa (`BCaInterval`) when it can be estimated, else the
    /// basic interval 2θ̂ − q (`bootstrapMethod` says which; see `PermutationTest`).
    public let bootstrapLow: Double?
    public let bootstrapHigh: Double?
    public let bootstrapSamples: Int
    public let seed: UInt64
    /// "BCa", "basic" or (when built without resamples' details) "percentile".
    public let bootstrapMethod: String
    /// The plain 2.5 % and 97.5 % percentiles of the resampled values.
    public let percentileLow: Double?
    public let percentileHigh: Double?
    /// The bootstrap's bias estimate, mean(θ*) − θ̂.
    public let bootstrapBias: Double?

    public init(metric: Metric, observed: Double, permutationP: Double?, permutations: Int,
                bootstrapLow: Double?, bootstrapHigh: Double?, bootstrapSamples: Int, seed: UInt64,
                bootstrapMethod: String = "percentile", percentileLow: Double? = nil, percentileHigh: Double? = nil,
                bootstrapBias: Double? = nil) {
        self.metric = metric
        self.observed = observed
        self.permutationP = permutationP
        self.permutations = permutations
        self.bootstrapLow = bootstrapLow
        self.bootstrapHigh = bootstrapHigh
        self.bootstrapSamples = bootstrapSamples
        self.seed = seed
        self.bootstrapMethod = bootstrapMethod
        self.percentileLow = percentileLow ?? bootstrapLow
        self.percentileHigh = percentileHigh ?? bootstrapHigh
        self.bootstrapBias = bootstrapBias
    }

    /// True when the observed value lies outside the plain percentile interval: resampling
    /// shifts this measure (repeated samples inflate it), which the BCa interval corrects.
    public var observedOutsidePercentileInterval: Bool {
        guard let lo = percentileLow, let hi = percentileHigh else { return false }
        return observed < lo || observed > hi
    }
}
