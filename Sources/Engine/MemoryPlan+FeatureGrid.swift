import Foundation
import Similarity

/// How the headless grid of a feature-space measure other than linear CKA (the CCA family,
/// Procrustes, regression, Pearson matching, MMD) is computed (`MemoryPlan.featureGrid`):
/// - `.inMemory`: every layer read and prepared whole (`GridComputation`), the measures'
///   own factorisations of the data;
/// - `.streaming`: additive sums over row blocks (`StreamingFeatureGrid`), never a whole layer.
public enum FeatureGridPlan: Equatable, Sendable {
    case inMemory
    case streaming
}

extension MemoryPlan {
    /// Bytes the in-memory grid holds at its peak: every distinct layer's prepared state
    /// at once (`PairMeasure.preparedBytes`, what the prepared-layer cache keeps for the pairs).
    public static func inMemoryFeatureBytes(_ measure: any PairMeasure, n: Int, widths: [Int]) -> Double {
        widths.reduce(0) { $0 + measure.preparedBytes(sampleCount: n, width: $1) }
    }

    /// The rule, by `--memory` alone: in memory when `inMemoryFeatureBytes` fits the budget
    /// (and the run need not write sums); else streamed sums when `FeaturePassPlan.floorBytes`
    /// fits (one block of rows of every layer, the prepared layers, their self sums, one pair's
    /// sums and per-thread work); else a refusal that names both needs.
    /// - Parameter widths: the distinct layers' widths (rows, then columns unless A×A).
    public func featureGrid(metric: Metric, options: MetricOptions, n: Int, widths: [Int], sums: Bool,
                            threads: Int, blockRows: Int = GridPlan.blockRows) -> Result<FeatureGridPlan, Refusal> {
        let measure = MeasureFactory.measure(for: metric, options: options)
        let inMemory = Self.inMemoryFeatureBytes(measure, n: n, widths: widths)
        if !sums && inMemory <= Double(budget) { return .success(.inMemory) }
        if let why = FeatureSumsMeasure.refusal(metric, options: options) {
            return .failure(Refusal(description: sums ? why
                : "not computed within --memory \(MemorySize(bytes: budget)): \(metric.rawValue) needs about \(Self.text(inMemory)) in memory, and \(why)"))
        }
        let parts = StreamingFeatureGrid.split(for: metric, range: 0..<n) == nil ? 1 : 2
        let floor = FeaturePassPlan(metric: metric, widths: widths, n: n, parts: parts, blockRows: blockRows,
                                    threads: threads, budget: budget).floorBytes
        if floor <= Double(budget) { return .success(.streaming) }
        return .failure(Refusal(description: "not computed within --memory \(MemorySize(bytes: budget)): \(metric.rawValue) needs about \(Self.text(inMemory)) in memory"
            + (sums ? "" : " or") + " at least \(Self.text(floor)) streamed (one block of \(blockRows) rows of every layer, the layers' covariances and one pair's sums); raise --memory or lower --block-rows"))
    }
}
