import Foundation
import Testing
@testable import LayerIO
import Similarity

/// Issue 11's hostile files for the readers: each case that crashed, hung or was accepted
/// silently now gives one `LayerIOError` naming the file and the layer.
@Suite struct HostileFileTests {
    static let header = "{'descr': '<f4', 'fortran_order': False, 'shape': (64, 256), }"
    static let data = float32Bytes((0..<(64 * 256)).map { Float($0 % 97) })

    @Test("a file truncated while mapped is an error, not SIGBUS")
    func truncatedWhileMapped() throws {
        try withTemporaryDirectory { dir in
            let path = try dir.write("l1.npy", npyBytes(header: Self.header, data: Self.data))
            let layer = try openNpy(path)
            #expect(try layer.readRows(0..<2).rows == 2)
            // Cut the file to its first page: the rows beyond it are no longer backed.
            #expect(truncate(path, 4096) == 0)
            expectLayerIOError("sizeMismatch", naming: path) { _ = try layer.readAll() }
            do { _ = try layer.readAll() } catch { #expect("\(error)".contains("truncated while it was being read")) }
        }
    }

    @Test("a FIFO named like a layer or a model is refused at once")
    func fifosAreRefused() throws {
        try withTemporaryDirectory { dir in
            let model = dir.path + "/m"
            try FileManager.default.createDirectory(atPath: model, withIntermediateDirectories: true)
            try Data(npyBytes(header: MalformedInputTests.goodHeader, data: MalformedInputTests.goodData))
                .write(to: URL(fileURLWithPath: model + "/l1.npy"))
            // O_NONBLOCK: without it each open below waits for a writer forever.
            let cases: [(String, String, ModelFormat)] = [(model, model + "/l2.npy", .npyDirectory),
                                                          (dir.path + "/x.npz", dir.path + "/x.npz", .npz),
                                                          (dir.path + "/x.safetensors", dir.path + "/x.safetensors", .safetensors)]
            for (location, fifo, format) in cases {
                #expect(mkfifo(fifo, 0o600) == 0)
                expectLayerIOError("unreadableFile", naming: fifo) {
                    _ = try Model.open(ModelLocation(name: "m", path: location, format: format), reduce: .flatten)
                }
            }
        }
    }

    @Test("a flipped data byte in a stored .npz member fails its CRC-32")
    func storedMemberCRC() throws {
        try withTemporaryDirectory { dir in
            let npy = npyBytes(header: MalformedInputTests.goodHeader, data: MalformedInputTests.goodData)
            var bytes = storedZip([("a.npy", npy), ("b.npy", npy)])
            let good = try dir.write("good.npz", bytes)
            #expect(try NpzFile.openLayers(path: good, modelName: "m", reduce: .flatten)[0].readAll().storage == (0..<12).map(Float.init))
            bytes[30 + 5 + npy.count - 3] ^= 0x01 // inside a's data
            let bad = try dir.write("flip.npz", bytes)
            let layers = try NpzFile.openLayers(path: bad, modelName: "m", reduce: .flatten)
            expectLayerIOError("unreadableZip", naming: bad) { _ = try layers[0].readAll() }
            do { _ = try layers[0].readAll() } catch { #expect("\(error)".contains("layer \"a\"") && "\(error)".contains("CRC-32")) }
            #expect(try layers[1].readAll().rows == 4)
        }
    }

    @Test("two .npz members of one name are refused")
    func duplicateNpzMembers() throws {
        try withTemporaryDirectory { dir in
            let npy = npyBytes(header: MalformedInputTests.goodHeader, data: MalformedInputTests.goodData)
            let path = try dir.write("dup.npz", storedZip([("l1.npy", npy), ("l1.npy", npy)]))
            expectLayerIOError("unreadableZip", naming: path) { _ = try NpzFile.openLayers(path: path, modelName: "m", reduce: .flatten) }
        }
    }

    @Test("a safetensors header listing a tensor twice is refused")
    func duplicateSafetensorsKeys() throws {
        try withTemporaryDirectory { dir in
            let json = #"{"w":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]},"\u0077":{"dtype":"F32","shape":[2,1],"data_offsets":[8,16]}}"#
            let bytes = le(UInt64(json.utf8.count)) + Array(json.utf8) + [UInt8](repeating: 0, count: 16)
            let path = try dir.write("dup.safetensors", bytes)
            expectLayerIOError("malformedHeader", naming: path) { _ = try SafetensorsFile.openLayers(path: path, modelName: "m", reduce: .flatten) }
            // Nested objects with the same keys are not top-level duplicates.
            let ok = #"{"a":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2,1],"data_offsets":[8,16]},"__metadata__":{"a":"1"}}"#
            let fine = try dir.write("ok.safetensors", le(UInt64(ok.utf8.count)) + Array(ok.utf8) + [UInt8](repeating: 0, count: 16))
            #expect(try SafetensorsFile.openLayers(path: fine, modelName: "m", reduce: .flatten).map(\.name) == ["a", "b"])
        }
    }

    @Test("a member declaring far more than it stores is refused before inflating")
    func inflationBounds() {
        let limit = InflationLimit(maxBytes: 3 << 30, maxRatio: 100)
        #expect(limit.problem(uncompressed: 2_000_000_000, compressed: 1_950_000)?.contains("--max-inflate-ratio") == true)
        #expect(limit.problem(uncompressed: 4_000_000_000, compressed: 3_900_000_000)?.contains("--memory") == true)
        #expect(limit.problem(uncompressed: 10 << 20, compressed: 1) == nil) // small members pass
        #expect(limit.problem(uncompressed: 500 << 20, compressed: 100 << 20) == nil)
    }

    @Test("a cache file with values the metric cannot produce is ignored")
    func cacheOutOfRange() throws {
        try withTemporaryDirectory { dir in
            let cache = ResultCache(directory: dir.path)
            let id = ResultCache.GridIdentity(metric: .linearCKA, options: MetricOptions(), rowFingerprints: ["r"], colFingerprints: ["c"])
            try cache.store([GridPosition(row: 0, col: 0): PairOutcome(value: .value(0.5))], for: id)
            #expect(cache.load(id)[GridPosition(row: 0, col: 0)]?.value == .value(0.5))
            let file = dir.path + "/" + id.fileName
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for bad in ["5.0", "-3.0", "1e308"] {
                try text.replacingOccurrences(of: "0.5", with: bad).write(toFile: file, atomically: true, encoding: .utf8)
                #expect(cache.load(id).isEmpty, "\(bad) was shown as cached")
            }
        }
    }
}
