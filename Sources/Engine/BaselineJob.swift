import Foundation
import Explorer
import LayerIO
import Similarity

/// Computes the seed baseline of the session's two groups for one metric on a `Worker`:
/// every ordered pair of the groups' models (one triangle for a symmetric metric), then
/// `SeedBaseline`. Reports progress in model pairs and the result through `post` (the UI keeps
/// it; exports carry the values they write).
public final class BaselineJob: @unchecked Sendable {
    // @unchecked: immutable after init; the cancel flag is the worker's.
    public let metric: Metric
    private let models: [[GridLayer]]
    private let groupASize: Int
    private let measure: any PairMeasure
    private let layerCache: PreparedLayerCache
    private let worker: Worker

    /// Random relabellings when the groups are too large to use every labelling.
    public static let randomLabellings = 999

    /// - Parameters:
    ///   - models: the layers of group A's models, then group B's.
    ///   - measure: the metric's measure (in the form the memory plan chose).
    ///   - layerCache: shared with the grid jobs (bounded by the plan).
    public init(metric: Metric, models: [[GridLayer]], groupASize: Int, measure: any PairMeasure,
                layerCache: PreparedLayerCache, post: @escaping @Sendable (EngineEvent) -> Void) {
        self.metric = metric
        self.models = models
        self.groupASize = groupASize
        self.measure = measure
        self.layerCache = layerCache
        self.worker = Worker(name: "layermap.baseline", post: post)
    }

    /// Starts the work after `previous` (the job it replaces) has returned.
    public func start(after previous: BaselineJob? = nil) {
        worker.start(after: previous?.worker) { [self] in run() }
    }

    public func cancel() { worker.cancel() }
    public var isCancelled: Bool { worker.isCancelled }
    public func waitUntilFinished() { worker.waitUntilFinished() }

    private func run() {
        Trace.shared.log("baseline \(metric.rawValue) started")
        defer { Trace.shared.log("baseline \(metric.rawValue) ended") }
        let metric = self.metric, measure = self.measure
        do {
            let grids = try ModelGrids(models: models, measure: measure, cache: layerCache,
                                       isCancelled: { [worker] in worker.isCancelled },
                                       progress: { [worker] done, total in worker.post(.baselineProgress(metric, done: done, total: total)) })
            let baseline = SeedBaseline(grids: grids, groupASize: groupASize, orientation: metric.orientation,
                                        randomLabellings: Self.randomLabellings, seed: 0)
            worker.post(.baseline(metric, .success(baseline)))
        } catch let e as SimilarityError {
            Trace.shared.log("baseline \(metric.rawValue) failed: \(e)")
            worker.post(.baseline(metric, .failure(e)))
        } catch {
            worker.post(.baseline(metric, .failure(.unreadable("\(error)"))))
        }
    }
}
