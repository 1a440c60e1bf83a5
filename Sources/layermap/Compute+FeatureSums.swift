import Engine
import Foundation
import LayerIO
import Similarity

/// The feature-space measures other than linear CKA (CCA family, Procrustes, regression,
/// Pearson matching, MMD): in memory when they fit `--memory`, else streamed from additive
/// sums; `--partial` writes those sums for `layermap merge`.
extension Compute {
    /// Whether the measure's grid is computed from sums here (streamed or written as a
    /// shard); `false` leaves it to the in-memory path.
    func runFeatureSums(catalog: Catalog, rowIndex: Int, colIndex: Int, range: Range<Int>) throws -> Bool {
        let same = rowIndex == colIndex
        let rows = catalog.gridLayers(ofModel: rowIndex), cols = catalog.gridLayers(ofModel: colIndex)
        let layers = rows + (same ? [] : cols)
        let plan = try reportingFailures {
            try memory.plan.featureGrid(metric: metric, options: options.metricOptions, n: range.count,
                                        widths: layers.map(\.source.width), sums: partial != nil || estimator == .sums,
                                        threads: Parallel.defaultThreads, blockRows: blockRows).get()
        }
        if plan == .inMemory { return false }
        try catalog.noteRescaledLayers(models: [rowIndex, colIndex])
        let a = catalog.models[rowIndex], b = catalog.models[colIndex]
        let modelLayers = a.layers + (same ? [] : b.layers)
        if let partial {
            try writePartial(partial, plan: .streaming, catalog: catalog, rows: rows, cols: cols, same: same, range: range)
            return true
        }
        if timings { warnPlan("streaming feature sums over blocks of \(blockRows) samples, budget \(memory)") }
        let start = DispatchTime.now().uptimeNanoseconds
        let (outcomes, nonFinite) = try reportingFailures {
            try StreamingFeatureGrid.compute(rows: rows, cols: cols, range: range, metric: metric,
                                             options: options.metricOptions, memoryBudget: memory.bytes, blockRows: blockRows)
        }
        if timings { warnPlan(String(format: "streamed in %.3f s", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        warnCountedNonFinite(nonFinite, modelLayers)
        var table = GridTable(metric: metric, rowModel: a.name, colModel: b.name,
                              rows: a.layers.map(\.name), cols: b.layers.map(\.name),
                              values: outcomes.map { $0.map { Optional($0.value) } },
                              sampleCount: range.count, reduce: catalog.reduceLabel(options.reduce), options: options.metricOptions)
        try write(table, catalog)
        return true
    }

    /// This shard's sums of a feature-space measure (the held-out halves split at N/2 for
    /// regression: the shards of one data set share that split).
    func featureShardSums(catalog: Catalog, rows: [GridLayer], cols: [GridLayer], range: Range<Int>,
                          header: inout PartialFile.Header) throws -> PartialFile.Sums {
        let split = StreamingFeatureGrid.split(for: metric, range: 0..<catalog.sampleCount)
        header.split = split
        if [.ccaRho, .ccaR2, .svcca, .pwcca].contains(metric) { header.rankRtol = options.metricOptions.rankRtol }
        if metric == .svcca { header.svccaVarianceKept = options.metricOptions.svccaVarianceKept }
        let sums = try reportingFailures {
            try StreamingFeatureGrid.sums(rows: rows, cols: cols, range: range, split: split,
                                          memoryBudget: memory.bytes, blockRows: blockRows)
        }
        return split == nil ? .exact(sums.parts[0]) : .halves(sums)
    }
}
