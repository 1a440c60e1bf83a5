import Foundation
import Glibc
import Testing

/// Paths and processes for the engine's tests.
enum Programs {
    /// The repository root (this file is Tests/EngineTests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static func sample(_ name: String) -> String { root + "/samples/" + name }

    /// A program built beside the test runner (`layermap`, `engine-probe`).
    static func binary(_ name: String) -> String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root + "/.build/debug/" + name
    }

    struct Run {
        let status: Int32
        let stdout: String
        /// The child's peak resident set in bytes (`ru_maxrss` from wait4).
        let peakBytes: Int
    }

    /// Runs `path` (stdin /dev/null, stderr discarded), waits with wait4, and returns its
    /// status, standard output and peak resident set.
    static func run(_ path: String, _ arguments: [String]) throws -> Run {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString).out").path
        defer { unlink(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        try #require(rc == 0, "cannot start \(path): \(rc)")
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Run(status: code, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                   peakBytes: Int(usage.ru_maxrss) * 1024)
    }
}

/// A temporary directory removed by `remove()`.
struct Scratch {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/layermap-engine-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Writes large random float32 `.npy` layers quickly: one block of 2²⁰ pseudo-random values
/// in [−1, 1) per layer (seeded), written again and again; the layers are full rank for the
/// widths used here (≤ 1024 columns, 1024+ rows per block).
enum LargeLayers {
    static func write(rows: Int, cols: Int, seed: UInt64, to path: String) throws {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(cols)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
        let length = UInt16(header.utf8.count)
        bytes += [UInt8(length & 0xff), UInt8(length >> 8)] + Array(header.utf8)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        // A new block each time (the generator runs on), so no sample repeats: repeated
        // samples would tie mutual kNN's neighbour sets.
        var block = [Float](repeating: 0, count: 1 << 20)
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var remaining = rows * cols * 4
        while remaining > 0 {
            for i in block.indices {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                block[i] = Float(Int32(truncatingIfNeeded: state >> 32)) / 0x1p31
            }
            let blockData = block.withUnsafeBytes { Data($0) }
            let n = min(remaining, blockData.count)
            try handle.write(contentsOf: blockData.prefix(n))
            remaining -= n
        }
    }

    /// `models` directories of `layers` layers each, under `dir`; returns their paths.
    static func models(_ names: [String], layers: Int, rows: Int, cols: Int, in dir: String) throws -> [String] {
        try names.enumerated().map { m, name in
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for l in 0..<layers {
                try write(rows: rows, cols: cols, seed: UInt64(m * 100 + l + 1), to: path + "/layer\(l).npy")
            }
            return path
        }
    }
}
