import Foundation
import Similarity

extension HeatmapScale {
    /// The scale of `table`'s figure under `mode` (`FigureOptions.RangeMode`):
    /// - a metric's grid: viridis positions over the measure's range (`full`), the data's
    ///   min–max (`auto`), its 2nd–98th percentiles (`robust`) or the given range, reversed
    ///   for a distance; the colour bar's title says which range it is unless it is the full one;
    /// - a seed baseline's differences: symmetric around 0, so that 0 is the diverging
    ///   palette's middle: ±the largest |difference| (`full` and `auto`, at least 0.01, as the
    ///   explorer shows it), ±the 98th percentile of |difference| (`robust`), or the given range.
    ///
    /// A range the data leave empty (every value equal) is widened by 0.1 % of the value (at
    /// least 1e-9) each way; a grid without numbers keeps the full range.
    static func figure(_ table: GridTable, range mode: FigureOptions.RangeMode) -> HeatmapScale {
        let numbers = table.values.joined().compactMap { $0?.number }.filter(\.isFinite)
        switch table.quantity {
        case .measure:
            var scale = HeatmapScale(metric: table.metric)
            let span: ClosedRange<Double>?
            switch mode {
            case .full: span = nil
            case .auto: span = numbers.min().map { $0...numbers.max()! }
            case .robust:
                span = numbers.isEmpty ? nil : percentile(numbers, 2)...percentile(numbers, 98)
            case .fixed(let r): span = r
            }
            if let span {
                scale.range = widened(span)
                scale.label = table.metric.displayName + ", " + mode.caption
            }
            return scale
        case .seedBaseline, .difference:
            let label = table.difference?.formula ?? "within \u{2212} across"
            let magnitudes = numbers.map(abs)
            switch mode {
            case .full, .auto:
                return .diverging(radius: max(0.01, magnitudes.max() ?? 0), label: label)
            case .robust:
                let r = magnitudes.isEmpty ? 0 : percentile(magnitudes, 98)
                return .diverging(radius: r > 0 ? r : 0.01, label: label + ", 98th percentile of |d|")
            case .fixed(let r):
                return HeatmapScale(range: widened(r), label: label + ", fixed range")
            }
        }
    }

    /// The `q`-th percentile (0…100) of `values` (not empty) as numpy's `percentile` computes
    /// it by default ("linear"): with the values sorted, position h = (n − 1)·q/100 between
    /// the ⌊h⌋-th and the next, interpolated linearly.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        precondition(!values.isEmpty, "a percentile needs at least one value")
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * q / 100
        let k = Int(h.rounded(.down))
        guard k + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[k] + (h - Double(k)) * (sorted[k + 1] - sorted[k])
    }

    /// `r`, or around its single value when it is empty.
    static func widened(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        guard r.lowerBound == r.upperBound else { return r }
        let d = max(abs(r.lowerBound) * 1e-3, 1e-9)
        return (r.lowerBound - d)...(r.upperBound + d)
    }
}
