/// The one store of additive sums every feature-space measure is computed from when the
/// samples are streamed or sharded: linear and debiased CKA, the CCA family (`cca-rho`,
/// `cca-r2`, `svcca`, `pwcca`), `procrustes`, `regression` (with its held-out R²), the Pearson
/// `matched-corr` and `max-corr`, and `mmd-linear`, `mmd-poly`, `mmd-gauss`.
///
/// Each part is a `LinearSums`: per layer the shift s (the mean of the data set's first 1024
/// samples, the same in every shard), Σx̃ and Σ‖x̃‖² of the shifted rows x̃ = x − s, and per
/// pair of layers, each layer with itself included, X̃ᵀỸ in double precision (plus CKA's
/// norm-weighted terms). From them (`ShiftedMoments`): the column means μ = s + Σx̃/n, the
/// scatter matrices XcᵀXc = X̃ᵀX̃ − n μ̃μ̃ᵀ and XcᵀYc = X̃ᵀỸ − n μ̃_X μ̃_Yᵀ (μ̃ = Σx̃/n; the shift
/// keeps μ̃ small, so the subtraction does not cancel), and the raw Grams XᵀY = XcᵀYc + n μ_X μ_Yᵀ
/// that MMD's unit-normalised neurons need.
///
/// Parts: one over every sample of the slice, or — for `regression`, whose held-out R² fits on
/// the first half of the grid's samples and evaluates on the second — two: the samples before
/// `split` and those from `split` on. The whole-sample sums are the two parts added.
/// Everything is a sum over samples, so shards add up exactly (`merge`) to one run's sums,
/// up to the rounding of the double-precision additions.
public struct FeatureSums: Sendable, Equatable {
    /// One part, or the fit part (samples before `split`) and the evaluation part.
    public var parts: [LinearSums]
    /// The first sample of the evaluation half, in the data set's numbering; `nil` with one part.
    public var split: Int?

    public init(parts: [LinearSums], split: Int?) {
        precondition(parts.count == (split == nil ? 1 : 2), "one part, or two around a split")
        self.parts = parts
        self.split = split
    }

    /// The samples summed over.
    public var sampleCount: Int { parts.reduce(0) { $0 + $1.sampleCount } }

    /// NaN and infinite values seen per layer, over all parts.
    public var nonFinite: [Int] {
        guard let first = parts.first else { return [] }
        return first.layers.indices.map { k in parts.reduce(0) { $0 + $1.layers[k].nonFinite } }
    }

    /// The sums over every sample: the parts added.
    public var total: LinearSums {
        var t = parts[0]
        for p in parts.dropFirst() { t.merge(p) }
        return t
    }

    /// Sample ranges of the parts of `range`: itself, or split at `split` (either may be empty).
    public static func partRanges(_ range: Range<Int>, split: Int?) -> [Range<Int>] {
        guard let split else { return [range] }
        let s = min(max(split, range.lowerBound), range.upperBound)
        return [range.lowerBound..<s, s..<range.upperBound]
    }

    /// The split of the held-out measures for a grid over samples `range`: the fit half is
    /// the first ⌊n/2⌋ samples, as the in-memory `HeldOutRegressionLayer` takes them.
    public static func heldOutSplit(of range: Range<Int>) -> Int { range.lowerBound + range.count / 2 }

    /// Why two stores cannot be added, or `nil` when they can.
    public func mergeProblem(with other: FeatureSums) -> String? {
        guard split == other.split, parts.count == other.parts.count else {
            return "the partial results split the samples differently (held-out halves)"
        }
        for (a, b) in zip(parts, other.parts) {
            if let why = a.mergeProblem(with: b) { return why }
        }
        return nil
    }

    /// Adds another slice's sums (precondition: `mergeProblem(with:)` is nil).
    public mutating func merge(_ other: FeatureSums) {
        precondition(mergeProblem(with: other) == nil, "merging incompatible sums")
        for k in parts.indices { parts[k].merge(other.parts[k]) }
    }
}
