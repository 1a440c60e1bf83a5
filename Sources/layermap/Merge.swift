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
            outcomes = StreamingLinearGrid.outcomes(total, rowCount: rowCount, colCount: colCount, same: h.same, metric: metric,
                                                    labels: (h.rows.map { "layer \"\($0)\" of model \"\(h.rowModel)\"" }
                                                             + (h.same ? [] : h.cols.map { "layer \"\($0)\" of model \"\(h.colModel)\"" })))
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
                              reduce: h.reduce, options: MetricOptions(rbfFraction: h.rbfFraction))
        table.estimator = estimator
        try GridOutput.write(table, format: destination.resolvedFormat, to: destination.output,
                             figure: destination.figure.options)
    }
}
