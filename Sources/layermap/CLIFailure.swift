import Engine
import Foundation
import LayerIO
import Similarity

/// A failure the command line reports as one line on stderr with an exit status.
struct CLIFailure: Error {
    /// Exit status for bad input: arguments, unreadable or malformed files, unknown layers.
    static let badInputStatus: Int32 = 2
    /// Exit status for a failure inside layermap.
    static let internalStatus: Int32 = 1

    let message: String
    let status: Int32

    static func badInput(_ message: String) -> CLIFailure { CLIFailure(message: message, status: badInputStatus) }
    static func `internal`(_ message: String) -> CLIFailure { CLIFailure(message: message, status: internalStatus) }
}

/// Runs `body`, turning library errors into `CLIFailure`s with the right status.
func reportingFailures<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as CLIFailure {
        throw e
    } catch let e as LayerIOError {
        throw CLIFailure.badInput(e.description)
    } catch let e as MemoryPlan.Refusal {
        throw CLIFailure.badInput(e.description)
    } catch let e as AtomicWriter.WriteError {
        throw CLIFailure.badInput(e.description)
    } catch let e as SimilarityError {
        throw CLIFailure.internal(e.description)
    } catch {
        throw CLIFailure.internal("\(error)")
    }
}

/// Writes one line to stderr (warnings such as NaN counts).
func warn(_ line: String) {
    StandardError.write("layermap: warning: \(TerminalText.escaped(line))\n")
}
