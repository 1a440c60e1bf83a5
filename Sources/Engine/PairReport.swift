import Foundation
import Explorer
import LayerIO
import Similarity

/// Every measure's outcome for one layer pair, with the HSIC terms under both estimators,
/// for the kernels of the CKA family. `layermap pair` prints it; the drill-down's table of
/// measures comes from the same loop (`measures`).
public struct PairReport: Sendable {
    public var rowLabel: String
    public var colLabel: String
    public var sampleCount: Int
    public var widthX: Int
    public var widthY: Int
    /// Each metric's outcome, in the order computed.
    public var outcomes: [(Metric, PairOutcome)]
    /// The permutation test and bootstrap, when asked for.
    public var significance: Result<SignificanceSummary, SimilarityError>? = nil
    /// The rank and sparsity sweeps of direct matching, when computed.
    public var sweeps: Result<MatchingSweeps, SimilarityError>? = nil

    /// The report for `metrics` on row layer `x` and column layer `y`, within `plan`.
    public static func compute(x: GridLayer, y: GridLayer, metrics: [Metric], options: MetricOptions,
                               plan: MemoryPlan = .unlimited) -> PairReport {
        let rows = measures(x: x, y: y, metrics: metrics, options: options, plan: plan)
        return PairReport(rowLabel: x.label, colLabel: y.label, sampleCount: x.source.sampleCount,
                          widthX: x.source.width, widthY: y.source.width,
                          outcomes: rows.map { ($0.metric, $0.outcome) })
    }

    public func outcome(_ metric: Metric) -> PairOutcome? { outcomes.first { $0.0 == metric }?.1 }

    /// The rank and sparsity sweeps for `x` and `y` (read whole), or why there are none.
    public static func sweeps(x: GridLayer, y: GridLayer, isCancelled: () -> Bool = { false }) -> Result<MatchingSweeps, SimilarityError> {
        do {
            return .success(try MatchingSweeps.compute(x: try x.source.readAll(), y: try y.source.readAll(), isCancelled: isCancelled))
        } catch let e as SimilarityError {
            return .failure(e)
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// The one loop over the measures for a pair, in `metrics` order.
    ///
    /// The CKA family's linear kernel takes the form `plan.pairForm` allows (the n×n Gram
    /// when it fits, else features, else streaming). A measure whose two prepared layers do
    /// not fit beside `held` bytes (what the caller already holds, e.g. the layers read into
    /// memory) is not computed: its row is undefined with the reason naming the measure and
    /// the sizes. Prepared states are shared between measures through one cache, which is
    /// emptied when the next measure would not fit beside what it keeps.
    /// - Parameters:
    ///   - each: called with the rows so far after every measure (the drill posts them).
    /// - Returns: the rows, or `nil` when cancelled.
    public static func measures(x: GridLayer, y: GridLayer, metrics: [Metric], options: MetricOptions,
                                plan: MemoryPlan, held: Double = 0,
                                isCancelled: () -> Bool = { false },
                                each: ([MeasureRow]) -> Void = { _ in }) -> [MeasureRow] {
        let n = x.source.sampleCount
        let widths = (x.source.width, y.source.width)
        let free = Double(plan.budget) - held
        let cache = PreparedLayerCache(byteLimit: free >= Double(Int.max) ? Int.max : max(Int(free), 0))
        let form = plan.pairForm(n: n, widths: widths, held: held)
        var rows: [MeasureRow] = []
        for metric in metrics {
            if isCancelled() { return rows }
            let measure = MeasureFactory.measure(for: metric, options: options, form: form)
            let outcome: PairOutcome
            if let refusal = plan.refusal(for: measure, x: x.source, y: y.source, held: held) {
                outcome = PairOutcome(value: .undefined(reason: refusal.description))
            } else {
                let need = measure.preparedBytes(source: x.source) + measure.preparedBytes(source: y.source)
                if cache.heldBytes + need > free { cache.removeAll() }
                outcome = PairEvaluator(measure: measure, cache: cache).evaluate(x, y)
            }
            rows.append(MeasureRow(metric: metric, outcome: outcome))
            each(rows)
        }
        return rows
    }
}
