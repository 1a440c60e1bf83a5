import Foundation
import Testing
import TestSupport

/// A full disk gets its own message ("No space left on device"), apart from a read-only
/// directory's "Permission denied", and leaves the previous output and no temporary file.
/// The full disk is a small tmpfs, which only root may mount: the suite says it is skipped
/// otherwise (CI runs as root).
@Suite(.enabled(if: geteuid() == 0, "mounting a small tmpfs needs root"))
struct FullDiskTests {
    /// Mounts a tmpfs of `options` on a new scratch directory, runs `body`, unmounts.
    static func withTmpfs(_ options: String, _ body: (String) throws -> Void) throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let mount = try spawn("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir.path], environment: [:])
        try #require(mount.status == 0, "mount: \(mount.stderr)")
        defer { _ = try? spawn("/bin/umount", [dir.path], environment: [:]) }
        try body(dir.path)
    }

    static func leftovers(in dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("layermap-tmp") }.sorted()
    }

    @Test func noSpaceForTheDataKeepsTheOldFile() throws {
        try Self.withTmpfs("size=16k") { dir in
            let out = dir + "/grid.json"
            let first = try CLI.run(["compute", CLI.model("relu-s0"), "-o", out])
            try #require(first.status == 0, "\(first.stderr)")
            let before = try Data(contentsOf: URL(fileURLWithPath: out))
            // Fill what is left.
            let fill = try spawn("/bin/dd", ["if=/dev/zero", "of=" + dir + "/fill", "bs=1k", "count=64"], environment: [:])
            #expect(fill.status != 0)
            let r = try CLI.run(["compute", CLI.model("relu-s0"), CLI.model("relu-s1"), "-o", out])
            #expect(r.status == 2)
            #expect(r.stderr == "layermap: \(out): cannot write: No space left on device\n", "\(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
            #expect(try Self.leftovers(in: dir).isEmpty)
        }
    }

    @Test func noInodeForTheTemporaryFileSaysSo() throws {
        try Self.withTmpfs("size=1m,nr_inodes=2") { dir in
            // The root directory takes one inode, this file the other.
            FileManager.default.createFile(atPath: dir + "/a", contents: Data())
            let r = try CLI.run(["compute", CLI.model("relu-s0"), "-o", dir + "/grid.json"])
            #expect(r.status == 2)
            #expect(r.stderr == "layermap: \(dir)/grid.json: cannot write: cannot create a file in \(dir): No space left on device\n",
                    "\(r.stderr)")
        }
    }
}
