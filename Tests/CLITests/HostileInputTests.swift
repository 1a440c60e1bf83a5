import Foundation
import Testing
import TestSupport

/// Issue 11 from the command line: full or closed standard output, FIFOs, corrupt members,
/// hostile names and output paths. Each ends with one line on stderr and exit status 2 (or
/// is handled correctly), never a trap, a hang or a silent exit 0. A possible hang runs under
/// `timeout`, whose status 124 fails the test instead of hanging the suite.
@Suite struct HostileInputTests {
    static let a = CLI.model("tanh-s0"), b = CLI.model("tanh-s1")

    /// Runs `layermap ARGS REDIRECTIONS` through /bin/sh under a 60 s timeout.
    static func shell(_ arguments: [String], _ redirections: String = "") throws -> CLI.Result {
        let quoted = ([CLI.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let r = try spawn("/bin/sh", ["-c", "exec timeout -k 5 60 " + quoted.joined(separator: " ") + " " + redirections],
                          environment: ProcessInfo.processInfo.environment)
        return CLI.Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    static func oneLine(_ r: CLI.Result, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(needle) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func aFullOrClosedStandardOutputIsExit2() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let shard = dir.path + "/s.lmp"
        #expect(try CLI.run(["compute", Self.a, "--partial", shard]).status == 0)
        let commands: [[String]] = [["compute", Self.a], ["compute", Self.a, "--format", "csv"], ["compute", Self.a, "--format", "text"],
                                    ["merge", shard], ["layers", Self.a], ["pair", Self.a, "layer1", Self.a, "layer2"]]
        for command in commands {
            for redirection in [">/dev/full", ">&-"] {
                let r = try Self.shell(command, redirection)
                Self.oneLine(r, "standard output: cannot write")
            }
        }
    }

    @Test func aFIFOInAModelDirectoryDoesNotHang() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let model = dir.path + "/m"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.a + "/layer1.npy", toPath: model + "/l1.npy")
        #expect(mkfifo(model + "/l2.npy", 0o600) == 0)
        #expect(mkfifo(dir.path + "/x.npz", 0o600) == 0)
        #expect(mkfifo(dir.path + "/x.safetensors", 0o600) == 0)
        for args in [["layers", model], ["compute", model], ["layers", dir.path + "/x.npz"], ["layers", dir.path + "/x.safetensors"],
                     ["explore", model], ["merge", dir.path + "/x.npz"]] {
            let r = try Self.shell(args, "</dev/null")
            Self.oneLine(r, "FIFO")
        }
    }

    /// The sample's first member, its offsets in the archive (local header and central entry).
    static func firstMember(_ bytes: [UInt8]) -> (data: Int, central: Int) {
        let nameLength = Int(bytes[26]) | Int(bytes[27]) << 8, extra = Int(bytes[28]) | Int(bytes[29]) << 8
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let central = (0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature }!
        return (30 + nameLength + extra, central)
    }

    @Test func computeExits2OnAMemberThatFailsOnlyWhileReading() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        // Deflated (np.savez_compressed): the CRC in the central directory is wrong.
        var deflated = try [UInt8](Data(contentsOf: URL(fileURLWithPath: CLI.model("tanh-s3"))))
        deflated[Self.firstMember(deflated).central + 16] ^= 0xFF
        let crc = dir.path + "/crc.npz"
        try Data(deflated).write(to: URL(fileURLWithPath: crc))
        // Stored (np.savez): one data byte flipped.
        var stored = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.b)))
        stored[Self.firstMember(stored).data + 200] ^= 0x01
        let flip = dir.path + "/flip.npz"
        try Data(stored).write(to: URL(fileURLWithPath: flip))
        for path in [crc, flip] {
            for metric in ["linear-cka", "debiased-cka", "knn"] {
                let r = try CLI.run(["compute", path, "--metric", metric])
                Self.oneLine(r, "CRC-32 mismatch")
                #expect(r.stderr.contains(path) && r.stderr.contains("layer \"layer1\""), "\(r.stderr)")
            }
            Self.oneLine(try CLI.run(["compute", path, "--memory", "1M", "--estimator", "exact"]), "CRC-32")
        }
    }

    @Test func layerNamesCannotReachTheTerminalRaw() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let model = dir.path + "/m"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        let hostile = ["title\u{1b}]0;pwned\u{7}", "clear\u{1b}[2J", "line\nbreak"]
        for (k, name) in hostile.enumerated() {
            try FileManager.default.copyItem(atPath: Self.a + "/layer\(k + 1).npy", toPath: model + "/" + name + ".npy")
        }
        for args in [["layers", model], ["compute", model, "--format", "text"], ["pair", model, hostile[0], model, hostile[1], "--format", "text"]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(args[0]): \(r.stdout)")
            #expect(r.stdout.contains("\\e[2J"), "\(r.stdout)")
            #expect(!r.stdout.contains("line\nbreak"))
        }
    }

    @Test func outputPathsThatAreNotFilesAreRefusedAndSymlinksWrittenThrough() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let fifo = dir.path + "/fifo.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        Self.oneLine(try Self.shell(["compute", Self.a, "-o", fifo]), "FIFO")
        Self.oneLine(try Self.shell(["compute", Self.a, "-o", "/dev/full"]), "character device")
        Self.oneLine(try Self.shell(["compute", Self.a, "-o", dir.path]), "directory")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
        // A symlink stays a symlink; its target gets the bytes.
        let target = dir.path + "/target.json", link = dir.path + "/link.json"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
        #expect(try CLI.run(["compute", Self.a, "-o", link]).status == 0)
        #expect(lstat(link, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("{"))
    }

    @Test func staleTemporariesOfDeadWritersAreRemoved() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        // A pid that has exited: a finished child's.
        let child = try spawn("/bin/true", [], environment: [:])
        #expect(child.status == 0)
        let dead = try #require(Int32(try spawn("/bin/sh", ["-c", "sh -c 'echo $$'"], environment: [:]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let out = dir.path + "/out.json"
        let stale = dir.path + "/.out.json.layermap-tmp-\(dead)-1"
        let live = dir.path + "/.out.json.layermap-tmp-1-1" // pid 1 is alive
        for p in [stale, live] { try "half".write(toFile: p, atomically: false, encoding: .utf8) }
        #expect(try CLI.run(["compute", Self.a, "-o", out]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == [".out.json.layermap-tmp-1-1", "out.json"], "\(left)")
    }

    @Test func aZipBombIsRefusedBeforeInflating() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let bomb = dir.path + "/bomb.npz"
        let py = try spawn("/usr/bin/env", ["python3", "-c",
            "import numpy as np, sys; np.savez_compressed(sys.argv[1], l1=np.zeros((5000, 20000), np.float32), l2=np.ones((5000, 2), np.float32))", bomb],
                           environment: ProcessInfo.processInfo.environment)
        try #require(py.status == 0, "numpy is needed: \(py.stderr)")
        let r = try CLI.run(["compute", bomb])
        Self.oneLine(r, "--max-inflate-ratio")
        #expect(r.stderr.contains("layer \"l1\""))
        Self.oneLine(try CLI.run(["compute", bomb, "--max-inflate-ratio", "2000", "--memory", "64M"]), "--memory")
    }

    /// A deflated member whose attributes mark it as a symbolic link: the zip library would read
    /// the whole claimed size at once (the fuzzer's 4 GB allocation). Refused as not a file.
    @Test func aMemberMarkedAsASymlinkIsRefused() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let path = dir.path + "/link.npz"
        let script = """
        import io, sys, zipfile, numpy as np
        buf = io.BytesIO(); np.save(buf, np.ones((8, 3), np.float32))
        info = zipfile.ZipInfo("l1.npy"); info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3; info.external_attr = 0o120777 << 16
        with zipfile.ZipFile(sys.argv[1], "w") as z: z.writestr(info, buf.getvalue())
        """
        let py = try spawn("/usr/bin/env", ["python3", "-c", script, path], environment: ProcessInfo.processInfo.environment)
        try #require(py.status == 0, "numpy is needed: \(py.stderr)")
        for command in [["layers", path], ["compute", path]] {
            Self.oneLine(try Self.shell(command), "member \"l1.npy\" is marked as a symbolic link, not a file")
        }
    }
}
