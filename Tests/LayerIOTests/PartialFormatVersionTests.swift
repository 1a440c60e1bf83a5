import Foundation
import Testing
@testable import LayerIO
import Similarity

/// Partial format 3 (any feature-space measure, held-out halves) beside version 2 (linear and
/// debiased CKA), which still reads.
@Suite struct PartialFormatVersionTests {
    @Test func versionTwoCKAShardsStillRead() throws {
        let data = HostileShardTests.exact { $0.version = 2 }
        let (h, sums) = try PartialFile.parse(data, path: "old.lmp")
        #expect(h.version == 2 && h.split == nil)
        guard case .exact(let s) = sums else { Issue.record("not exact"); return }
        #expect(s.sampleCount == 10 && s.pairs.count == 5)
    }

    @Test func versionTwoCannotCarryOtherMeasures() {
        let data = HostileShardTests.exact { $0.version = 2; $0.metric = "cca-rho" }
        #expect(throws: PartialFile.ReadError.self) { try PartialFile.parse(data, path: "x.lmp") }
        let unknown = HostileShardTests.exact { $0.version = 1 }
        do { _ = try PartialFile.parse(unknown, path: "x.lmp"); Issue.record("version 1 accepted") } catch {
            #expect(error.description.contains("versions 2 and 3"), "\(error.description)")
        }
    }

    @Test func featureMeasuresShardsRead() throws {
        let (h, _) = try PartialFile.parse(HostileShardTests.exact { $0.metric = "procrustes" }, path: "x.lmp")
        #expect(h.version == PartialFile.formatVersion && h.metric == "procrustes")
    }

    /// A regression shard carries both halves: the parts' sample counts follow from the split.
    @Test func heldOutHalvesRoundTrip() throws {
        let base = try PartialFile.parse(HostileShardTests.exact(), path: "x.lmp")
        guard case .exact(let s) = base.sums else { Issue.record("not exact"); return }
        var h = base.header
        h.metric = "regression"
        h.split = 5
        h.start = 3
        h.end = 10
        var fit = s, evaluation = s
        fit.sampleCount = 2
        evaluation.sampleCount = 5
        let data = try PartialFile.data(header: h, sums: .halves(FeatureSums(parts: [fit, evaluation], split: 5)))
        let (h2, sums) = try PartialFile.parse(data, path: "x.lmp")
        #expect(h2 == h)
        guard case .halves(let f) = sums else { Issue.record("not halves"); return }
        #expect(f.parts.map(\.sampleCount) == [2, 5] && f.split == 5)
        // Without its split, or with one that is not N/2, a regression shard is refused.
        h.split = nil
        #expect(throws: PartialFile.ReadError.self) { try PartialFile.parse(try PartialFile.data(header: h, sums: .exact(s)), path: "x.lmp") }
        h.split = 4
        #expect(throws: PartialFile.ReadError.self) {
            try PartialFile.parse(try PartialFile.data(header: h, sums: .halves(FeatureSums(parts: [fit, evaluation], split: 4))), path: "x.lmp")
        }
    }
}
