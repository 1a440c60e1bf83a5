import ArgumentParser
import Engine
import Foundation
import LayerIO
import Similarity

/// `layermap pair MODEL_A LAYER_A MODEL_B LAYER_B`: every measure for one layer pair, with
/// the HSIC terms behind the CKA values.
struct Pair: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every measure for one layer pair, and the HSIC terms behind CKA.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @OptionGroup var options: ModelOptions

    @Argument(help: "The row model.") var modelA: String
    @Argument(help: "A layer of the row model (by name).") var layerA: String
    @Argument(help: "The column model.") var modelB: String
    @Argument(help: "A layer of the column model (by name).") var layerB: String

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: "The measure the permutation test and bootstrap are run for.")
    var metric: Metric = .linearCKA

    @Option(help: "Permutations of Y's samples for a permutation-test p-value (0: none).")
    var permutations: Int = 0

    @Option(help: "Bootstrap resamples of the samples for a 95 % interval (0: none).")
    var bootstrap: Int = 0

    @Option(help: "Seed for the permutations and resamples (the same seed gives the same answer).")
    var seed: UInt64 = 0

    @Option(help: "Memory budget, e.g. 2G or 512M: CKA avoids the N×N Gram when it does not fit; a measure that does not fit is not computed and says why.")
    var memory: MemorySize = .defaultBudget

    func validate() throws {
        if permutations < 0 { throw ValidationError("--permutations must be ≥ 0") }
        if bootstrap < 0 { throw ValidationError("--bootstrap must be ≥ 0") }
    }

    func run() throws {
        let catalog = try options.openCatalog([modelA, modelB])
        let metricOptions = try options.metricOptions(for: catalog)
        let sameModel = modelA == modelB
        guard catalog.models.count == (sameModel ? 1 : 2) else {
            throw CLIFailure.badInput("pair takes one model per argument, but the arguments name \(catalog.models.count) models")
        }
        let ai = 0, bi = sameModel ? 0 : 1
        let x = try layer(layerA, ofModel: ai, in: catalog)
        let y = try layer(layerB, ofModel: bi, in: catalog)
        try catalog.warnAboutValues(models: [ai, bi])
        BLAS.useSingleThread() // parallel over layers and pairs instead: see Parallel
        var report = PairReport.compute(x: x, y: y, metrics: MeasureFactory.available,
                                        options: metricOptions, plan: memory.plan)
        report.sweeps = PairReport.sweeps(x: x, y: y)
        if permutations > 0 || bootstrap > 0 {
            report.significance = try significance(x: x, y: y, options: metricOptions)
        }
        switch format {
        case .json: try StandardOutput.write(report.json())
        case .text: try StandardOutput.write(report.text())
        }
    }

    /// The permutation test and bootstrap for `--metric`, or the reason they cannot be run.
    func significance(x: GridLayer, y: GridLayer, options metricOptions: MetricOptions) throws -> Result<SignificanceSummary, SimilarityError> {
        let n = x.source.sampleCount, widths = (x.source.width, y.source.width)
        let form = memory.plan.pairForm(n: n, widths: widths)
        let measure = MeasureFactory.measure(for: metric, options: metricOptions, form: form)
        let budget = DrillJob.Budget(plan: memory.plan, n: n, widths: widths)
        if let r = budget.layers ?? budget.significance(measure) { return .failure(.overBudget(r.description)) }
        let xm = try reportingFailures { try x.source.readAll() }
        let ym = try reportingFailures { try y.source.readAll() }
        do {
            return .success(try PermutationTest(measure: measure).run(
                x: xm, y: ym, permutations: permutations, bootstrap: bootstrap, seed: seed))
        } catch let e as SimilarityError {
            return .failure(e)
        }
    }

    func layer(_ name: String, ofModel index: Int, in catalog: Catalog) throws -> GridLayer {
        let model = catalog.models[index]
        guard let j = model.layers.firstIndex(where: { $0.name == name }) else {
            throw CLIFailure.badInput("model \"\(model.name)\" has no layer \"\(name)\"; its layers: \(model.layers.map(\.name).joined(separator: ", "))")
        }
        return catalog.gridLayers(ofModel: index)[j]
    }
}
