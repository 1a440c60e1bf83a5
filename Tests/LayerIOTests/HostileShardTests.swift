import Foundation
import Testing
@testable import LayerIO
import Similarity

/// Forged and damaged shard files (issue 11): each gives one `ReadError`, never a trap.
/// The forgeries are written with `PartialFile.data`, so they carry a valid checksum and reach
/// the count checks behind it.
@Suite struct HostileShardTests {
    /// A valid exact shard of a 2×1 grid (rows a0, a1 of width 2 and 3; column b0 of width 1).
    static func exact(_ edit: (inout PartialFile.Header) -> Void = { _ in },
                      sums: (inout LinearSums) -> Void = { _ in }) -> Data {
        var h = PartialFile.Header(estimator: "exact", batchSize: nil, totalSamples: 10, start: 0, end: 10,
                                   metric: "linear-cka", reduce: "flatten", rbfFraction: 0.5, rowModel: "a", colModel: "b",
                                   rows: ["a0", "a1"], cols: ["b0"], same: false, widths: [2, 3, 1],
                                   pairs: StreamingLinearGrid.pairs(rowCount: 2, colCount: 1, same: false).map { [$0.0, $0.1] })
        edit(&h)
        let widths = [2, 3, 1]
        var s = LinearSums(sampleCount: 10,
                           layers: widths.map { LinearSums.Layer(width: $0, shift: .init(repeating: 0, count: $0),
                                                                 sum: .init(repeating: 1, count: $0), sumSquares: 4) },
                           pairs: StreamingLinearGrid.pairs(rowCount: 2, colCount: 1, same: false).map { p in
                               LinearSums.Pair(x: p.0, y: p.1, cross: .init(repeating: 1, count: widths[p.0] * widths[p.1]),
                                               normProducts: 2, normWeightedY: .init(repeating: 1, count: widths[p.1]),
                                               normWeightedX: .init(repeating: 1, count: widths[p.0]))
                           })
        sums(&s)
        return try! PartialFile.data(header: h, sums: .exact(s))
    }

    static func minibatch(batches: Int = 2, samples: Int = 10, bad: Int = 0, hsic: Double = 1) -> Data {
        let pairs = StreamingLinearGrid.pairs(rowCount: 1, colCount: 1, same: false)
        let h = PartialFile.Header(estimator: "minibatch", batchSize: 5, totalSamples: 10, start: 0, end: 10,
                                   metric: "linear-cka", reduce: "flatten", rbfFraction: 0.5, rowModel: "a", colModel: "b",
                                   rows: ["a0"], cols: ["b0"], same: false, widths: [2, 2], pairs: pairs.map { [$0.0, $0.1] })
        var s = MinibatchSums(batchSize: 5, batches: batches, sampleCount: samples, widths: [2, 2],
                              pairs: pairs.map { .init(x: $0.0, y: $0.1) }, hsic: pairs.map { _ in hsic })
        s.nonFinite = [bad, 0]
        return try! PartialFile.data(header: h, sums: .minibatch(s))
    }

    func refused(_ data: Data, _ needle: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try PartialFile.parse(data, path: "x.lmp")
            Issue.record("accepted; expected an error containing \"\(needle)\"", sourceLocation: sourceLocation)
        } catch {
            #expect(error.description.hasPrefix("x.lmp: ") && error.description.contains(needle)
                    && !error.description.contains("\n"), "\(error.description)", sourceLocation: sourceLocation)
        }
    }

    @Test func aValidShardReadsBack() throws {
        let (h, sums) = try PartialFile.parse(Self.exact(), path: "x.lmp")
        #expect(h.version == PartialFile.formatVersion && h.rows == ["a0", "a1"])
        guard case .exact(let s) = sums else { Issue.record("not exact"); return }
        #expect(s.pairs.count == 5 && s.layers.map(\.width) == [2, 3, 1])
        _ = try PartialFile.parse(Self.minibatch(), path: "x.lmp")
    }

    @Test func rowsOrColsLongerThanTheWidthsAreRefused() {
        refused(Self.exact { $0.rows.append("a2") }, "layer widths")
        refused(Self.exact { $0.cols.append("b1") }, "layer widths")
        // same = false with only the row widths.
        refused(Self.exact { $0.widths = [2, 3] }, "layer widths")
    }

    @Test func missingSelfPairsAndEmptyGridsAreRefused() {
        refused(Self.exact { $0.pairs.removeFirst() }, "self pair")
        refused(Self.exact { $0.rows = []; $0.widths = [1] }, "at least one layer")
    }

    @Test func aRelabelledMetricIsRefused() {
        refused(Self.exact { $0.metric = "rbf-cka" }, "rbf-cka")
        refused(Self.exact { $0.metric = "knn" }, "knn")
    }

    @Test func absurdSampleRangesAreRefused() {
        refused(Self.exact { $0.totalSamples = Int(Int64.max); $0.end = Int(Int64.max) }, "2^40")
        refused(Self.exact { $0.start = 5; $0.end = 3 }, "sample range")
    }

    @Test func counterAtInt64MaxIsRefused() {
        refused(Self.exact(sums: { $0.layers[0].nonFinite = Int(Int64.max) }), "NaN/Inf count")
        refused(Self.minibatch(bad: Int(Int64.max)), "NaN/Inf count")
        refused(Self.minibatch(batches: Int(Int64.max)), "batches")
        refused(Self.minibatch(samples: Int(Int64.max)), "samples")
    }

    @Test func oneFlippedBitAnywhereFailsTheChecksum() {
        let good = Self.exact()
        for offset in [12, 40, good.count / 2, good.count - 10, good.count - 1] {
            var bad = good
            bad[offset] ^= 0x10
            refused(bad, "checksum")
        }
        var payload = good
        payload[good.count - 20] ^= 0x01
        refused(payload, "checksum mismatch")
    }

    @Test func aVersionOneFileNamesItsVersion() {
        var old = Self.exact { $0.version = 1 }
        old[old.count - 1] ^= 0xff // v1 had no checksum: the trailing bytes are sums.
        refused(old, "format version 1")
    }

    @Test func countersThatOverflowWhenMergedAreRefused() {
        let layer = LinearSums.Layer(width: 1, shift: [0], sum: [0], sumSquares: 0, nonFinite: Int(Int64.max))
        let a = LinearSums(sampleCount: 4, layers: [layer], pairs: [])
        #expect(a.mergeProblem(with: a)?.contains("overflow") == true)
        var m = MinibatchSums(batchSize: 4, batches: Int(Int64.max), sampleCount: 4, widths: [1], pairs: [], hsic: [])
        m.nonFinite = [0]
        #expect(m.mergeProblem(with: m)?.contains("overflow") == true)
        m.batches = 1; m.sampleCount = Int(Int64.max)
        #expect(m.mergeProblem(with: m)?.contains("overflow") == true)
        m.sampleCount = 1; m.nonFinite = [Int(Int64.max)]
        #expect(m.mergeProblem(with: m)?.contains("overflow") == true)
    }

    @Test func anInfiniteMinibatchSumIsUndefinedNotZero() {
        let pairs = StreamingLinearGrid.pairs(rowCount: 1, colCount: 1, same: false).map { MinibatchSums.PairKey(x: $0.0, y: $0.1) }
        let s = MinibatchSums(batchSize: 4, batches: 1, sampleCount: 4, widths: [1, 1], pairs: pairs,
                              hsic: [Double.infinity, Double.infinity, Double.infinity])
        if case .undefined = s.value(x: 0, y: 1) {} else { Issue.record("an infinite HSIC sum gave \(s.value(x: 0, y: 1))") }
    }
}
