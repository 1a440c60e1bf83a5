import Foundation
import Testing

/// A layer holding NaN or ±Inf is named on stderr with its count by every headless command
/// that computes cells, whatever the metric and its fast path, and its cells are null.
@Suite struct NonFiniteWarningTests {
    /// A model directory: `clean.npy` and `dirty.npy` (one NaN, in sample 1), both 4000×3
    /// float32: enough samples that a small --memory sends the exact estimator to streaming.
    static func model(in dir: Scratch) throws -> String {
        let path = dir.path + "/m"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, nan) in [("clean", false), ("dirty", true)] {
            let offset = nan ? 3 : 0
            var values: [Float] = (0..<12_000).map { (k: Int) -> Float in Float((k * 7 + k / 5 + offset) % 11) }
            if nan { values[5] = Float.nan }
            var bytes = BadInputTests.npyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (4000, 3), }")
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            try Data(bytes).write(to: URL(fileURLWithPath: path + "/\(name).npy"))
        }
        return path
    }

    @Test(arguments: [["compute"], ["compute", "--metric", "debiased-cka"], ["compute", "--metric", "rbf-cka"],
                      ["compute", "--metric", "procrustes"],
                      ["compute", "--estimator", "exact", "--memory", "192K"],  // streamed (blocks are widened to double: 12 bytes a value)
                      ["compute", "--estimator", "minibatch", "--batch-size", "1000"]])
    func computeNamesTheLayerAndCount(_ command: [String]) throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let model = try Self.model(in: dir)
        let r = try CLI.run(command + [model])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("dirty.npy: layer \"dirty\" of model \"m\" holds 1 NaN or infinite value"), "\(r.stderr)")
        #expect(!r.stderr.contains("\"clean\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let values = try #require(json["values"] as? [[Any]])
        #expect(values[1].allSatisfy { $0 is NSNull } && values[0][1] is NSNull)
        #expect(values[0][0] as? Double != nil)
    }

    @Test func aShardNamesTheLayerToo() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let r = try CLI.run(["compute", try Self.model(in: dir), "--samples", "0:2048", "--partial", dir.path + "/s.part"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("dirty.npy: layer \"dirty\" of model \"m\" holds 1 NaN or infinite value"), "\(r.stderr)")
    }

    /// A shard reads only its samples: the NaN sits in sample 1, so samples 4:8 are clean.
    @Test func aSliceWithoutTheValueIsClean() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let r = try CLI.run(["compute", try Self.model(in: dir), "--samples", "4:8"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let values = try #require(json["values"] as? [[Any]])
        #expect(values.joined().allSatisfy { $0 is Double })
    }
}
