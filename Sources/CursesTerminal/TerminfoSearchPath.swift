#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `TERMINFO_DIRS` with layermap's built entries searched first, for the one `newterm` call
/// that needs them.
///
/// ncurses reads `TERMINFO_DIRS` (a colon-separated list; an empty item is the system
/// directory) when it looks an entry up, so it has to be in the process environment. It is
/// put back right after `newterm`: the entry is loaded by then, and programs layermap might
/// start keep the user's own value.
enum TerminfoSearchPath {
    /// `directory` followed by `existing`, unchanged (empty items and all); just
    /// `directory` when `existing` is unset or empty.
    static func prepending(_ directory: String, to existing: String?) -> String {
        guard let existing, !existing.isEmpty else { return directory }
        return directory + ":" + existing
    }

    /// Runs `body` with `TERMINFO_DIRS` = `prepending(directory, to: current)`, then puts
    /// the previous value back (or unsets it).
    static func withDirectoryFirst<T>(_ directory: String, _ body: () -> T) -> T {
        let previous = getenv("TERMINFO_DIRS").map { String(cString: $0) }
        _ = setenv("TERMINFO_DIRS", prepending(directory, to: previous), 1)
        defer {
            if let previous { _ = setenv("TERMINFO_DIRS", previous, 1) } else { _ = unsetenv("TERMINFO_DIRS") }
        }
        return body()
    }
}
