import Foundation
import Explorer
import LayerIO
import Similarity

/// Carries out the explorer's effects (it is the loop's `EffectPerformer`): runs one grid
/// job at a time (cursor-first), the drill-down of the open cell, the seed baseline, and
/// exports; keeps the disk cache up to date. Every result goes to the UI through the inbox;
/// nothing here touches UI state or keeps a copy of a result.
///
/// Memory: the explorer runs a grid (or baseline) job and a drill-down at once, so each gets
/// half of the plan (`MemoryPlan.share(2)`): the grid's half picks the linear kernel's form
/// and bounds the prepared-layer cache the grids and the baseline share; the drill's half is
/// the drill's plan.
public final class ExplorerEngine: EffectPerformer {
    public let catalog: Catalog
    public let options: MetricOptions
    public let reduce: ReducePolicy
    let inbox: MessageInbox
    let diskCache: ResultCache?
    /// The grids' and the baseline's share of the plan.
    public let gridPlan: MemoryPlan
    /// The drill-down's share of the plan.
    public let drillPlan: MemoryPlan
    let layerCache: PreparedLayerCache
    let fingerprints: LayerFingerprints
    private var gridJob: GridJob?
    private var drill: DrillJob?
    private var baselines: [Metric: BaselineJob] = [:]
    /// The seed-baseline groups (model indices), when the explorer was started with `--group`.
    let groups: Session.Baseline?
    private let exportQueue = DispatchQueue(label: "layermap.export")
    private let saver: CacheSaver?

    public init(catalog: Catalog, options: MetricOptions, reduce: ReducePolicy, inbox: MessageInbox, diskCache: ResultCache?,
                groups: Session.Baseline? = nil, plan: MemoryPlan = .unlimited) {
        self.gridPlan = plan.share(2)
        self.drillPlan = plan.share(2)
        self.layerCache = PreparedLayerCache(byteLimit: gridPlan.cacheBytes)
        self.groups = groups
        self.catalog = catalog
        self.options = options
        self.reduce = reduce
        self.inbox = inbox
        self.diskCache = diskCache
        let fingerprints = LayerFingerprints(catalog: catalog)
        self.fingerprints = fingerprints
        self.saver = diskCache.map { CacheSaver(cache: $0, fingerprints: fingerprints, options: options) }
    }

    /// The linear kernel's form for a grid of these layers (`colWidths` empty for a model
    /// against itself), from the grids' share of the plan.
    func form(rowWidths: [Int], colWidths: [Int]) -> KernelForm {
        gridPlan.kernelForm(n: catalog.sampleCount, rowWidths: rowWidths, colWidths: colWidths)
    }

    public func perform(_ effect: Effect) {
        Trace.shared.log("effect \(effect)")
        switch effect {
        case .computeGrid(let key, let focus, let known):
            startGrid(key, focus: focus, known: known)
        case .updateFocus(let key, let focus):
            if let job = gridJob, job.key == key { job.setFocus(focus) }
        case .cancelGrid(let key):
            if let job = gridJob, job.key == key { job.cancel() }
        case .startDrill(let cell):
            let previous = drill
            previous?.cancel()
            let job = DrillJob(cell: cell, x: catalog.gridLayers(ofModel: cell.grid.rowModel)[cell.row],
                               y: catalog.gridLayers(ofModel: cell.grid.colModel)[cell.col],
                               options: options, metric: cell.grid.metric, plan: drillPlan,
                               post: { [inbox] in inbox.post($0) })
            drill = job
            job.start(after: previous)
        case .cancelDrill(let cell):
            if drill?.cell == cell { drill?.cancel() }
        case .export(let request):
            let table: GridTable
            switch request.kind {
            case .grid:
                table = ExportTables.table(for: request, catalog: catalog, options: options, reduce: reduce)
            case .difference:
                guard let d = request.difference else {
                    inbox.postExportFinished(path: request.path, error: "the difference's operands are missing")
                    return
                }
                table = ExportTables.differenceTable(for: request, operands: d, catalog: catalog, options: options, reduce: reduce)
            case .baselineDifference:
                guard let groups else {
                    inbox.postExportFinished(path: request.path, error: "no seed-baseline groups were given")
                    return
                }
                table = ExportTables.baselineTable(for: request, groups: groups, catalog: catalog,
                                                   options: options, reduce: reduce)
            }
            exportQueue.async { [inbox] in
                do {
                    try ExportTables.write(table, format: request.format, to: request.path)
                    inbox.postExportFinished(path: request.path, error: nil)
                } catch {
                    inbox.postExportFinished(path: request.path, error: "\(error)")
                }
            }
        case .saveToCache(let key, let values):
            saver?.save(key, values.knownOutcomes)
        case .computeBaseline(let metric):
            gridJob?.cancel()
            startBaseline(metric)
        case .cancelBaseline(let metric):
            baselines[metric]?.cancel()
        case .clearScreen, .copyToClipboard:
            break
        case .quit:
            gridJob?.cancel()
            drill?.cancel()
            for job in baselines.values { job.cancel() }
            exportQueue.sync {}
            saver?.wait()
        }
    }

    /// Cancels the running grid and starts `key`'s, skipping the cells the UI already has
    /// (`known`) and taking what the disk cache holds first.
    private func startGrid(_ key: GridKey, focus: Focus, known: Set<GridPosition>) {
        let previous = gridJob
        previous?.cancel()
        let rows = catalog.gridLayers(ofModel: key.rowModel)
        let cols = catalog.gridLayers(ofModel: key.colModel)
        let form = form(rowWidths: rows.map(\.source.width),
                        colWidths: key.rowModel == key.colModel ? [] : cols.map(\.source.width))
        let measure = MeasureFactory.measure(for: key.metric, options: options, form: form)
        var prelude: (@Sendable () -> [GridPosition: PairOutcome])?
        if let saver {
            prelude = {
                let cells = saver.cached(key)
                Trace.shared.log("grid \(key.metric.rawValue) \(key.rowModel)×\(key.colModel) from cache \(cells.count)")
                return cells
            }
        }
        let job = GridJob(key: key, rows: rows, cols: cols, measure: measure, cache: layerCache,
                          known: known, focus: focus, prelude: prelude,
                          post: { [inbox] event in inbox.post(event) })
        gridJob = job
        job.start(after: previous)
    }

    /// Starts a metric's baseline, after a previous run of the same metric has returned.
    private func startBaseline(_ metric: Metric) {
        guard let groups else { return }
        let previous = baselines[metric]
        previous?.cancel()
        let models = (groups.members[0] + groups.members[1]).map { catalog.gridLayers(ofModel: $0) }
        let form = gridPlan.sharedForm(n: catalog.sampleCount, widths: models.flatMap { $0.map(\.source.width) })
        let job = BaselineJob(metric: metric, models: models, groupASize: groups.members[0].count,
                              measure: MeasureFactory.measure(for: metric, options: options, form: form),
                              layerCache: layerCache, post: { [inbox] in inbox.post($0) })
        baselines[metric] = job
        job.start(after: previous)
    }
}
