import Explorer
import Foundation
import LayerIO

/// The explorer's key-to-frame latency summary for benchmarks: when `LAYERMAP_LATENCY_FILE`
/// names a file, the summary is written there as one line of JSON once the explorer has
/// closed, `{"count":…,"max_ms":…,"p50_ms":…,"p90_ms":…,"p99_ms":…}` (see `LatencySummary`
/// for the percentile definition).
///
/// The file appears whole or not at all (`AtomicWriter`: a temporary file in the same
/// directory, renamed over the target), so a benchmark polling for it never reads half.
enum LatencyFile {
    static let variable = "LAYERMAP_LATENCY_FILE"

    /// The path from the environment, if set and not empty.
    static var path: String? {
        guard let p = ProcessInfo.processInfo.environment[variable], !p.isEmpty else { return nil }
        return p
    }

    /// The summary as written: one line of JSON with sorted keys.
    static func json(_ summary: LatencySummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var data = try encoder.encode(summary)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes the summary if the environment asks for it. A failure is only a warning: the
    /// explorer session itself went fine.
    static func writeIfRequested(_ summary: LatencySummary) {
        guard let path else { return }
        do {
            try AtomicWriter.write(try json(summary), to: path)
        } catch {
            warn("latency file: \(error)")
        }
    }
}
