import LayerIO
import Similarity

/// Computes one model pair's grid synchronously for the headless commands (any metric; the
/// linear-CKA family's fast paths go through `compute`'s `runLinear`, planned by
/// `MemoryPlan.grid`).
public enum GridRunner {
    /// - Parameters:
    ///   - samples: the samples to use (all of them by default).
    ///   - plan: the memory plan: it picks the linear kernel's form and bounds the cache.
    public static func table(catalog: Catalog, rowModel: Int, colModel: Int, metric: Metric,
                             options: MetricOptions, reduce: ReducePolicy, samples: Range<Int>? = nil,
                             plan: MemoryPlan = .unlimited, threads: Int = Parallel.defaultThreads) throws -> GridTable {
        let range = samples ?? 0..<catalog.sampleCount
        let rows = catalog.gridLayers(ofModel: rowModel, samples: range)
        let cols = rowModel == colModel ? rows : catalog.gridLayers(ofModel: colModel, samples: range)
        let a = catalog.models[rowModel], b = catalog.models[colModel]
        let widths = (rows.map(\.source.width), rowModel == colModel ? [] : cols.map(\.source.width))
        let form = plan.inMemoryForm(n: range.count, rowWidths: widths.0, colWidths: widths.1, threads: threads) ?? .streaming
        let measure = MeasureFactory.measure(for: metric, options: options, form: form)
        let cache = PreparedLayerCache(byteLimit: plan.cacheBytes)
        let outcomes = try GridComputation(rows: rows, cols: cols, measure: measure, cache: cache).run(threads: threads)
        return GridTable(metric: metric, rowModel: a.name, colModel: b.name,
                         rows: a.layers.map(\.name), cols: b.layers.map(\.name),
                         values: outcomes.map { $0.map { Optional($0.value) } },
                         sampleCount: range.count, reduce: catalog.reduceLabel(reduce), options: options)
    }
}
