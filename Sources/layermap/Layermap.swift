import ArgumentParser
import Foundation
import LayerIO
import Similarity

/// The `layermap` command: which layers of these models represent the same thing?
@main
struct Layermap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layermap",
        abstract: "Compare the layers of neural networks by their activations (CKA and more).",
        discussion: """
        A MODEL is a .npz file, a .safetensors file, or a directory of .npy files (one per \
        layer); name=path sets its display name. A directory of such models opens them all.
        """,
        subcommands: [Explore.self, Layers.self, Compute.self, Merge.self, Pair.self, Baseline.self, Correspondence.self, Calibrate.self],
        defaultSubcommand: Explore.self
    )

    /// Parses and runs, mapping every failure to one line on stderr and an exit status:
    /// 2 for bad input (arguments, files, layers), 1 for an internal failure.
    static func main() {
        StandardOutput.guardStandardDescriptors()
        do {
            var command = try parseAsRoot()
            try command.run()
            try StandardOutput.finish()
        } catch let failure as CLIFailure {
            StandardError.write("layermap: \(TerminalText.escaped(failure.message))\n")
            Foundation.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error) // --help, --version: the parser prints them.
            }
            let firstLine = fullMessage(for: error)
                .split(separator: "\n", omittingEmptySubsequences: true)
                .first { !$0.hasPrefix("Usage:") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .map(String.init) ?? "\(error)"
            let text = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
            StandardError.write("layermap: \(text) (see 'layermap --help')\n")
            Foundation.exit(CLIFailure.badInputStatus)
        }
    }
}
