import Foundation
import Similarity

/// A shard's partial result: the additive sums of one slice of the samples, from which
/// `layermap merge` rebuilds the grid a single run over all samples would give.
///
/// Layout (all numbers little-endian):
///
///     "LMPARTIAL\n"          10 bytes, magic
///     header length          UInt64
///     header                 UTF-8 JSON (`Header`, with `version` = 3), at most 16 MiB
///     payload                exact:     per layer  shift (D × Float32), Σx̃ (D × Float64),
///                                                  Σ‖x̃‖² (Float64), NaN/Inf count (Int64);
///                                       per pair   X̃ᵀỸ (D_X·D_Y × Float64), Σa·e (Float64),
///                                                  Σa·ỹ (D_Y × Float64), Σe·x̃ (D_X × Float64)
///                            exact with `split` (regression's held-out halves): the exact
///                                       payload twice, for the shard's samples before the
///                                       split, then for those from the split on
///                            minibatch: batches (Int64), samples (Int64),
///                                       per pair ΣHSIC_u (Float64), per layer NaN/Inf count (Int64)
///     checksum               UInt32, CRC-32 (zip's polynomial) of every byte before it
///
/// Reading treats the file as hostile (see `PartialFile+Validation.swift`): the checksum is
/// verified first, then every count in the header is checked against every other (rows,
/// columns, widths, the exact pair list, the sample range) and the payload size is computed
/// with overflow checks and must match the file exactly before any sum is allocated; the
/// counters in the payload are checked against the sample range.
public enum PartialFile {
    static let magic = Array("LMPARTIAL\n".utf8)
    static let maxHeader = 16 << 20
    /// The format this build writes. Version 1 had no checksum; version 2 held linear and
    /// debiased CKA only (no `split`, `svccaVarianceKept`, `rankRtol`), and still reads.
    public static let formatVersion = 3
    /// The versions this build reads.
    public static let readableVersions: Set<Int> = [2, 3]

    /// What a partial file says about itself.
    public struct Header: Codable, Sendable, Equatable {
        public var version: Int
        /// "exact" or "minibatch".
        public var estimator: String
        /// The minibatch size (minibatch only).
        public var batchSize: Int?
        /// N of the whole data set.
        public var totalSamples: Int
        /// The slice summed: [start, end).
        public var start: Int
        public var end: Int
        public var metric: String
        public var reduce: String
        public var rbfFraction: Double
        public var rowModel: String
        public var colModel: String
        public var rows: [String]
        public var cols: [String]
        /// Rows and columns are the same layers (one triangle of pairs is summed).
        public var same: Bool
        /// Widths of the summed layers: rows, then columns unless `same`.
        public var widths: [Int]
        /// The pairs summed, as [x, y] indices into `widths`.
        public var pairs: [[Int]]
        /// The first sample of the held-out evaluation half (`regression`: N/2), when the
        /// sums are split in two parts (version 3).
        public var split: Int?
        /// SVCCA's variance kept and the CCA family's rank tolerance, for those metrics (version 3).
        public var svccaVarianceKept: Double?
        public var rankRtol: Double?

        public init(version: Int = PartialFile.formatVersion, estimator: String, batchSize: Int?, totalSamples: Int, start: Int, end: Int,
                    metric: String, reduce: String, rbfFraction: Double, rowModel: String, colModel: String,
                    rows: [String], cols: [String], same: Bool, widths: [Int], pairs: [[Int]],
                    split: Int? = nil, svccaVarianceKept: Double? = nil, rankRtol: Double? = nil) {
            self.split = split; self.svccaVarianceKept = svccaVarianceKept; self.rankRtol = rankRtol
            self.version = version; self.estimator = estimator; self.batchSize = batchSize
            self.totalSamples = totalSamples; self.start = start; self.end = end; self.metric = metric
            self.reduce = reduce; self.rbfFraction = rbfFraction; self.rowModel = rowModel; self.colModel = colModel
            self.rows = rows; self.cols = cols; self.same = same; self.widths = widths; self.pairs = pairs
        }

        /// Whether two shards can be merged: everything but the slice must agree.
        public func sameGrid(as other: Header) -> Bool {
            var a = self, b = other
            a.start = 0; a.end = 0; b.start = 0; b.end = 0
            return a == b
        }
    }

