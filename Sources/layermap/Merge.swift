import ArgumentParser
import Foundation
import LayerIO
import Similarity

/// `layermap merge FILE...`: adds shards' sums (from `compute --samples … --partial FILE`) and
/// writes the grid a single run over all the samples would give.
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine partial results of sample shards into the full grid.",
        discussion: "Each FILE comes from 'layermap compute … --samples START:END --partial FILE'. The shards must cover every sample exactly once.")

    @Argument(help: "Partial result files, in any order.")
    var files: [String]

    @OptionGroup var destination: OutputOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one partial FILE") }
        try destination.figure.check(format: destination.resolvedFormat)
    }

    func run() throws {
        var parts: [(path: String, header: PartialFile.Header, sums: PartialFile.Sums)] = []
        for f in files {
            do {
                let p = try PartialFile.read(path: f)
                parts.append((f, p.header, p.sums))
            } catch {
                throw CLIFailure.badInput(error.description)
            }
        }
        let first = parts[0]
        for p in parts.dropFirst() where !p.header.sameGrid(as: first.header) {
            throw CLIFailure.badInput("\(p.path) is a shard of a different grid than \(first.path) (models, layers, metric, estimator or options differ)")
        }
        // The shards must tile 0..<N.
        let sorted = parts.sorted { $0.header.start < $1.header.start }
        var next = 0
        for p in sorted {
            if p.header.start > next { throw CLIFailure.badInput("no shard covers samples \(next):\(p.header.start)") }
            if p.header.start < next { throw CLIFailure.badInput("\(p.path) covers samples \(p.header.start):\(min(next, p.header.end)) again") }
            next = p.header.end
        }
        if next != first.header.totalSamples {
            throw CLIFailure.badInput("no shard covers samples \(next):\(first.header.totalSamples)")
        }
        // Added in sample order, so the same shards always give the same bits.
        let base = sorted[0]
        let h = base.header
        let rowCount = h.rows.count, colCount = h.cols.count
        guard let metric = Metric(name: h.metric) else { throw CLIFailure.badInput("\(base.path): unknown metric \(h.metric)") }
        let outcomes: [[PairOutcome]]
        var estimator = "exact"
        switch base.sums {
        case .exact(var total):
            for p in sorted.dropFirst() {
                guard case .exact(let s) = p.sums else { throw CLIFailure.badInput("\(p.path): not an exact shard") }
                if let why = total.mergeProblem(with: s) { throw CLIFailure.badInput("\(p.path): \(why)") }
                total.merge(s)
            }
            if FeatureSumsMeasure.metrics.contains(metric) {
                outcomes = Self.featureOutcomes(FeatureSums(parts: [total], split: nil), h, metric: metric)
            } else {
                outcomes = StreamingLinearGrid.outcomes(total, rowCount: rowCount, colCount: colCount, same: h.same, metric: metric,
                                                        labels: Self.labels(h))
            }
        case .halves(var total):
            for p in sorted.dropFirst() {
                guard case .halves(let s) = p.sums else { throw CLIFailure.badInput("\(p.path): not a shard with held-out halves") }
                if let why = total.mergeProblem(with: s) { throw CLIFailure.badInput("\(p.path): \(why)") }
                total.merge(s)
            }
            outcomes = Self.featureOutcomes(FeatureSums(parts: total.parts, split: total.split), h, metric: metric)
        case .minibatch(var total):
            for p in sorted.dropFirst() {
                guard case .minibatch(let s) = p.sums else { throw CLIFailure.badInput("\(p.path): not a minibatch shard") }
                if let why = total.mergeProblem(with: s) { throw CLIFailure.badInput("\(p.path): \(why)") }
                total.merge(s)
            }
            outcomes = StreamingLinearGrid.outcomes(total, rowCount: rowCount, colCount: colCount, same: h.same)
            estimator = "minibatch (batch \(h.batchSize ?? 0))"
        }
        var table = GridTable(metric: metric, rowModel: h.rowModel, colModel: h.colModel, rows: h.rows, cols: h.cols,
                              values: outcomes.map { $0.map { Optional($0.value) } }, sampleCount: h.totalSamples,
                              reduce: h.reduce, options: Self.options(h))
        table.estimator = estimator
        try GridOutput.write(table, format: destination.resolvedFormat, to: destination.output,
                             figure: destination.figure.options)
    }

    /// The undefined-cell names of the shard's layers: rows, then columns unless A×A.
    static func labels(_ h: PartialFile.Header) -> [String] {
        h.rows.map { "layer \"\($0)\" of model \"\(h.rowModel)\"" }
            + (h.same ? [] : h.cols.map { "layer \"\($0)\" of model \"\(h.colModel)\"" })
    }

    /// The options the shards were computed with.
    static func options(_ h: PartialFile.Header) -> MetricOptions {
        var o = MetricOptions(rbfFraction: h.rbfFraction)
        if let v = h.svccaVarianceKept { o.svccaVarianceKept = v }
        if let v = h.rankRtol { o.rankRtol = v }
        return o
    }

    static func featureOutcomes(_ sums: FeatureSums, _ h: PartialFile.Header, metric: Metric) -> [[PairOutcome]] {
        StreamingFeatureGrid.outcomes(sums, rowCount: h.rows.count, colCount: h.cols.count, same: h.same, metric: metric,
                                      options: options(h), labels: labels(h))
    }
}
