import Foundation
import Testing

/// Shards' sums merge into the grid a single run gives; bad shard sets are refused clearly.
@Suite struct ShardTests {
    static let a = CLI.model("tanh-s0"), b = CLI.model("relu-s1")

    static func grid(_ json: [String: Any]) -> [[Double]] { json["values"] as! [[Double]] }

    static func partial(_ dir: Scratch, _ name: String, _ extra: [String]) throws -> String {
        let path = dir.path + "/" + name
        let r = try CLI.run(["compute", a, b, "--partial", path] + extra)
        try #require(r.status == 0, "\(r.stderr)")
        return path
    }

    @Test func exactShardsMergeToTheSingleRun() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        // Shard bounds on multiples of the block size: the shards sum the single run's blocks.
        let blocks = ["--block-rows", "50"]
        let whole = try Self.partial(dir, "whole.lmp", blocks)
        let s1 = try Self.partial(dir, "s1.lmp", blocks + ["--samples", ":100"])
        let s2 = try Self.partial(dir, "s2.lmp", blocks + ["--samples", "100:350"])
        let s3 = try Self.partial(dir, "s3.lmp", blocks + ["--samples", "350:"])
        let single = Self.grid(try CLI.json(["merge", whole]))
        let merged = try CLI.json(["merge", s3, s1, s2])
        #expect(merged["n"] as? Int == 400 && merged["estimator"] as? String == "exact")
        let inMemory = Self.grid(try CLI.json(["compute", Self.a, Self.b]))
        for (i, row) in Self.grid(merged).enumerated() {
            for (j, v) in row.enumerated() {
                // The same sums added in another grouping: equal up to double rounding.
                #expect(abs(v - single[i][j]) <= 1e-12, "[\(i)][\(j)] \(v) vs \(single[i][j])")
                // The in-memory path rounds differently in single precision.
                #expect(abs(v - inMemory[i][j]) <= 1e-6)
            }
        }
    }

    @Test func minibatchShardsOnBatchBoundariesMergeToTheSingleRun() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let args = ["--estimator", "minibatch", "--batch-size", "50"]
        let s1 = try Self.partial(dir, "s1.lmp", args + ["--samples", ":150"])
        let s2 = try Self.partial(dir, "s2.lmp", args + ["--samples", "150:"])
        let merged = try CLI.json(["merge", s1, s2])
        let single = try CLI.json(["compute", Self.a, Self.b] + args)
        #expect(merged["estimator"] as? String == "minibatch (batch 50)")
        for (m, s) in zip(Self.grid(merged).joined(), Self.grid(single).joined()) { #expect(abs(m - s) <= 1e-12) }
        let r = try CLI.run(["compute", Self.a, Self.b, "--partial", dir.path + "/bad.lmp"] + args + ["--samples", "0:120"])
        #expect(r.status == 2 && r.stderr.contains("multiples of --batch-size 50"), "\(r.stderr)")
    }

    @Test func gapsOverlapsAndForeignShardsAreRefused() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let s1 = try Self.partial(dir, "s1.lmp", ["--samples", ":200"])
        let s2 = try Self.partial(dir, "s2.lmp", ["--samples", "150:"])
        let s3 = try Self.partial(dir, "s3.lmp", ["--samples", "250:"])
        var r = try CLI.run(["merge", s1, s2])
        #expect(r.status == 2 && r.stderr.contains("again"), "\(r.stderr)")
        r = try CLI.run(["merge", s1, s3])
        #expect(r.status == 2 && r.stderr.contains("no shard covers samples 200:250"), "\(r.stderr)")
        let other = dir.path + "/other.lmp"
        let o = try CLI.run(["compute", Self.a, "--partial", other, "--samples", "200:"])
        #expect(o.status == 0)
        r = try CLI.run(["merge", s1, other])
        #expect(r.status == 2 && r.stderr.contains("different grid"), "\(r.stderr)")
    }

    @Test func damagedShardFilesGiveOneLine() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let s1 = try Self.partial(dir, "s1.lmp", [])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: s1))
        let truncated = dir.path + "/truncated.lmp"
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: truncated))
        var r = try CLI.run(["merge", truncated])
        #expect(r.status == 2 && r.stderr.contains("truncated.lmp") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        bytes[0] = 0x41
        let badMagic = dir.path + "/magic.lmp"
        try bytes.write(to: URL(fileURLWithPath: badMagic))
        r = try CLI.run(["merge", badMagic])
        #expect(r.status == 2 && r.stderr.contains("bad magic"), "\(r.stderr)")
    }

    @Test func aTinyMemoryBudgetStillGivesTheExactGridByStreaming() throws {
        let exact = Self.grid(try CLI.json(["compute", Self.a, Self.b]))
        let r = try CLI.run(["compute", Self.a, Self.b, "--memory", "1M", "--estimator", "exact", "--block-rows", "50", "--timings"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("plan: streaming"), "\(r.stderr)")
        let streamed = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any])["values"] as! [[Double]]
        for (s, e) in zip(streamed.joined(), exact.joined()) { #expect(abs(s - e) <= 1e-6) }
    }
}
