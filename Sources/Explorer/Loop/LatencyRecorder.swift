/// Key-to-frame latencies of the explorer: for each key or mouse event, the seconds from
/// the moment `nextEvent` returned it to the moment the frame that shows its effect was
/// presented. `ExplorerLoop` records one sample per such event; `summary` reduces them to
/// the numbers the speed target is stated in (p50, p99 under 30 ms).
///
/// Every sample is kept (8 bytes each: a long session of 100 000 key presses is under
/// 1 MB), so the percentiles are exact, not bucketed.
///
/// What it does not see: time an event spent queued in the terminal before `nextEvent`
/// returned it (while the loop was busy with a previous frame).
public struct LatencyRecorder: Sendable, Equatable {
    /// The samples in seconds, in the order they were recorded.
    public private(set) var samples: [Double] = []

    public init() {}

    /// Adds one sample, in seconds (a negative one, from a clock going backwards, counts as 0).
    public mutating func record(_ seconds: Double) {
        samples.append(max(0, seconds))
    }

    /// The count, p50, p90, p99 and maximum of the samples so far.
    /// - Complexity: O(n log n) for n samples (one sort).
    public var summary: LatencySummary { LatencySummary(seconds: samples) }
}

/// The distribution of key-to-frame latencies, in milliseconds: what the explorer writes to
/// `LAYERMAP_LATENCY_FILE` as one JSON object,
///
/// ```json
/// {"count":412,"max_ms":9.8,"p50_ms":1.2,"p90_ms":3.1,"p99_ms":7.4}
/// ```
///
/// Percentiles are **nearest-rank**: the p-th percentile of n samples sorted ascending is
/// the sample at 1-based rank ⌈p·n/100⌉ (at least 1). It is always one of the samples, never
/// an interpolation: for 15, 20, 35, 40, 50 ms, p30 = 20, p40 = 20, p50 = 35, p100 = 50.
/// With no samples, every percentile and the maximum are `nil` (JSON `null`).
public struct LatencySummary: Sendable, Equatable, Codable {
    /// How many events were measured.
    public let count: Int
    /// Nearest-rank percentiles and the maximum, in milliseconds rounded to the microsecond
    /// (`nil` without samples).
    public let p50: Double?
    public let p90: Double?
    public let p99: Double?
    public let max: Double?

    /// Summarises samples given in seconds.
    public init(seconds samples: [Double]) {
        let sorted = samples.sorted()
        count = sorted.count
        func ms(_ p: Double) -> Double? { LatencySummary.nearestRank(p, ofSorted: sorted).map(LatencySummary.milliseconds) }
        p50 = ms(50)
        p90 = ms(90)
        p99 = ms(99)
        max = sorted.last.map(LatencySummary.milliseconds)
    }

    /// Seconds as milliseconds rounded to 0.001 (a clock's noise below a microsecond says nothing).
    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }

    /// The nearest-rank `p`-th percentile (0 < p ≤ 100) of values sorted ascending: the value
    /// at 1-based rank ⌈p·n/100⌉, clamped to 1…n; `nil` when there are none.
    public static func nearestRank(_ p: Double, ofSorted sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let n = sorted.count
        // p·n is exact for whole p and n, so ⌈p·n/100⌉ has no rounding surprise at 99 % of 100.
        let rank = Int((p * Double(n) / 100).rounded(.up))
        return sorted[Swift.min(n, Swift.max(1, rank)) - 1]
    }

    private enum CodingKeys: String, CodingKey {
        case count
        case p50 = "p50_ms", p90 = "p90_ms", p99 = "p99_ms", max = "max_ms"
    }

    /// Writes every key, `null` for a missing value (readers need not test for absence).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(count, forKey: .count)
        try c.encode(p50, forKey: .p50)
        try c.encode(p90, forKey: .p90)
        try c.encode(p99, forKey: .p99)
        try c.encode(max, forKey: .max)
    }
}
