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
        A MODEL is a .npz file, a .safetensors file, a .pt file (torch.save), or a directory of .npy files (one per \
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
            let text = oneLine(fullMessage(for: error)) ?? "\(error)"
            StandardError.write("layermap: \(text) (see 'layermap --help')\n")
            Foundation.exit(CLIFailure.badInputStatus)
        }
    }

    /// The parser's message as one line: its first line, with the bulleted list that follows a
    /// line ending in ':' ("Please provide one of the following:" then "  - linear-cka", …)
    /// joined onto it, and without the usage text and the "Error: " prefix.
    static func oneLine(_ message: String) -> String? {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let start = lines.firstIndex(where: { !$0.hasPrefix("Usage:") }) else { return nil }
        var text = lines[start].hasPrefix("Error: ") ? String(lines[start].dropFirst(7)) : lines[start]
        let bullets = lines[(start + 1)...].prefix { $0.trimmingCharacters(in: .whitespaces).hasPrefix("- ") }
            .map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(2)) }
        if text.hasSuffix(":") && !bullets.isEmpty { text += " " + bullets.joined(separator: ", ") }
        return text
    }
}
