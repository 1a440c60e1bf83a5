import Foundation
import LayerIO
import Similarity

/// One fuzz input through one reader, the way layermap uses it: open, then read every layer
/// (so header parsing, offsets, CRCs, inflation and the row reader all run). Any error is
/// fine; a trap, an ASan report, a leak or a hang is a finding.
///
/// File readers get the input as a file in a private scratch directory (the readers map files).
enum FuzzReaders {
    static let scratch: String = {
        let base = ProcessInfo.processInfo.environment["LAYERMAP_FUZZ_SCRATCH"]
            ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let dir = base + "/layermap-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir + "/m", withIntermediateDirectories: true)
        return dir
    }()

    /// Deflated members may inflate to 64 MiB at most here, so a bomb costs nothing.
    static let inflation = InflationLimit(maxBytes: 64 << 20, maxRatio: 100)

    static func run(_ target: Int32, _ data: Data) {
        switch target {
        case 0: openAndRead(data, file: "m/l.npy", location: "m", format: .npyDirectory)
        case 1: openAndRead(data, file: "x.npz", location: "x.npz", format: .npz)
        case 2: openAndRead(data, file: "x.safetensors", location: "x.safetensors", format: .safetensors)
        case 3: shard(data)
        case 5: openAndRead(data, file: "x.pt", location: "x.pt", format: .torch)
        default: cache(data)
        }
    }

    static func openAndRead(_ data: Data, file: String, location: String, format: ModelFormat) {
        let path = scratch + "/" + file
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { unlink(path) }
        // Both reduce policies: the mean path has its own strides.
        let reduce: ReducePolicy = data.count % 2 == 0 ? .flatten : .mean
        guard let model = try? Model.open(ModelLocation(name: "f", path: scratch + "/" + location, format: format),
                                          reduce: reduce, inflation: inflation) else { return }
        for layer in model.layers {
            _ = try? layer.verifyData()
            _ = try? layer.readAll()
            _ = try? layer.countNonFinite(rows: 0..<layer.sampleCount)
        }
    }

    /// A shard: parse; when it parses, merge it with itself and compute the grid from the sums.
    static func shard(_ data: Data) {
        guard let (h, sums) = try? PartialFile.parse(data, path: "x.lmp") else { return }
        switch sums {
        case .exact(var s):
            if s.mergeProblem(with: s) == nil { s.merge(s) }
            _ = StreamingLinearGrid.outcomes(s, rowCount: h.rows.count, colCount: h.cols.count, same: h.same, metric: .linearCKA)
            if let m = Metric(name: h.metric), FeatureSumsMeasure.metrics.contains(m) {
                _ = StreamingFeatureGrid.outcomes(FeatureSums(parts: [s], split: nil), rowCount: h.rows.count,
                                                  colCount: h.cols.count, same: h.same, metric: m, options: MetricOptions())
            }
        case .halves(var s):
            if s.mergeProblem(with: s) == nil { s.merge(s) }
            _ = StreamingFeatureGrid.outcomes(s, rowCount: h.rows.count, colCount: h.cols.count, same: h.same,
                                              metric: .regression, options: MetricOptions())
        case .minibatch(var s):
            if s.mergeProblem(with: s) == nil { s.merge(s) }
            _ = StreamingLinearGrid.outcomes(s, rowCount: h.rows.count, colCount: h.cols.count, same: h.same)
        }
    }

    /// A cache file, for the grid it names itself (so the cell checks run).
    static func cache(_ data: Data) {
        var metric = Metric.linearCKA
        var rows: [String] = [], cols: [String] = []
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            metric = (object["metric"] as? String).flatMap(Metric.init(name:)) ?? metric
            rows = object["rows"] as? [String] ?? []
            cols = object["cols"] as? [String] ?? []
        }
        let id = ResultCache.GridIdentity(metric: metric, options: MetricOptions(), rowFingerprints: rows, colFingerprints: cols)
        _ = ResultCache.cells(from: data, identity: id)
    }
}

@_cdecl("lm_fuzz_one")
public func lm_fuzz_one(_ target: Int32, _ bytes: UnsafePointer<UInt8>?, _ size: Int) {
    let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
    FuzzReaders.run(target, data)
}
