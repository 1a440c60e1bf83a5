import ArgumentParser
import LayerIO

/// Where and how `compute` and `merge` write a grid: `--format` and `--output`, declared
/// once, with the one rule that picks the format, and how images are drawn (`FigureFlags`).
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format (default: from the --output extension, else json).")
    var format: ExportFormat?

    @Option(name: .shortAndLong, help: "Write here (atomically) instead of to standard output.")
    var output: String?

    @OptionGroup(title: "Images (svg, png, pdf)") var figure: FigureFlags

    /// The format to write: explicit, else from the output file's extension, else JSON.
    var resolvedFormat: ExportFormat { ExportFormat.resolved(format, output: output) }
}

extension ExportFormat: ExpressibleByArgument {}
