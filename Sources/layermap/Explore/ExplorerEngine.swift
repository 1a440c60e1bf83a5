import Foundation
import Explorer
import LayerIO
import Similarity

/// Carries out the explorer's effects: runs one grid job at a time (cursor-first), the
/// drill-down work of the open cell, and exports; keeps the disk cache up to date. Every
/// result goes to the UI through the inbox; nothing here touches UI state.
final class ExplorerEngine: EffectPerformer {
    let catalog: Catalog
    let options: MetricOptions
    let reduce: ReducePolicy
    let inbox: MessageInbox
    let diskCache: ResultCache?
    let layerCache = PreparedLayerCache()
    let fingerprints: LayerFingerprints
    private var gridJob: GridJob?
    private var drill: DrillRunner?
    private let baseline: BaselineRunner?
    /// The seed-baseline groups (model indices), when the explorer was started with `--group`.
    let groups: Session.Baseline?
    private let exportQueue = DispatchQueue(label: "layermap.export")
    private let saver: CacheSaver?

    /// Memory the per-layer statistics may take; above it linear and debiased CKA stream.
    let memoryBudget: Int

    init(catalog: Catalog, options: MetricOptions, reduce: ReducePolicy, inbox: MessageInbox, diskCache: ResultCache?,
         groups: Session.Baseline? = nil, memoryBudget: Int = Int.max) {
        self.memoryBudget = memoryBudget
        self.groups = groups
        self.catalog = catalog
        self.options = options
        self.reduce = reduce
        self.inbox = inbox
        self.diskCache = diskCache
        let fingerprints = LayerFingerprints(catalog: catalog)
        self.fingerprints = fingerprints
        self.saver = diskCache.map { CacheSaver(cache: $0, fingerprints: fingerprints, options: options) }
        let layerCache = self.layerCache
        self.baseline = groups.map { g in
            BaselineRunner(catalog: catalog, members: g.members, options: options, layerCache: layerCache,
                           post: { [inbox] in inbox.post($0) })
        }
    }

    /// The cheaper in-memory form of the linear kernel, or streaming when neither form's
    /// statistics for this grid's layers fit the budget (large N).
    static func form(n: Int, rows: [Int], cols: [Int], budget: Int) -> KernelForm {
        let cheapest = KernelForm.cheapest(sampleCount: n, rowWidths: rows, colWidths: cols)
        for f in [cheapest, cheapest == .gram ? KernelForm.features : .gram]
        where GridPlan.inMemoryBytes(form: f, n: n, widths: rows + cols, threads: 1) <= Double(budget) {
            return f
        }
        return .streaming
    }

    func perform(_ effect: Effect) {
        Trace.shared.log("effect \(effect)")
        switch effect {
        case .computeGrid(let key, let focus, let known):
            startGrid(key, focus: focus, known: known)
        case .updateFocus(let key, let focus):
            if let job = gridJob, job.key == key { job.setFocus(focus) }
        case .cancelGrid(let key):
            if let job = gridJob, job.key == key { job.cancel() }
        case .startDrill(let cell):
            drill?.cancel()
            drill = DrillRunner(cell: cell, catalog: catalog, options: options,
                                metric: cell.grid.metric, post: { [inbox] in inbox.post($0) })
            drill?.start()
        case .cancelDrill(let cell):
            if drill?.cell == cell { drill?.cancel(); drill = nil }
        case .export(let request):
            let table: GridTable
            switch request.kind {
            case .grid:
                table = ExportTables.table(for: request, catalog: catalog, options: options, reduce: reduce)
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
            baseline?.start(metric)
        case .cancelBaseline(let metric):
            baseline?.cancel(metric)
        case .clearScreen:
            break
        case .quit:
            gridJob?.cancel()
            drill?.cancel()
            baseline?.cancelAll()
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
        let form = Self.form(n: catalog.sampleCount, rows: rows.map(\.source.width),
                             cols: key.rowModel == key.colModel ? [] : cols.map(\.source.width), budget: memoryBudget)
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
}
