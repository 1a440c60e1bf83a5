import Foundation
import Explorer
import LayerIO
import Similarity

/// Computes the seed baseline of the session's two groups for one metric, on its own thread:
/// every ordered pair of the groups' models (one triangle for a symmetric metric), then
/// `SeedBaseline`. Reports progress in model pairs and the result through `post` (the UI keeps
/// it; exports carry the values they write).
final class BaselineRunner: @unchecked Sendable {
    // @unchecked: `cancelled` is guarded by `lock`; the rest is immutable.
    private let catalog: Catalog
    private let members: [[Int]]
    private let options: MetricOptions
    private let layerCache: PreparedLayerCache
    private let post: @Sendable (EngineEvent) -> Void
    private let lock = NSLock()
    private var cancelled: Set<Metric> = []

    /// Random relabellings when the groups are too large to use every labelling.
    static let randomLabellings = 999

    init(catalog: Catalog, members: [[Int]], options: MetricOptions, layerCache: PreparedLayerCache,
         post: @escaping @Sendable (EngineEvent) -> Void) {
        self.catalog = catalog
        self.members = members
        self.options = options
        self.layerCache = layerCache
        self.post = post
    }

    func start(_ metric: Metric) {
        lock.lock(); cancelled.remove(metric); lock.unlock()
        let t = Thread { [self] in self.run(metric) }
        t.name = "layermap.baseline"
        t.stackSize = 8 << 20
        t.start()
    }

    func cancel(_ metric: Metric) {
        lock.lock(); cancelled.insert(metric); lock.unlock()
    }

    func cancelAll() {
        lock.lock(); cancelled.formUnion(Metric.allCases); lock.unlock()
    }

    private func isCancelled(_ metric: Metric) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled.contains(metric)
    }

    private func run(_ metric: Metric) {
        BackgroundPriority.lowerCurrentThread()
        Trace.shared.log("baseline \(metric.rawValue) started")
        defer { Trace.shared.log("baseline \(metric.rawValue) ended") }
        let measure = MeasureFactory.measure(for: metric, options: options)
        let models = (members[0] + members[1]).map { catalog.gridLayers(ofModel: $0) }
        do {
            let grids = try ModelGrids(models: models, measure: measure, cache: layerCache,
                                       isCancelled: { [self] in isCancelled(metric) },
                                       progress: { [post] done, total in post(.baselineProgress(metric, done: done, total: total)) })
            let baseline = SeedBaseline(grids: grids, groupASize: members[0].count, orientation: metric.orientation,
                                        randomLabellings: Self.randomLabellings, seed: 0)
            post(.baseline(metric, .success(baseline)))
        } catch let e as SimilarityError {
            Trace.shared.log("baseline \(metric.rawValue) failed: \(e)")
            post(.baseline(metric, .failure(e)))
        } catch {
            post(.baseline(metric, .failure(.unreadable("\(error)"))))
        }
    }
}
