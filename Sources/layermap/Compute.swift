import ArgumentParser
import Foundation
import LayerIO
import Similarity

/// `layermap compute MODEL_A [MODEL_B]`: the full layer×layer grid of one metric.
struct Compute: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute the full layer×layer grid: layers of MODEL_A as rows, of MODEL_B as columns (A×A with one model).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, npy, svg, png, text
    }

    @OptionGroup var options: ModelOptions

    @Argument(help: "The row model (and the column model when MODEL_B is left out).")
    var modelA: String

    @Argument(help: "The column model.")
    var modelB: String?

    @Option(help: "The measure.")
    var metric: Metric = .linearCKA

    @Option(help: "Output format (default: from the --output extension, else json).")
    var format: Format?

    @Option(name: .shortAndLong, help: "Write here (atomically) instead of to standard output.")
    var output: String?

    @Flag(help: "Print how long each phase took (and the Gram phase's GFLOP/s) on standard error.")
    var timings = false

    func validate() throws {
        if MeasureFactory.measure(for: metric, options: options.metricOptions) == nil {
            throw ValidationError("the metric \(metric.rawValue) is not available yet")
        }
        if [.npy, .png].contains(resolvedFormat) && output == nil {
            throw ValidationError("--format \(resolvedFormat.rawValue) writes binary data: give --output FILE")
        }
    }

    /// The format to write: explicit, else from the output file's extension, else JSON.
    var resolvedFormat: Format {
        if let format { return format }
        if let output, let f = Format(rawValue: URL(fileURLWithPath: output).pathExtension.lowercased()) { return f }
        return .json
    }

    func run() throws {
        let catalog = try options.openCatalog([modelA] + (modelB.map { [$0] } ?? []))
        let expected = (modelB == nil || modelB == modelA) ? 1 : 2
        guard catalog.models.count == expected else {
            throw CLIFailure.badInput("compute takes one model per argument, but the arguments name \(catalog.models.count) models (\(catalog.models.map(\.name).joined(separator: ", ")))")
        }
        let rowIndex = 0, colIndex = expected - 1
        try catalog.warnAboutNonFiniteValues(models: [rowIndex, colIndex])
        BLAS.useSingleThread() // parallel over layers and pairs instead: see Parallel
        let report: ((LinearCKAGrid.Report) -> Void)? = timings ? { Self.printTimings($0) } : nil
        let table = try GridRunner.table(catalog: catalog, rowModel: rowIndex, colModel: colIndex,
                                         metric: metric, options: options.metricOptions,
                                         reduce: options.reduce, timings: report)
        try write(table)
    }

    static func printTimings(_ r: LinearCKAGrid.Report) {
        var line = String(format: "timings: form %@, load+centre %.3f s, gram %.3f s", r.form.rawValue, r.loadSeconds, r.gramSeconds)
        if r.gramSeconds > 0 { line += String(format: " (%.1f GFLOP/s)", r.gramFlops / r.gramSeconds / 1e9) }
        line += String(format: ", pairs %.3f s", r.pairSeconds)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func write(_ table: GridTable) throws {
        let format = resolvedFormat
        let data: Data
        switch format {
        case .json: data = Data(JSONExporter.text(table).utf8)
        case .csv: data = Data(CSVExporter.text(table).utf8)
        case .npy: data = NpyExporter.data(table)
        case .svg: data = ImageTables.data(table, format: .svg)
        case .png: data = ImageTables.data(table, format: .png)
        case .text: data = Data(GridText.render(table).utf8)
        }
        if let output {
            try reportingFailures { try AtomicWriter.write(data, to: output) }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
