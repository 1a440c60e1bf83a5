import Foundation
import Testing
import TestSupport

/// Runs the built `layermap` binary, as scripts would.
enum CLI {
    /// The repository root (this file is Tests/CLITests/Support.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static var samples: String { root + "/samples" }

    /// The `layermap` executable next to the test runner in the build products directory.
    static let binary: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("layermap").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root + "/.build/debug/layermap"
    }()

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs layermap with `arguments` and no standard input; waits for it to exit.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let r = try spawn(binary, arguments, environment: env)
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// Runs and parses standard output as a JSON object.
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try run(arguments)
        try #require(r.status == 0, "layermap \(arguments.joined(separator: " ")) failed: \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// The path of a sample model by name.
    static func model(_ name: String) -> String {
        for candidate in [name, name + ".npz", name + ".safetensors"] {
            let path = samples + "/" + candidate
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return samples + "/" + name
    }
}

/// A temporary directory removed when the test ends.
struct Scratch {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/layermap-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
