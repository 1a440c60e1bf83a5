import ArgumentParser
import Engine
import Foundation
import LayerIO
import Similarity

/// `layermap compute MODEL_A [MODEL_B]`: the full layer×layer grid of one metric.
struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the full layer×layer grid: layers of MODEL_A as rows, of MODEL_B as columns (A×A with one model).",
        discussion: """
        Linear and debiased CKA pick the fastest exact method that fits --memory, and stream \
        over the samples when N is too large to hold (never an N×N matrix). The other \
        feature-space measures (CCA family, procrustes, regression, Pearson matched-corr and \
        max-corr, MMD) hold the layers when they fit --memory and otherwise stream additive \
        sums. --samples and --partial compute one shard's additive sums; 'layermap merge' \
        combines shards.
        """)

    @OptionGroup var options: ModelOptions

    @Argument(help: "The row model (and the column model when MODEL_B is left out).")
    var modelA: String

    @Argument(help: "The column model.")
    var modelB: String?

    @Option(help: "The measure.")
    var metric: Metric = .linearCKA

    @OptionGroup var destination: OutputOptions

    @Option(help: "Memory budget, e.g. 2G or 512M.")
    var memory: MemorySize = .defaultBudget

    @Option(help: "For linear and debiased CKA: auto (exact when it fits the memory budget), exact, or minibatch; for any feature-space measure: sums (stream the exact additive sums even when the layers fit).")
    var estimator: GridPlan.Choice = .auto

    @Option(name: .customLong("batch-size"), help: "Samples per batch for the minibatch estimator.")
    var batchSize: Int = 1000

    @Option(help: "Only samples START:END (half-open; either end may be left out).")
    var samples: SampleRange?

    @Option(help: "Write this shard's additive sums to FILE (for 'layermap merge') instead of a grid.")
    var partial: String?

    @Option(name: .customLong("block-rows"),
            help: "Samples per block when streaming. Shards whose --samples bounds are multiples of it merge to the single run's sums up to double-precision rounding.")
    var blockRows: Int = GridPlan.blockRows

    @Flag(help: "Print how long each phase took (and the Gram phase's GFLOP/s) on standard error.")
    var timings = false

    func validate() throws {
        let format = destination.resolvedFormat
        if partial != nil && destination.figure.anyGiven {
            throw ValidationError("--size, --dpi, --font-size, --range, --annotate and --title draw images; --partial writes a shard's sums")
        }
        if partial == nil { try destination.figure.check(format: format) }
        if partial == nil && format.isBinary && destination.output == nil {
            throw ValidationError("--format \(format.rawValue) writes binary data: give --output FILE")
        }
        let linear = metric == .linearCKA || metric == .debiasedCKA
        if !linear && estimator != .auto && estimator != .sums {
            throw ValidationError("--estimator exact and minibatch apply to linear-cka and debiased-cka only")
        }
        if estimator == .sums, let why = FeatureSumsMeasure.refusal(metric, options: options.metricOptions) {
            throw ValidationError("--estimator sums streams additive sums, but \(why)")
        }
        if partial != nil, let why = FeatureSumsMeasure.refusal(metric, options: options.metricOptions) {
            throw ValidationError("--partial writes additive sums, but \(why)")
        }
        if batchSize < 4 { throw ValidationError("--batch-size must be at least 4") }
        if blockRows < 1 { throw ValidationError("--block-rows must be at least 1") }
    }

    func run() throws {
        let catalog = try options.openCatalog([modelA] + (modelB.map { [$0] } ?? []), memory: memory.bytes)
        let expected = (modelB == nil || modelB == modelA) ? 1 : 2
        guard catalog.models.count == expected else {
            throw CLIFailure.badInput("compute takes one model per argument, but the arguments name \(catalog.models.count) models (\(catalog.models.map(\.name).joined(separator: ", ")))")
        }
        let rowIndex = 0, colIndex = expected - 1
        let range = try (samples ?? SampleRange(argument: ":")!).resolve(n: catalog.sampleCount).get()
        if range.count < 2 {
            throw CLIFailure.badInput(samples == nil
                ? "the models hold \(range.count) sample\(range.count == 1 ? "" : "s"); a grid needs at least 2"
                : "--samples selects \(range.count) sample\(range.count == 1 ? "" : "s"); a grid needs at least 2")
        }
        let metricOptions = try options.metricOptions(for: catalog, samples: range)
        BLAS.useSingleThread() // parallel over layers and pairs instead: see Parallel
        // A corrupt member (CRC, truncated stream, lying size) is an error here, exit 2, rather
        // than undefined cells in an output that exits 0; the data stays prepared for the run.
        try reportingFailures { try catalog.verifyData(models: [rowIndex, colIndex]) }
        if metric == .linearCKA || metric == .debiasedCKA {
            // These paths count NaN/±Inf while they read (see warnCountedNonFinite), with no extra pass.
            try runLinear(catalog: catalog, rowIndex: rowIndex, colIndex: colIndex, range: range)
            return
        }
        if FeatureSumsMeasure.metrics.contains(metric),
           try runFeatureSums(catalog: catalog, rowIndex: rowIndex, colIndex: colIndex, range: range) {
            return
        }
        try catalog.warnAboutValues(models: [rowIndex, colIndex], rows: range)
        var table = try reportingFailures {
            try GridRunner.table(catalog: catalog, rowModel: rowIndex, colModel: colIndex,
                                 metric: metric, options: metricOptions, reduce: options.reduce,
                                 samples: range, plan: memory.plan)
        }
        table.sampleCount = range.count
        try write(table, catalog)
    }

    /// Linear and debiased CKA: planned against the memory budget; streamed or sharded when asked.
    func runLinear(catalog: Catalog, rowIndex: Int, colIndex: Int, range: Range<Int>) throws {
        let same = rowIndex == colIndex
        try catalog.noteRescaledLayers(models: [rowIndex, colIndex])
        let rows = catalog.gridLayers(ofModel: rowIndex), cols = catalog.gridLayers(ofModel: colIndex)
        let plan = try reportingFailures {
            try memory.plan.grid(n: range.count, rowWidths: rows.map(\.source.width), colWidths: cols.map(\.source.width),
                                 same: same, choice: estimator, batchSize: batchSize,
                                 sums: partial != nil, threads: Parallel.defaultThreads, blockRows: blockRows).get()
        }
        let a = catalog.models[rowIndex], b = catalog.models[colIndex]
        // The engines count NaN/±Inf per layer in this order: rows, then columns unless A×A.
        let layers = a.layers + (same ? [] : b.layers)
        if let partial {
            try writePartial(partial, plan: plan, catalog: catalog, rows: rows, cols: cols, same: same, range: range)
            return
        }
        // In memory, the layers are sliced; streaming reads the slice of the full layers.
        let slicedRows = catalog.gridLayers(ofModel: rowIndex, samples: range)
        let slicedCols = same ? slicedRows : catalog.gridLayers(ofModel: colIndex, samples: range)
        let outcomes: [[PairOutcome]]
        var estimatorName = "exact"
        switch plan {
        case .inMemory(let form):
            if timings { warnPlan("in memory, \(form.rawValue) form") }
            let (o, report) = try reportingFailures {
                try LinearCKAGrid.compute(rows: slicedRows, cols: slicedCols, metric: metric, form: form)
            }
            if timings { Self.printTimings(report) }
            warnCountedNonFinite(report.nonFinite, layers)
            outcomes = o
        case .streaming:
            if timings { warnPlan("streaming exact sums over blocks of \(blockRows) samples, budget \(memory)") }
            let start = DispatchTime.now().uptimeNanoseconds
            let sums = try reportingFailures {
                try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: range, memoryBudget: memory.bytes,
                                                  blockRows: blockRows)
            }
            if timings { warnPlan(String(format: "streamed in %.3f s", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
            warnCountedNonFinite(sums.layers.map(\.nonFinite), layers)
            outcomes = StreamingLinearGrid.outcomes(sums, rowCount: rows.count, colCount: cols.count, same: same,
                                                    metric: metric, labels: (rows + (same ? [] : cols)).map(\.label))
        case .minibatch(let size):
            if timings { warnPlan("minibatch CKA, batches of \(size) samples") }
            if estimator == .auto {
                warn("the exact estimator does not fit in --memory \(memory); using minibatch CKA (batches of \(size) samples), an estimate")
            }
            let sums = try reportingFailures {
                try StreamingLinearGrid.minibatchSums(rows: rows, cols: cols, range: range, batchSize: size)
            }
            warnCountedNonFinite(sums.nonFinite, layers)
            outcomes = StreamingLinearGrid.outcomes(sums, rowCount: rows.count, colCount: cols.count, same: same)
            estimatorName = "minibatch (batch \(size))"
        }
        var table = GridTable(metric: metric, rowModel: a.name, colModel: b.name,
                              rows: a.layers.map(\.name), cols: b.layers.map(\.name),
                              values: outcomes.map { $0.map { Optional($0.value) } },
                              sampleCount: range.count, reduce: catalog.reduceLabel(options.reduce), options: options.metricOptions)
        table.estimator = estimatorName
        try write(table, catalog)
    }

    /// Sums this shard and writes them for `layermap merge`.
    func writePartial(_ path: String, plan: GridPlan, catalog: Catalog, rows: [GridLayer], cols: [GridLayer],
                      same: Bool, range: Range<Int>) throws {
        let a = catalog.models[0], b = catalog.models[same ? 0 : 1]
        let pairs = StreamingLinearGrid.pairs(rowCount: rows.count, colCount: cols.count, same: same)
        var header = PartialFile.Header(
            estimator: "exact", batchSize: nil, totalSamples: catalog.sampleCount, start: range.lowerBound, end: range.upperBound,
            metric: metric.rawValue, reduce: catalog.reduceLabel(options.reduce), rbfFraction: options.rbfFraction,
            rowModel: a.name, colModel: b.name, rows: a.layers.map(\.name), cols: b.layers.map(\.name), same: same,
            widths: (rows + (same ? [] : cols)).map(\.source.width), pairs: pairs.map { [$0.0, $0.1] })
        let sums: PartialFile.Sums
        switch plan {
        case .minibatch(let size):
            guard range.lowerBound % size == 0, range.upperBound % size == 0 || range.upperBound == catalog.sampleCount else {
                throw CLIFailure.badInput("for the minibatch estimator, --samples must start and end on multiples of --batch-size \(size) (or end at N = \(catalog.sampleCount)) so the shards' batches are the single run's")
            }
            header.estimator = "minibatch"
            header.batchSize = size
            sums = .minibatch(try reportingFailures {
                try StreamingLinearGrid.minibatchSums(rows: rows, cols: cols, range: range, batchSize: size)
            })
        case _ where FeatureSumsMeasure.metrics.contains(metric):
            sums = try featureShardSums(catalog: catalog, rows: rows, cols: cols, range: range, header: &header)
        default:
            sums = .exact(try reportingFailures {
                try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: range, memoryBudget: memory.bytes,
                                                  blockRows: blockRows)
            })
        }
        switch sums {
        case .exact(let s): warnCountedNonFinite(s.layers.map(\.nonFinite), a.layers + (same ? [] : b.layers))
        case .halves(let s): warnCountedNonFinite(s.nonFinite, a.layers + (same ? [] : b.layers))
        case .minibatch(let s): warnCountedNonFinite(s.nonFinite, a.layers + (same ? [] : b.layers))
        }
        try reportingFailures { try catalog.verifyData() }
        let data = try reportingFailures { try PartialFile.data(header: header, sums: sums) }
        try reportingFailures { try AtomicWriter.write(data, to: path) }
        StandardError.write("layermap: wrote the \(header.estimator) sums of samples \(range.lowerBound):\(range.upperBound) of \(catalog.sampleCount) to \(path)\n")
    }

    /// Warns about each layer an engine found NaN or ±Inf in while reading (`counts[k]` for
    /// `layers[k]`), as `Catalog.warnAboutValues` does for the other metrics.
    func warnCountedNonFinite(_ counts: [Int], _ layers: [Layer]) {
        for (count, layer) in zip(counts, layers) where count > 0 {
            warnNonFinite(path: layer.path, layer: layer.name, model: layer.modelName, count: count)
        }
    }

    func warnPlan(_ text: String) {
        StandardError.write("plan: \(text)\n")
    }

    static func printTimings(_ r: LinearCKAGrid.Report) {
        var line = String(format: "timings: form %@, load+centre %.3f s, gram %.3f s", r.form.rawValue, r.loadSeconds, r.gramSeconds)
        if r.gramSeconds > 0 { line += String(format: " (%.1f GFLOP/s)", r.gramFlops / r.gramSeconds / 1e9) }
        line += String(format: ", pairs %.3f s", r.pairSeconds)
        StandardError.write((line + "\n"))
    }

    /// Writes the table once `catalog`'s layers are checked again (a file truncated during the run).
    func write(_ table: GridTable, _ catalog: Catalog) throws {
        try reportingFailures { try catalog.verifyData() }
        try GridOutput.write(table, format: destination.resolvedFormat, to: destination.output,
                             figure: destination.figure.options)
    }
}

extension GridPlan.Choice: ExpressibleByArgument {}
