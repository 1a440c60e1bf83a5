import ArgumentParser
import Engine
import Foundation
import LayerIO
import Similarity

/// `layermap baseline --group A=a1,a2 --group B=b1,b2`: are two groups of models different,
/// or do seeds just differ as much?
struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The seed baseline: within-group vs across-group similarity for two groups of models with the same layers.")

    @OptionGroup var options: ModelOptions

    @Option(name: .customLong("group"), help: "A group as NAME=model1,model2,… (give exactly two).")
    var groups: [String] = []

    @Option(help: "The measure.")
    var metric: Metric = .linearCKA

    @Option(help: "Output format: text (default), json (every number), csv (one line per layer pair), npy (the difference), svg, png or pdf (the difference on a diverging scale, p ≤ 0.05 marked); default from the --output extension.")
    var format: ExportFormat?

    @Option(name: .shortAndLong, help: "Write here (atomically) instead of to standard output.")
    var output: String?

    @OptionGroup(title: "Images (svg, png, pdf)") var figure: FigureFlags

    /// The format to write: explicit, else the output file's extension, else text.
    var resolvedFormat: ExportFormat {
        format ?? output.flatMap { ExportFormat(rawValue: URL(fileURLWithPath: $0).pathExtension.lowercased()) } ?? .text
    }

    @Option(help: "Random relabellings when there are too many to use them all.")
    var permutations: Int = 999

    @Option(help: "Seed for random relabellings.")
    var seed: UInt64 = 0

    @Option(help: "Memory budget, e.g. 2G or 512M: CKA avoids N×N Grams that do not fit, and prepared layers are evicted to stay within it.")
    var memory: MemorySize = .defaultBudget

    func validate() throws {
        guard groups.count == 2 else { throw ValidationError("give exactly two --group NAME=model,model,…") }
        let specs = try groups.map(GroupSpec.parse)
        if specs[0].name == specs[1].name { throw ValidationError("the two groups need different names; both are \(specs[0].name)") }
        if resolvedFormat.isBinary && output == nil {
            throw ValidationError("--format \(resolvedFormat.rawValue) writes binary data: give --output FILE")
        }
        try figure.check(format: resolvedFormat)
    }

    func run() throws {
        let specs = try groups.map(GroupSpec.parse)
        let catalog = try options.openCatalog(specs[0].models + specs[1].models)
        let metricOptions = try options.metricOptions(for: catalog)
        let indices = try specs.map { spec in try spec.models.map { try catalog.index(ofArgument: $0, among: specs.flatMap(\.models)) } }
        let all = indices[0] + indices[1]
        guard Set(all).count == all.count else {
            throw CLIFailure.badInput("a model appears twice in the groups; each model belongs to one group")
        }
        for g in 0..<2 where indices[g].count < 2 {
            throw CLIFailure.badInput("group \(specs[g].name) has \(indices[g].count) model; the within-group mean needs at least 2")
        }
        let reference = catalog.models[all[0]]
        for i in all.dropFirst() where catalog.models[i].layers.map(\.name) != reference.layers.map(\.name) {
            throw CLIFailure.badInput("model \"\(catalog.models[i].name)\" has layers \(catalog.models[i].layers.map(\.name).joined(separator: ",")) while model \"\(reference.name)\" has \(reference.layers.map(\.name).joined(separator: ",")); groups must share one layer list")
        }
        let smallest = SeedBaseline.smallestPValue(groupA: indices[0].count, groupB: indices[1].count,
                                                   randomLabellings: permutations)
        if smallest > 0.05 {
            warn("groups of \(indices[0].count) and \(indices[1].count) models allow p ≥ \(String(format: "%.3g", smallest)) at best, so no layer pair can reach p ≤ 0.05; add models to the groups")
        }
        try catalog.warnAboutValues(models: all)
        BLAS.useSingleThread() // parallel over layers and pairs instead: see Parallel
        let models = all.map { catalog.gridLayers(ofModel: $0) }
        let form = memory.plan.sharedForm(n: catalog.sampleCount, widths: models.flatMap { $0.map(\.source.width) })
        let measure = MeasureFactory.measure(for: metric, options: metricOptions, form: form)
        let grids = try reportingFailures {
            try ModelGrids(models: models, measure: measure, cache: PreparedLayerCache(byteLimit: memory.plan.cacheBytes),
                           threads: Parallel.defaultThreads)
        }
        let result = SeedBaseline(grids: grids, groupASize: indices[0].count, orientation: metric.orientation,
                                  randomLabellings: permutations, seed: seed)
        let report = BaselineReport(metric: metric, groups: specs.map(\.name),
                                    members: indices.map { $0.map { catalog.models[$0].name } },
                                    layers: reference.layers.map(\.name), result: result)
        let format = resolvedFormat
        if format == .text {
            let text = Data(report.text().utf8)
            if let output { try reportingFailures { try AtomicWriter.write(text, to: output) } } else { try StandardOutput.write(text) }
            return
        }
        let table = report.table(n: catalog.sampleCount, reduce: catalog.reduceLabel(options.reduce), options: metricOptions)
        try GridOutput.write(table, format: format, to: output, figure: figure.options)
    }
}

/// A `--group NAME=model1,model2,…` argument.
struct GroupSpec {
    let name: String
    let models: [String]

    static func parse(_ text: String) throws -> GroupSpec {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ValidationError("--group \(text): expected NAME=model1,model2,…")
        }
        let models = text[text.index(after: eq)...].split(separator: ",").map(String.init).filter { !$0.isEmpty }
        guard !models.isEmpty else { throw ValidationError("--group \(text): no models after '='") }
        return GroupSpec(name: String(text[..<eq]), models: models)
    }
}

extension Catalog {
    /// The catalog index of the model opened from `argument` (arguments open one model each,
    /// in order, with repeats opened once).
    func index(ofArgument argument: String, among arguments: [String]) throws -> Int {
        var unique: [String] = []
        for a in arguments where !unique.contains(a) { unique.append(a) }
        guard unique.count == models.count, let i = unique.firstIndex(of: argument) else {
            throw CLIFailure.badInput("each model argument must name one model; \(argument) does not")
        }
        return i
    }
}
