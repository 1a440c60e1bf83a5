import Similarity

extension ColorScale {
    /// The scale a metric's grid uses: viridis for a similarity, reversed for a distance, so
    /// "more alike" has the same colour whatever the metric.
    public static func forMetric(_ metric: Metric) -> ColorScale {
        metric.orientation == .distance ? .viridisReversed : .viridis
    }
}
