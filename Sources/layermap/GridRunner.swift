import LayerIO
import Similarity

/// Computes one model pair's grid synchronously for the headless commands (any metric; the
/// linear-CKA family goes through `Compute.runLinear`, which plans against memory).
enum GridRunner {
    /// - Parameter samples: the samples to use (all of them by default).
    static func table(catalog: Catalog, rowModel: Int, colModel: Int, metric: Metric,
                      options: MetricOptions, reduce: ReducePolicy, samples: Range<Int>? = nil,
                      cache: PreparedLayerCache = PreparedLayerCache()) throws -> GridTable {
        let range = samples ?? 0..<catalog.sampleCount
        func sliced(_ layers: [GridLayer]) -> [GridLayer] {
            range == 0..<catalog.sampleCount ? layers
                : layers.map { GridLayer(id: $0.id, label: $0.label, source: SampleSlice($0.source, range: range)) }
        }
        let rows = sliced(catalog.gridLayers(ofModel: rowModel))
        let cols = rowModel == colModel ? rows : sliced(catalog.gridLayers(ofModel: colModel))
        let a = catalog.models[rowModel], b = catalog.models[colModel]
        let form = KernelForm.cheapest(sampleCount: range.count, rowWidths: rows.map(\.source.width),
                                       colWidths: rowModel == colModel ? [] : cols.map(\.source.width))
        let measure = MeasureFactory.measure(for: metric, options: options, form: form)
        let outcomes = try reportingFailures {
            try GridComputation(rows: rows, cols: cols, measure: measure, cache: cache).run(threads: Parallel.defaultThreads)
        }
        return GridTable(metric: metric, rowModel: a.name, colModel: b.name,
                         rows: a.layers.map(\.name), cols: b.layers.map(\.name),
                         values: outcomes.map { $0.map { Optional($0.value) } },
                         sampleCount: range.count, reduce: reduce.rawValue, options: options)
    }
}
