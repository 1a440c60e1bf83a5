import Foundation
import Similarity

/// Computed grids kept on disk, so opening the same models again shows the grid at once.
///
/// A grid is keyed by the *content* of its inputs — every row and column layer's fingerprint
/// (which covers the data, shape, dtype and reduce policy; see `Layer.fingerprint()`) — plus the
/// metric and every metric option. Renaming or moving files keeps the cache; changing one byte
/// of data, the reduce policy or `--rbf-fraction` misses it. One JSON file per grid, written
/// atomically, under `$LAYERMAP_CACHE_DIR`, else `$XDG_CACHE_HOME/layermap`, else
/// `~/.cache/layermap`. A cache file that cannot be read is ignored (and overwritten later).
public struct ResultCache: Sendable {
    /// The directory holding the cache files.
    public let directory: String

    /// Bumped whenever a stored value could change meaning.
    static let formatVersion = 1

    public init(directory: String) {
        self.directory = directory
    }

    /// The default cache location from the environment, as documented on the type.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = environment["LAYERMAP_CACHE_DIR"], !d.isEmpty { return d }
        if let x = environment["XDG_CACHE_HOME"], !x.isEmpty { return x + "/layermap" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSTemporaryDirectory()
        return home + "/.cache/layermap"
    }

    /// The identity of one grid: its inputs' fingerprints, the metric and its options.
    public struct GridIdentity: Sendable, Hashable {
        public var metric: Metric
        public var options: MetricOptions
        public var rowFingerprints: [String]
        public var colFingerprints: [String]

        public init(metric: Metric, options: MetricOptions, rowFingerprints: [String], colFingerprints: [String]) {
            self.metric = metric
            self.options = options
            self.rowFingerprints = rowFingerprints
            self.colFingerprints = colFingerprints
        }

        /// The file name: a digest of everything above.
        var fileName: String {
            var h = FNV1a64()
            h.combine(Array("layermap-grid-v\(ResultCache.formatVersion)".utf8))
            h.combine(Array(metric.rawValue.utf8))
            h.combine(Array("\(options.rbfFraction.bitPattern) \(options.knnK) \(options.svccaVarianceKept.bitPattern)".utf8))
            h.combine(Array(options.cacheKeySuffix.utf8))
            for f in rowFingerprints { h.combine(Array(f.utf8)) }
            h.combine(Array("|".utf8))
            for f in colFingerprints { h.combine(Array(f.utf8)) }
            return "grid-\(h.hexDigest).json"
        }
    }

    /// The cells stored for `identity`, by position; empty when nothing is cached.
    public func load(_ identity: GridIdentity) -> [GridPosition: PairOutcome] {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(identity.fileName)
        guard let data = try? RegularFile.read(path: url.path, limit: 1 << 30) else { return [:] }
        return Self.cells(from: data, identity: identity)
    }

    /// The cells a cache file's bytes hold for `identity`; empty when the bytes are not a
    /// cache file of that grid, or hold a value the metric cannot produce.
    public static func cells(from data: Data, identity: GridIdentity) -> [GridPosition: PairOutcome] {
        guard let file = try? JSONDecoder().decode(StoredGrid.self, from: data),
              file.version == Self.formatVersion, file.metric == identity.metric.rawValue,
              file.rows == identity.rowFingerprints, file.cols == identity.colFingerprints
        else { return [:] }
        var out: [GridPosition: PairOutcome] = [:]
        for c in file.cells where c.row >= 0 && c.row < file.rows.count && c.col >= 0 && c.col < file.cols.count {
            let value: CellValue
            if let v = c.value, v.isFinite {
                // A value the metric cannot produce means the file is not ours: ignore all of it.
                guard Self.plausible(v, for: identity.metric) else { return [:] }
                value = .value(v)
            } else { value = .undefined(reason: c.reason ?? "undefined") }
            out[GridPosition(row: c.row, col: c.col)] = PairOutcome(value: value, extras: c.extras ?? [:])
        }
        return out
    }

    /// Stores `cells` for `identity`, merged with what is already stored, atomically.
    public func store(_ cells: [GridPosition: PairOutcome], for identity: GridIdentity) throws {
        guard !cells.isEmpty else { return }
        var merged = load(identity)
        for (k, v) in cells { merged[k] = v }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stored = StoredGrid(
            version: Self.formatVersion, metric: identity.metric.rawValue,
            rows: identity.rowFingerprints, cols: identity.colFingerprints,
            cells: merged.sorted { ($0.key.row, $0.key.col) < ($1.key.row, $1.key.col) }.map { k, o in
                StoredCell(row: k.row, col: k.col, value: o.value.number, reason: o.value.reason,
                           extras: o.extras.isEmpty ? nil : o.extras)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let path = URL(fileURLWithPath: directory).appendingPathComponent(identity.fileName).path
        try AtomicWriter.write(try encoder.encode(stored), to: path)
    }

    /// Whether `v` lies in the range `metric` can produce (with 1e-6 of rounding slack):
    /// [0, 1] for the similarities, [−1, 1] for debiased CKA, [0, 2] for the polynomial and
    /// Gaussian MMD² of unit neurons, [0, 4] for the linear one.
    static func plausible(_ v: Double, for metric: Metric) -> Bool {
        let range: ClosedRange<Double>
        switch metric {
        case .debiasedCKA: range = -1...1
        case .mmdPoly, .mmdGauss: range = 0...2
        case .mmdLinear: range = 0...4
        case .nstPoly, .nstGauss: range = 0...2
        case .nstLinear: range = 0...4
        // A relative accuracy: at most 1/acc_B ≤ N (B classifies at least one sample).
        case .stitch: range = 0...1e9
        case .linearCKA, .rbfCKA, .ccaRho, .ccaR2, .svcca, .pwcca, .procrustes, .regression, .knn, .matchedCorr,
             .maxCorr, .regressionRank, .regressionL1:
            range = 0...1
        }
        return v >= range.lowerBound - 1e-6 && v <= range.upperBound + 1e-6
    }

    struct StoredGrid: Codable {
        var version: Int
        var metric: String
        var rows: [String]
        var cols: [String]
        var cells: [StoredCell]
    }

    struct StoredCell: Codable {
        var row: Int
        var col: Int
        var value: Double?
        var reason: String?
        var extras: [String: Double]?
    }
}
