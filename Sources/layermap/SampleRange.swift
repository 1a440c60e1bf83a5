import ArgumentParser

/// `--samples START:END`: a half-open range of sample indices (either end may be left out).
struct SampleRange: ExpressibleByArgument, Equatable {
    let start: Int?
    let end: Int?

    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func bound(_ s: Substring) -> Int?? { s.isEmpty ? .some(nil) : Int(s).map { .some($0) } ?? .none }
        guard let a = bound(parts[0]), let b = bound(parts[1]) else { return nil }
        start = a
        end = b
    }

    /// The range within 0..<n, or why it does not fit. An end past n is clipped to n, so a
    /// job array can give every shard the same size.
    func resolve(n: Int) -> Result<Range<Int>, CLIFailure> {
        let s = start ?? 0, e = min(end ?? n, n)
        guard s >= 0, s < e else {
            return .failure(.badInput("--samples \(start.map(String.init) ?? ""):\(end.map(String.init) ?? "") is not a non-empty range inside 0:\(n)"))
        }
        return .success(s..<e)
    }
}
