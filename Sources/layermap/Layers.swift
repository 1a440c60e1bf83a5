import ArgumentParser
import LayerIO

/// `layermap layers MODEL...`: one line per layer, in the order the grid uses (`#` is the
/// layer's row or column index), with its shape, dtype and reduced size; then the rule that
/// gave each model's order, and the token policy of the models a capture recorded one for.
struct Layers: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every layer of the models: original shape, dtype and the reduced N×D.")

    @OptionGroup var options: ModelOptions

    @Argument(help: "Models: .npz, .safetensors, .pt, a directory of .npy files, or name=path.")
    var models: [String]

    func validate() throws {
        if models.isEmpty { throw ValidationError("give at least one MODEL") }
    }

    func run() throws {
        let catalog = try options.openCatalog(models)
        var table: [[String]] = [["model", "#", "layer", "shape", "dtype", "reduced (\(TerminalText.escaped(catalog.reduceLabel(options.reduce))))"]]
        for model in catalog.models {
            for (index, layer) in model.layers.enumerated() {
                table.append([model.name, "\(index)", layer.name, layer.shapeDescription, layer.dtype,
                              "\(layer.sampleCount)×\(layer.width)"])
            }
        }
        try StandardOutput.write(TextTable.render(table))
        try StandardOutput.write("layer order: " + catalog.models.map { "\(TerminalText.escaped($0.name)) (\($0.order.description))" }.joined(separator: ", ") + "\n")
        let captured = catalog.models.compactMap { m in m.capturedReduce.map { "\(TerminalText.escaped(m.name)) (\(TerminalText.escaped($0)))" } }
        if !captured.isEmpty { try StandardOutput.write("captured with reduce: " + captured.joined(separator: ", ") + "\n") }
    }
}
