import ArgumentParser
import Engine
import Foundation
import LayerIO
import Similarity

/// `layermap correspondence MODEL...`: Kornblith et al. 2019's Table 2 for these models.
struct Correspondence: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Layer-identification accuracy per measure across models of one architecture (Kornblith et al. 2019, Table 2).")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @OptionGroup var options: ModelOptions

    @Argument(help: "Models of one architecture trained from different seeds (at least two).")
    var models: [String]

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: "Measures to report, comma-separated (default: all).")
    var metrics: String?

    @Option(help: "Memory budget, e.g. 2G or 512M: CKA avoids N×N Grams that do not fit, and prepared layers are evicted to stay within it.")
    var memory: MemorySize = .defaultBudget

    func validate() throws {
        _ = try selectedMetrics()
    }

    func selectedMetrics() throws -> [Metric] {
        guard let metrics else { return MeasureFactory.available }
        return try metrics.split(separator: ",").map {
            guard let m = Metric(name: String($0)) else { throw ValidationError("unknown metric \($0)") }
            return m
        }
    }

    func run() throws {
        let catalog = try options.openCatalog(models)
        let metricOptions = try options.metricOptions(for: catalog)
        guard catalog.models.count >= 2 else {
            throw CLIFailure.badInput("correspondence needs at least two models, got \(catalog.models.count)")
        }
        let names = catalog.models[0].layers.map(\.name)
        for m in catalog.models.dropFirst() where m.layers.count != names.count {
            throw CLIFailure.badInput("model \"\(m.name)\" has \(m.layers.count) layers while model \"\(catalog.models[0].name)\" has \(names.count); correspondence needs one architecture")
        }
        try catalog.warnAboutValues(models: Array(catalog.models.indices))
        BLAS.useSingleThread() // parallel over layers and pairs instead: see Parallel
        let layers = catalog.models.indices.map { catalog.gridLayers(ofModel: $0) }
        var results: [(Metric, LayerCorrespondence.Result)] = []
        let form = memory.plan.sharedForm(n: catalog.sampleCount, widths: layers.flatMap { $0.map(\.source.width) })
        for metric in try selectedMetrics() {
            let measure = MeasureFactory.measure(for: metric, options: metricOptions, form: form)
            let cache = PreparedLayerCache(byteLimit: memory.plan.cacheBytes)
            let grids = try reportingFailures {
                try ModelGrids(models: layers, measure: measure, cache: cache, threads: Parallel.defaultThreads)
            }
            results.append((metric, LayerCorrespondence.accuracy(grids, metric: metric)))
        }
        if format == .json {
            var lines = results.map { "  \(JSONExporter.string($0.0.rawValue)): \($0.1.accuracy.map(JSONExporter.number) ?? "null")" }
            let undefined = results.compactMap { m, r in r.reason.map { (m, r, $0) } }
            if !undefined.isEmpty {
                lines.append("  \"undefined\": {" + undefined.map { m, r, reason in
                    "\(JSONExporter.string(m.rawValue)): {\"comparisons\": \(r.undefined), \"reason\": \(JSONExporter.string(reason))}"
                }.joined(separator: ", ") + "}")
            }
            try StandardOutput.write("{\n" + lines.joined(separator: ",\n") + "\n}\n")
        } else {
            var rows: [[String]] = [["measure", "accuracy", "identified", ""]]
            for (m, r) in results {
                let accuracy = r.accuracy.map { String(format: "%.1f %%", 100 * $0) } ?? "undefined"
                let note = r.reason.map { r.undefined == r.comparisons ? $0 : "\(r.undefined) undefined, counted as misses: \($0)" } ?? ""
                rows.append([m.rawValue, accuracy, "\(r.identified)/\(r.comparisons)", note])
            }
            try StandardOutput.write("layer correspondence over \(catalog.models.count) models (\(catalog.models.map(\.name).joined(separator: ", "))), \(names.count) layers each\n"
                                     + TextTable.render(rows, rightAligned: [1, 2]))
        }
    }
}
