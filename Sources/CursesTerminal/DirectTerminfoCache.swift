/// Where built direct-colour entries are kept, and when one must be (re)compiled. Pure:
/// paths are computed here; `DirectTerminfoBuilder` touches the disk.
///
/// Layout: `<root>/<fingerprint>/` is a terminfo directory (what goes in `TERMINFO_DIRS`)
/// holding the compiled entry (`x/xterm-direct`) and the source it came from
/// (`source.ti`). The directory is named by the source's digest, so an entry is compiled
/// once and reused, a changed source (another `$TERM`, or a new layermap) lands in a new
/// directory, and entries for different terminals never overwrite each other. A directory
/// appears whole (compiled elsewhere, then renamed), so a reader never sees half an entry.
public struct DirectTerminfoCache: Hashable, Sendable {
    /// The directory holding one terminfo directory per entry built.
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// The cache in layermap's cache directory, as the result cache finds it:
    /// `$LAYERMAP_CACHE_DIR/terminfo`, else `$XDG_CACHE_HOME/layermap/terminfo`, else
    /// `$HOME/.cache/layermap/terminfo`. Empty values are skipped; `nil` when none is set
    /// (then no entry is built and colours stay at 256).
    public init?(environment: [String: String]) {
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let dir = value("LAYERMAP_CACHE_DIR") {
            root = dir + "/terminfo"
        } else if let xdg = value("XDG_CACHE_HOME") {
            root = xdg + "/layermap/terminfo"
        } else if let home = value("HOME") {
            root = home + "/.cache/layermap/terminfo"
        } else {
            return nil
        }
    }

    /// The terminfo directory for `entry`: `<root>/<fingerprint>`.
    public func directory(for entry: DirectTerminfo) -> String {
        root + "/" + entry.fingerprint
    }

    /// Where the source is kept beside the compiled entry.
    public static func sourcePath(in directory: String) -> String {
        directory + "/source.ti"
    }

    /// Where `tic` puts the compiled `entry` inside a terminfo `directory`: under its first
    /// letter (`x/xterm-direct`, as on Linux) or that letter's hex code (`78/xterm-direct`,
    /// as on macOS and other case-insensitive file systems).
    public static func compiledPaths(of entry: DirectTerminfo, in directory: String) -> [String] {
        guard let first = entry.name.utf8.first else { return [] }
        let letter = String(UnicodeScalar(first))
        let hex = String(first, radix: 16)
        return [directory + "/" + letter + "/" + entry.name, directory + "/" + hex + "/" + entry.name]
    }

    /// Whether `entry` must be compiled before use: its directory holds no compiled entry
    /// (`exists` tells whether a file is there). A different source is a different
    /// directory, so "the source changed" is covered too.
    public func needsCompile(_ entry: DirectTerminfo, exists: (String) -> Bool) -> Bool {
        !Self.compiledPaths(of: entry, in: directory(for: entry)).contains(where: exists)
    }
}