    /// The sums a partial file carries.
    public enum Sums: Sendable {
        case exact(LinearSums)
        /// Exact sums in two parts around `FeatureSums.split`.
        case halves(FeatureSums)
        case minibatch(MinibatchSums)
    }

    /// Why a partial file could not be read.
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let detail: String
        public var description: String { "\(path): \(detail)" }
    }

    // MARK: Writing

    public static func data(header: Header, sums: Sums) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)
        var out = Data(magic)
        append(UInt64(json.count), to: &out)
        out.append(json)
        func appendExact(_ s: LinearSums) {
            for l in s.layers {
                append(l.shift, to: &out)
                append(l.sum, to: &out)
                append(l.sumSquares.bitPattern, to: &out)
                append(UInt64(bitPattern: Int64(l.nonFinite)), to: &out)
            }
            for p in s.pairs {
                append(p.cross, to: &out)
                append(p.normProducts.bitPattern, to: &out)
                append(p.normWeightedY, to: &out)
                append(p.normWeightedX, to: &out)
            }
        }
        switch sums {
        case .exact(let s): appendExact(s)
        case .halves(let s): s.parts.forEach(appendExact)
        case .minibatch(let s):
            append(UInt64(bitPattern: Int64(s.batches)), to: &out)
            append(UInt64(bitPattern: Int64(s.sampleCount)), to: &out)
            append(s.hsic, to: &out)
            for k in s.widths.indices { append(UInt64(bitPattern: Int64(k < s.nonFinite.count ? s.nonFinite[k] : 0)), to: &out) }
        }
        append(CRC32Checksum.of(out), to: &out)
        return out
    }

    static func append<T: FixedWidthInteger>(_ v: T, to data: inout Data) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }

    /// Appends many values at once (the sums can be gigabytes): raw bytes on a little-endian
    /// machine, value by value otherwise.
    static func append(_ values: [Double], to data: inout Data) {
        if 1.littleEndian == 1 {
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        } else {
            for v in values { append(v.bitPattern, to: &data) }
        }
    }

    static func append(_ values: [Float], to data: inout Data) {
        if 1.littleEndian == 1 {
            values.withUnsafeBytes { data.append(contentsOf: $0) }
        } else {
            for v in values { append(v.bitPattern, to: &data) }
        }
    }

    // MARK: Reading

    public static func read(path: String) throws(ReadError) -> (header: Header, sums: Sums) {
        let data: Data
        do { data = try RegularFile.read(path: path) } catch { throw ReadError(path: path, detail: error.detail) }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) throws(ReadError) -> (header: Header, sums: Sums) {
        guard data.count >= magic.count + 8, Array(data.prefix(magic.count)) == magic else {
            throw ReadError(path: path, detail: "not a layermap partial result (bad magic)")
        }
        guard data.count >= magic.count + 8 + 4 else {
            throw ReadError(path: path, detail: "the file ends before its checksum (truncated?)")
        }
        let body = data.prefix(data.count - 4)
        let stored = data.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        if CRC32Checksum.of(body) != stored {
            // Say "old format" rather than "corrupt" when the header says so.
            if let v = try? versionOnly(data), !readableVersions.contains(v) {
                throw ReadError(path: path, detail: "format version \(v) is not supported (this layermap reads versions 2 and 3); compute the shard again")
            }
            throw ReadError(path: path, detail: "checksum mismatch: the file is corrupt or was changed after it was written")
        }
        var r = Reader(bytes: [UInt8](body), path: path)
        r.offset = magic.count
        let length = try r.uint64()
        guard length <= UInt64(maxHeader), let n = Int(exactly: length), n <= r.remaining else {
            throw ReadError(path: path, detail: "header length \(length) is too large for the file")
        }
        let json = Data(r.bytes[r.offset..<(r.offset + n)])
        r.offset += n
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: json) } catch {
            throw ReadError(path: path, detail: "malformed header: \(error)")
        }
        try validate(header, path: path)
        let expected = try payloadSize(header, path: path)
        guard expected == r.remaining else {
            throw ReadError(path: path, detail: "the header describes \(expected) bytes of sums but the file holds \(r.remaining)")
        }
        let sums: Sums
        switch header.estimator {
        case "exact":
            if let split = header.split {
                let fit = try readExact(&r, header, samples: max(0, min(split, header.end) - header.start))
                let evaluation = try readExact(&r, header, samples: max(0, header.end - max(split, header.start)))
                sums = .halves(FeatureSums(parts: [fit, evaluation], split: split))
            } else {
                sums = .exact(try readExact(&r, header, samples: header.end - header.start))
            }
        case "minibatch":
            guard let b = header.batchSize, b > 3 else { throw ReadError(path: path, detail: "minibatch file without a batch size") }
            let batches = try r.int64(), samples = try r.int64()
            let hsic = try r.doubles(header.pairs.count)
            try checkBatches(batches: batches, samples: samples, header: header, batchSize: b, path: path)
            var bad: [Int] = []
            for d in header.widths {
                let count = try r.int64()
                try checkCount(count, samples: samples, width: d, path: path)
                bad.append(count)
            }
            var s = MinibatchSums(batchSize: b, batches: batches, sampleCount: samples, widths: header.widths,
                                  pairs: header.pairs.map { MinibatchSums.PairKey(x: $0[0], y: $0[1]) }, hsic: hsic)
            s.nonFinite = bad
            sums = .minibatch(s)
        default:
            throw ReadError(path: path, detail: "unknown estimator \"\(header.estimator)\"")
        }
        guard r.remaining == 0 else {
            throw ReadError(path: path, detail: "\(r.remaining) bytes after the sums the header describes")
        }
        return (header, sums)
    }

    /// One part's exact sums, over `samples` samples.
    static func readExact(_ r: inout Reader, _ header: Header, samples: Int) throws(ReadError) -> LinearSums {
        let path = r.path
        var layers: [LinearSums.Layer] = []
        for d in header.widths {
            let shift = try r.floats(d)
            let sum = try r.doubles(d)
            let sq = try r.double()
            let bad = try r.int64()
            try checkCount(bad, samples: samples, width: d, path: path)
            layers.append(LinearSums.Layer(width: d, shift: shift, sum: sum, sumSquares: sq, nonFinite: bad))
        }
        var pairs: [LinearSums.Pair] = []
        for p in header.pairs {
            let dx = header.widths[p[0]], dy = header.widths[p[1]]
            let (cells, overflow) = dx.multipliedReportingOverflow(by: dy)
            guard !overflow else { throw ReadError(path: path, detail: "pair sizes overflow") }
            let cross = try r.doubles(cells)
            let ae = try r.double()
            let ay = try r.doubles(dy)
            let ex = try r.doubles(dx)
            pairs.append(LinearSums.Pair(x: p[0], y: p[1], cross: cross, normProducts: ae, normWeightedY: ay, normWeightedX: ex))
        }
        return LinearSums(sampleCount: samples, layers: layers, pairs: pairs)
    }

    /// A bounds-checked little-endian reader.
    struct Reader {
        let bytes: [UInt8]
        let path: String
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func take(_ n: Int) throws(ReadError) -> ArraySlice<UInt8> {
            guard n >= 0, n <= remaining else { throw ReadError(path: path, detail: "the file ends before its sums do (truncated?)") }
            defer { offset += n }
            return bytes[offset..<(offset + n)]
        }

        mutating func uint64() throws(ReadError) -> UInt64 {
            let s = try take(8)
            return s.reversed().reduce(0) { $0 << 8 | UInt64($1) }
        }

        mutating func uint32() throws(ReadError) -> UInt32 {
            let s = try take(4)
            return s.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func double() throws(ReadError) -> Double { Double(bitPattern: try uint64()) }
        mutating func int64() throws(ReadError) -> Int { Int(Int64(bitPattern: try uint64())) }

        mutating func doubles(_ n: Int) throws(ReadError) -> [Double] {
            guard n >= 0, n <= remaining / 8 else { throw ReadError(path: path, detail: "the file ends before its sums do (truncated?)") }
            let start = offset
            offset += n * 8
            return bytes.withUnsafeBytes { raw in
                (0..<n).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 8, as: UInt64.self))) }
            }
        }

        mutating func floats(_ n: Int) throws(ReadError) -> [Float] {
            guard n >= 0, n <= remaining / 4 else { throw ReadError(path: path, detail: "the file ends before its sums do (truncated?)") }
            let start = offset
            offset += n * 4
            return bytes.withUnsafeBytes { raw in
                (0..<n).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 4, as: UInt32.self))) }
            }
        }
    }
}
