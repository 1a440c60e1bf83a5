import LayerIO
import Similarity

/// Computes one model pair's grid synchronously for the headless commands.
enum GridRunner {
    static func table(catalog: Catalog, rowModel: Int, colModel: Int, metric: Metric,
                      options: MetricOptions, reduce: ReducePolicy,
                      cache: PreparedLayerCache = PreparedLayerCache(),
                      timings: ((LinearCKAGrid.Report) -> Void)? = nil) throws -> GridTable {
        let rows = catalog.gridLayers(ofModel: rowModel)
        let cols = catalog.gridLayers(ofModel: colModel)
        let a = catalog.models[rowModel], b = catalog.models[colModel]
        func table(_ outcomes: [[PairOutcome]]) -> GridTable {
            GridTable(metric: metric, rowModel: a.name, colModel: b.name,
                      rows: a.layers.map(\.name), cols: b.layers.map(\.name),
                      values: outcomes.map { $0.map { Optional($0.value) } },
                      sampleCount: catalog.sampleCount, reduce: reduce.rawValue, options: options)
        }
        if metric == .linearCKA || metric == .debiasedCKA {
            // The whole grid at once: each Gram once, all inner products as one product.
            let (outcomes, report) = try reportingFailures {
                try LinearCKAGrid.compute(rows: rows, cols: rows.map(\.id) == cols.map(\.id) ? rows : cols, metric: metric)
            }
            timings?(report)
            return table(outcomes)
        }
        let form = KernelForm.cheapest(sampleCount: catalog.sampleCount,
                                       rowWidths: rows.map(\.source.width),
                                       colWidths: rowModel == colModel ? [] : cols.map(\.source.width))
        guard let measure = MeasureFactory.measure(for: metric, options: options, form: form) else {
            throw CLIFailure.badInput("the metric \(metric.rawValue) is not available")
        }
        let outcomes = try reportingFailures {
            try GridComputation(rows: rows, cols: cols, measure: measure, cache: cache).run(threads: Parallel.defaultThreads)
        }
        return table(outcomes)
    }
}
