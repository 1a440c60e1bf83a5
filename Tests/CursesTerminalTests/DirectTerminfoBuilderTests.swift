import Foundation
import TestSupport
import Testing
@testable import CursesTerminal

/// `tic` on this machine's PATH, if any.
let systemPath = ProcessInfo.processInfo.environment["PATH"]
let ticOnPath = DirectTerminfoBuilder.locateTic(searchPath: systemPath, isExecutable: DirectTerminfoBuilder.isExecutable)

@Suite("Finding tic")
struct TicLookupTests {
    @Test("finding tic on PATH")
    func locateTic() {
        let present: Set = ["/opt/ncurses/bin/tic", "/usr/bin/tic"]
        func find(_ path: String?) -> String? { DirectTerminfoBuilder.locateTic(searchPath: path) { present.contains($0) } }
        #expect(find("/nope:/opt/ncurses/bin:/usr/bin") == "/opt/ncurses/bin/tic")
        #expect(find("/nope:/usr/bin/") == "/usr/bin/tic")
        #expect(find(nil) == "/usr/bin/tic", "no PATH: /usr/bin:/bin")
        #expect(find("/nope") == nil)
        #expect(find("") == nil)
        // Relative items (the working directory) are never searched.
        #expect(DirectTerminfoBuilder.locateTic(searchPath: ".:bin::") { _ in true } == nil)
    }
}

/// Compiling with the real `tic` into a scratch cache: once, then reused; every failure is
/// `nil` with nothing half-made left behind.
@Suite("Building the direct-colour entry with tic",
       .enabled(if: ticOnPath != nil, "tic is not installed (ncurses-bin): nothing can be built"))
struct DirectTerminfoBuilderTests {
    static let xterm = DirectTerminfo(term: "xterm-256color", insideTmux: false)!

    /// A fresh cache under a scratch directory, removed by the caller.
    static func scratch() throws -> (URL, DirectTerminfoCache) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("layermap-terminfo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, DirectTerminfoCache(root: dir.path + "/cache/terminfo"))
    }

    static func listing(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// What `tput -T <entry> <arguments>` prints with only `directory` as the database.
    static func tput(_ directory: String, _ entry: String, _ arguments: String...) throws -> String {
        try spawnAndWait("/usr/bin/env", ["tput", "-T", entry] + arguments,
                         environment: ["PATH": systemPath ?? "/usr/bin:/bin", "TERMINFO": directory], readOutput: true)
    }

    @Test("compiles a standalone entry whose setaf/setab send 24-bit SGR")
    func compiles() throws {
        let (dir, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let built = try #require(DirectTerminfoBuilder.prepare(Self.xterm, in: cache, searchPath: systemPath))
        #expect(built == cache.directory(for: Self.xterm))
        #expect(FileManager.default.fileExists(atPath: built + "/x/xterm-direct"))
        #expect(try String(contentsOfFile: built + "/source.ti", encoding: .utf8) == Self.xterm.source)
        #expect(Self.listing(cache.root) == [Self.xterm.fingerprint], "no build directory left behind")

        // TERMINFO alone: the compiled entry needs nothing else (use= was resolved).
        #expect(try Self.tput(built, "xterm-direct", "colors") == "16777216\n")
        #expect(try Self.tput(built, "xterm-direct", "setaf", "\(0x0A141E)") == "\u{1B}[38;2;10;20;30m")
        #expect(try Self.tput(built, "xterm-direct", "setab", "\(0xFA7800)") == "\u{1B}[48;2;250;120;0m")
        #expect(try Self.tput(built, "xterm-direct", "setaf", "3") == "\u{1B}[33m", "below 8: the ANSI colours")
        #expect(try Self.tput(built, "xterm-direct", "setab", "8") == "\u{1B}[48;2;0;0;8m")
        // Inherited from xterm-256color.
        #expect(try Self.tput(built, "xterm-direct", "smcup") == (try Self.tput("/nonexistent", "xterm-256color", "smcup")))
    }

    @Test("compiled once, then reused without tic; another source gets its own directory")
    func reuse() throws {
        let (dir, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try #require(DirectTerminfoBuilder.prepare(Self.xterm, in: cache, searchPath: systemPath))
        let compiled = first + "/x/xterm-direct"
        let before = try FileManager.default.attributesOfItem(atPath: compiled)
        // No tic on this PATH: only a reuse can succeed.
        #expect(DirectTerminfoBuilder.prepare(Self.xterm, in: cache, searchPath: "/nonexistent") == first)
        let after = try FileManager.default.attributesOfItem(atPath: compiled)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)

        let plain = DirectTerminfo(term: "xterm", insideTmux: false)!
        let second = try #require(DirectTerminfoBuilder.prepare(plain, in: cache, searchPath: systemPath))
        #expect(second != first)
        #expect(Self.listing(cache.root) == [Self.xterm.fingerprint, plain.fingerprint].sorted())
        #expect(try Self.tput(second, "xterm-direct", "colors") == "16777216\n")
    }

    @Test("a directory left without its compiled entry is rebuilt")
    func repairs() throws {
        let (dir, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let final = cache.directory(for: Self.xterm)
        try FileManager.default.createDirectory(atPath: final + "/x", withIntermediateDirectories: true)
        try "stale".write(toFile: final + "/source.ti", atomically: true, encoding: .utf8)
        #expect(DirectTerminfoBuilder.prepare(Self.xterm, in: cache, searchPath: systemPath) == final)
        #expect(FileManager.default.fileExists(atPath: final + "/x/xterm-direct"))
        #expect(try String(contentsOfFile: final + "/source.ti", encoding: .utf8) == Self.xterm.source)
        #expect(Self.listing(cache.root) == [Self.xterm.fingerprint])
    }

    @Test("no tic: nil, and the cache is not even created")
    func noTic() throws {
        let (dir, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(DirectTerminfoBuilder.prepare(Self.xterm, in: cache, searchPath: "/nonexistent") == nil)
        #expect(!FileManager.default.fileExists(atPath: cache.root))
    }

    @Test("tic fails (the base entry is unknown): nil, nothing left behind")
    func ticFails() throws {
        let (dir, cache) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = DirectTerminfo(term: "layermap-no-such-terminal", insideTmux: false)!
        #expect(DirectTerminfoBuilder.prepare(unknown, in: cache, searchPath: systemPath) == nil)
        #expect(Self.listing(cache.root).isEmpty)
    }

    @Test("the cache cannot be created (a file is in the way): nil")
    func unwritable() throws {
        let (dir, _) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "not a directory".write(toFile: dir.path + "/cache", atomically: true, encoding: .utf8)
        let cache = DirectTerminfoCache(root: dir.path + "/cache/terminfo")
        #expect(DirectTerminfoBuilder.prepare(Self.xterm, in: cache, searchPath: systemPath) == nil)
    }
}
