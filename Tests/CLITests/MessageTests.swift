import Foundation
import Testing
import TestSupport

/// Messages say what is wrong with what the user gave, and never print "nan".
@Suite struct MessageTests {
    @Test func anUnknownMetricListsTheMetrics() throws {
        let r = try CLI.run(["compute", CLI.model("wide"), "--metric", "cka"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Please provide one of the following: linear-cka, rbf-cka, debiased-cka"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    /// A model of one sample: N×3 with N = 1 in two layers.
    static func oneSampleModel(_ dir: Scratch) throws -> String {
        let model = dir.path + "/m"
        try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
        for (name, values) in [("l1", [Float](repeating: 1, count: 3)), ("l2", [0, 1, 2] as [Float])] {
            var header = Array("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }".utf8)
            header += Array(repeating: UInt8(ascii: " "), count: (64 - (10 + header.count + 1) % 64) % 64) + [UInt8(ascii: "\n")]
            var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
            for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            try Data(bytes).write(to: URL(fileURLWithPath: model + "/\(name).npy"))
        }
        return model
    }

    @Test func aOneSampleModelIsToldWithoutMentioningSamplesItNeverGot() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let m = try Self.oneSampleModel(dir)
        let r = try CLI.run(["compute", m])
        #expect(r.status == 2)
        #expect(r.stderr.contains("the models hold 1 sample; a grid needs at least 2"), "\(r.stderr)")
        #expect(!r.stderr.contains("--samples"))
    }

    @Test func pairOnOneSamplePrintsNoNaN() throws {
        let dir = try Scratch()
        defer { dir.remove() }
        let m = try Self.oneSampleModel(dir)
        let r = try CLI.run(["pair", m, "l1", m, "l2"])
        #expect(!r.stdout.lowercased().contains("nan"), "\(r.stdout)")
        #expect(r.stdout.contains("CKA needs at least 2 samples, have 1"))
    }
}

/// Seed-baseline groups too small to reach p ≤ 0.05 are reported before anything is computed.
@Suite struct BaselineGroupSizeTests {
    @Test func threePlusThreeSaysNoCellCanBeSignificant() throws {
        let a = ["tanh-s0", "tanh-s1", "tanh-s2"].map(CLI.model).joined(separator: ",")
        let b = ["relu-s0", "relu-s1", "relu-s2"].map(CLI.model).joined(separator: ",")
        let r = try CLI.run(["baseline", "--group", "a=" + a, "--group", "b=" + b, "--metric", "linear-cka"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("groups of 3 and 3 models allow p ≥ 0.1 at best, so no layer pair can reach p ≤ 0.05"), "\(r.stderr)")
    }

    @Test func fourPlusFourSaysNothing() throws {
        let a = ["tanh-s0", "tanh-s1", "tanh-s2", "tanh-s3"].map(CLI.model).joined(separator: ",")
        let b = ["relu-s0", "relu-s1", "relu-s2", "relu-s3"].map(CLI.model).joined(separator: ",")
        let r = try CLI.run(["baseline", "--group", "a=" + a, "--group", "b=" + b])
        #expect(r.status == 0 && !r.stderr.contains("at best"), "\(r.stderr)")
    }
}
