import Foundation
import Palette
import Similarity

/// The two sweeps of direct matching (`MatchingSweeps`) as text line charts, for the details
/// panel and `layermap pair`: `*` in-sample R², `o` held-out R², `#` where both fall on one cell.
public enum SweepCharts {
    /// Plot rows of each chart.
    public static let height = 8

    /// R² against k, on a log₂ axis (k = 1, 2, 4, …, full rank), ticks at every k that fits.
    public static func rank(_ s: MatchingSweeps, width: Int, unicode: Bool) -> [String] {
        guard let last = s.rank.last else { return [] }
        let x = { (k: Int) in log2(Double(k)) }
        let series = [
            TextLineChart.Series(marker: "*", points: s.rank.map { (x($0.k), $0.r2) }),
            TextLineChart.Series(marker: "o", points: s.rank.compactMap { p in p.heldOutR2.map { (x(p.k), $0) } }),
        ]
        let values = s.rank.flatMap { [$0.r2] + ($0.heldOutR2.map { [$0] } ?? []) }
        return TextLineChart.render(series, xRange: 0...max(1, x(last.k)), yRange: yRange(values), width: width,
                                    height: height, xTicks: s.rank.map { (x($0.k), String($0.k)) }, unicode: unicode)
    }

    /// R² against the fraction of the map's weights that are zero (0…1).
    public static func sparsity(_ s: MatchingSweeps, width: Int, unicode: Bool) -> [String] {
        guard !s.sparsity.isEmpty else { return [] }
        let series = [
            TextLineChart.Series(marker: "*", points: s.sparsity.map { ($0.zeroFraction, $0.r2) }),
            TextLineChart.Series(marker: "o", points: s.sparsity.compactMap { p in p.heldOutR2.map { (p.zeroFraction, $0) } }),
        ]
        let values = s.sparsity.flatMap { [$0.r2] + ($0.heldOutR2.map { [$0] } ?? []) }
        return TextLineChart.render(series, xRange: 0...1, yRange: yRange(values), width: width, height: height,
                                    xTicks: [0, 0.25, 0.5, 0.75, 1].map { ($0, NumberFormat.decimal($0, 2)) }, unicode: unicode)
    }

    /// [min(0, lowest), 1]: R² is at most 1; a held-out R² may be negative.
    static func yRange(_ values: [Double]) -> ClosedRange<Double> {
        min(0, values.filter(\.isFinite).min() ?? 0)...1
    }

    /// The legend under both charts.
    public static let legend = "* in-sample R²   o held-out R² (fit on the first half, evaluated on the second)   # both"
}
