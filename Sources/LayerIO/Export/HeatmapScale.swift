import Foundation
import Palette
import Similarity

/// How a cell's value becomes a palette position t ∈ [0, 1], and what the colour bar says.
///
/// t = (v − lower) / (upper − lower), clamped to [0, 1]; when `reversed`, t = 1 − t. For a
/// metric grid the range is the metric's `displayRange` and distances are reversed, so that
/// "more alike" has the same colour whatever the metric. For signed differences, use
/// `diverging(radius:label:)`, centred at 0, with a diverging palette.
public struct HeatmapScale: Sendable, Equatable {
    /// The values the colour bar spans; values outside are clamped to its ends.
    public var range: ClosedRange<Double>
    /// Whether larger values take the palette's low end (for distances).
    public var reversed: Bool
    /// The colour bar's title: the metric's name, or what a difference grid shows.
    public var label: String

    public init(range: ClosedRange<Double>, reversed: Bool = false, label: String) {
        precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "a colour scale needs a finite range")
        self.range = range
        self.reversed = reversed
        self.label = label
    }

    /// The scale for a metric's grid: its display range, reversed for a distance.
    public init(metric: Metric) {
        self.init(range: metric.displayRange, reversed: metric.orientation == .distance, label: metric.displayName)
    }

    /// A scale for signed differences, −radius…radius, so 0 sits at t = 0.5.
    public static func diverging(radius: Double, label: String) -> HeatmapScale {
        precondition(radius > 0 && radius.isFinite, "a diverging scale needs a positive radius")
        return HeatmapScale(range: -radius...radius, label: label)
    }

    /// The palette position of `value`: clamped to [0, 1], reversed when asked. An empty range
    /// maps everything to 0.5.
    public func position(_ value: Double) -> Double {
        let span = range.upperBound - range.lowerBound
        var t = span > 0 ? (value - range.lowerBound) / span : 0.5
        t = t.isNaN ? 0.5 : min(1, max(0, t))
        return reversed ? 1 - t : t
    }

    /// Between three and six "nice" values (1, 2, 2.5 or 5 × 10ᵏ apart) inside the range, for
    /// the colour bar's ticks; a single value for an empty range.
    public var ticks: [Double] {
        let lo = range.lowerBound, hi = range.upperBound
        let span = hi - lo
        guard span > 0 else { return [lo] }
        for (m, e) in Self.candidateSteps(span: span) {
            let step = m * pow(10, Double(e))
            // The multiples of `step` inside the range, with a little tolerance at the ends.
            let eps = step * 1e-9
            let first = ((lo - eps) / step).rounded(.up)
            let last = ((hi + eps) / step).rounded(.down)
            guard last >= first, last - first < 6 else { continue }
            // k·m·10^e, computed as an integer over a power of ten so that 3 × 0.2 is 0.6.
            return stride(from: first, through: last, by: 1).map { k in
                let v = e < 0 ? (k * m) / pow(10, Double(-e)) : k * step
                return v == 0 ? 0 : v
            }
        }
        return [lo, hi]
    }

    /// The text of a tick value: as many decimals as the tick step needs, the same for every
    /// tick ("0.0", "0.5", "1.0"), and a true minus sign (U+2212) for negative values.
    public func tickLabel(_ value: Double) -> String {
        let values = ticks
        guard values.count > 1 else { return NumberFormat.significant(value, 4) }
        let step = values[1] - values[0]
        var decimals = 0
        while decimals < 6, abs((step * pow(10, Double(decimals))).rounded() - step * pow(10, Double(decimals))) > 1e-6 {
            decimals += 1
        }
        let text = String(format: "%.\(decimals)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero ? "\u{2212}" : "") + text
    }

    /// Steps m × 10^e for m = 1, 2, 2.5, 5, in increasing order, from well below the span to
    /// above it. 2.5 is kept as 25 × 10^(e−1) so that m stays an integer.
    private static func candidateSteps(span: Double) -> [(m: Double, e: Int)] {
        let k = Int(floor(log10(span))) - 2
        var steps: [(Double, Int)] = []
        for e in k...(k + 3) {
            steps += [(1, e), (2, e), (25, e - 1), (5, e)]
        }
        return steps
    }
}
