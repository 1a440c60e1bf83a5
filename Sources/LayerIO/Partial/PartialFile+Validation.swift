import Foundation
import Similarity

/// The checks a shard file passes before any of its sums is allocated or added.
///
/// Every count is checked against every other: the header's rows, columns and `same` flag fix
/// how many widths there are and exactly which pairs were summed (`StreamingLinearGrid.pairs`);
/// the sample range fixes the NaN/Inf counters' ceiling and, for minibatch shards, the batch and
/// sample counters exactly. All arithmetic on sizes and counters is checked, so a hostile file
/// gets a one-line `ReadError`, never a trap.
extension PartialFile {
    /// The most samples a shard may claim: 2⁴⁰ (a layer of width 1 would already be 4 TiB).
    /// A larger N can only come from a damaged or forged header.
    public static let maxSamples = 1 << 40

    /// The `version` field of the header, read without checking anything else (to name an old
    /// format instead of reporting a checksum mismatch).
    static func versionOnly(_ data: Data) throws -> Int? {
        let bytes = [UInt8](data.prefix(magic.count + 8 + maxHeader))
        guard bytes.count >= magic.count + 8 else { return nil }
        let length = bytes[magic.count..<(magic.count + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length <= UInt64(maxHeader), Int(length) <= bytes.count - magic.count - 8 else { return nil }
        struct Version: Decodable { var version: Int }
        let json = Data(bytes[(magic.count + 8)..<(magic.count + 8 + Int(length))])
        return try JSONDecoder().decode(Version.self, from: json).version
    }

    /// Checks the header on its own: version, estimator, metric, sample range, layer counts and
    /// the exact pair list.
    static func validate(_ h: Header, path: String) throws(ReadError) {
        func fail(_ detail: String) -> ReadError { ReadError(path: path, detail: detail) }
        guard readableVersions.contains(h.version) else {
            throw fail("format version \(h.version) is not supported (this layermap reads versions 2 and 3)")
        }
        guard h.estimator == "exact" || h.estimator == "minibatch" else {
            throw fail("unknown estimator \"\(h.estimator)\"")
        }
        guard let metric = Metric(name: h.metric) else { throw fail("unknown metric \"\(h.metric)\"") }
        let cka = metric == .linearCKA || metric == .debiasedCKA
        guard cka || (h.version >= 3 && FeatureSumsMeasure.metrics.contains(metric) && h.estimator == "exact") else {
            throw fail("metric \"\(h.metric)\" cannot come from a\(h.version < 3 ? " version \(h.version)" : "n \(h.estimator)") shard (only \(h.version < 3 ? "linear-cka and debiased-cka" : "feature-space measures' exact sums") are summed there)")
        }
        guard h.totalSamples >= 2, h.totalSamples <= maxSamples else {
            throw fail("N = \(h.totalSamples) is outside 2…2^40")
        }
        guard h.start >= 0, h.end > h.start, h.end <= h.totalSamples else {
            throw fail("sample range \(h.start):\(h.end) is not inside 0:\(h.totalSamples)")
        }
        guard h.rbfFraction.isFinite else { throw fail("rbfFraction \(h.rbfFraction) is not finite") }
        let wantsSplit = FeatureSumsMeasure.needsHeldOut(metric)
        if let split = h.split {
            guard wantsSplit, split == FeatureSums.heldOutSplit(of: 0..<h.totalSamples) else {
                throw fail("the held-out split at sample \(split) is not \(h.metric)'s (N/2 = \(h.totalSamples / 2)\(wantsSplit ? "" : ", or none"))")
            }
        } else if wantsSplit {
            throw fail("a \(h.metric) shard needs its held-out split")
        }
        for v in [h.svccaVarianceKept, h.rankRtol].compactMap({ $0 }) where !v.isFinite {
            throw fail("an option value \(v) is not finite")
        }
        guard !h.rows.isEmpty, !h.cols.isEmpty else {
            throw fail("the grid has \(h.rows.count) rows and \(h.cols.count) columns; both need at least one layer")
        }
        if h.same {
            guard h.rows == h.cols, h.rowModel == h.colModel else {
                throw fail("the header says rows and columns are the same layers, but they differ")
            }
        }
        let layerCount = h.rows.count + (h.same ? 0 : h.cols.count)
        guard h.widths.count == layerCount else {
            throw fail("\(h.widths.count) layer widths for \(h.rows.count) rows and \(h.cols.count) columns (same = \(h.same)) needing \(layerCount)")
        }
        guard h.widths.allSatisfy({ $0 > 0 && $0 <= 1 << 24 }) else { throw fail("a layer width is out of range 1…2^24") }
        let expected = StreamingLinearGrid.pairs(rowCount: h.rows.count, colCount: h.cols.count, same: h.same).map { [$0.0, $0.1] }
        guard h.pairs == expected else {
            throw fail("the pairs listed (\(h.pairs.count)) are not the grid's \(expected.count) pairs with every layer's self pair")
        }
        switch h.estimator {
        case "minibatch":
            guard let b = h.batchSize, b > 3, b <= h.totalSamples else {
                throw fail("a minibatch shard needs a batch size in 4…N")
            }
        default:
            guard h.batchSize == nil else { throw fail("an exact shard has a batch size") }
        }
    }

    /// The payload bytes `h` describes, with overflow checks (after `validate`).
    static func payloadSize(_ h: Header, path: String) throws(ReadError) -> Int {
        var total = 0
        func add(_ terms: Int...) throws(ReadError) {
            for t in terms {
                let (s, o) = total.addingReportingOverflow(t)
                guard !o else { throw ReadError(path: path, detail: "the sums' size overflows") }
                total = s
            }
        }
        func times(_ a: Int, _ b: Int) throws(ReadError) -> Int {
            let (p, o) = a.multipliedReportingOverflow(by: b)
            guard !o else { throw ReadError(path: path, detail: "the sums' size overflows") }
            return p
        }
        if h.estimator == "exact" {
            for _ in 0..<(h.split == nil ? 1 : 2) {
                for d in h.widths { try add(try times(d, 4), try times(d, 8), 16) }
                for p in h.pairs {
                    let dx = h.widths[p[0]], dy = h.widths[p[1]]
                    try add(try times(try times(dx, dy), 8), 8, try times(dy, 8), try times(dx, 8))
                }
            }
        } else {
            try add(16, try times(h.pairs.count, 8), try times(h.widths.count, 8))
        }
        return total
    }

    /// A NaN/Inf counter must lie in 0…samples × width.
    static func checkCount(_ count: Int, samples: Int, width: Int, path: String) throws(ReadError) {
        let (most, o) = samples.multipliedReportingOverflow(by: width)
        guard count >= 0, o || count <= most else {
            throw ReadError(path: path, detail: "a NaN/Inf count of \(count) is outside 0…\(o ? Int.max : most) for \(samples) samples of width \(width)")
        }
    }

    /// A minibatch shard's counters must be exactly what its sample range gives: `samples` =
    /// end − start, and `batches` = the batches of more than 3 samples in that range.
    static func checkBatches(batches: Int, samples: Int, header h: Header, batchSize b: Int, path: String) throws(ReadError) {
        guard samples == h.end - h.start else {
            throw ReadError(path: path, detail: "the shard counts \(samples) samples but its range \(h.start):\(h.end) holds \(h.end - h.start)")
        }
        // Only the first and last batch can be cut short (b > 3, so every other one counts).
        let first = h.start / b, last = (h.end - 1) / b
        var expected: Int
        if first == last {
            expected = h.end - h.start > 3 ? 1 : 0
        } else {
            expected = last - first - 1
            if (first + 1) * b - h.start > 3 { expected += 1 }
            if h.end - last * b > 3 { expected += 1 }
        }
        guard batches == expected else {
            throw ReadError(path: path, detail: "the shard counts \(batches) batches but its range \(h.start):\(h.end) holds \(expected) of batch size \(b)")
        }
    }
}
