import ArgumentParser
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

    func run() throws {
        let catalog = try options.openCatalog([modelA, modelB])
        let sameModel = modelA == modelB
        guard catalog.models.count == (sameModel ? 1 : 2) else {
            throw CLIFailure.badInput("pair takes one model per argument, but the arguments name \(catalog.models.count) models")
        }
        let ai = 0, bi = sameModel ? 0 : 1
        let x = try layer(layerA, ofModel: ai, in: catalog)
        let y = try layer(layerB, ofModel: bi, in: catalog)
        try catalog.warnAboutNonFiniteValues(models: [ai, bi])
        BLAS.setThreads(ProcessInfo.processInfo.activeProcessorCount)
        let report = PairReport.compute(x: x, y: y, metrics: MeasureFactory.available,
                                        options: options.metricOptions)
        switch format {
        case .json: print(report.json(), terminator: "")
        case .text: print(report.text(), terminator: "")
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
