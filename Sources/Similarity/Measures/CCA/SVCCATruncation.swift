/// SVCCA's first step (Raghu et al. 2017): keep the leading singular directions of a centred
/// layer that hold a given fraction of its variance.
public enum SVCCATruncation {
    /// k, the smallest count with σ_1² + … + σ_k² ≥ fraction · (σ_1² + … + σ_K²) over all K
    /// singular values (descending). It is capped at `rank`, so directions below the rank
    /// tolerance are never kept, even with fraction = 1.
    ///
    /// Both sums run in the same order, so the full cumulative sum equals the total exactly and
    /// some k ≤ K always qualifies. The result is at least 1 when rank ≥ 1, and 0 when rank = 0.
    /// - Parameter fraction: in (0, 1]; `MetricOptions.svccaVarianceKept`, 0.99 by default.
    public static func keptDirections(singularValues: [Double], rank: Int, fraction: Double) -> Int {
        guard rank > 0 else { return 0 }
        var total = 0.0
        for s in singularValues { total += s * s }
        let target = fraction * total
        var cumulative = 0.0
        for (i, s) in singularValues.enumerated() {
            cumulative += s * s
            if cumulative >= target { return min(i + 1, rank) }
        }
        return rank
    }
}
