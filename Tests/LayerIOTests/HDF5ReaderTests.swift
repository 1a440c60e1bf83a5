import Foundation
import Testing
@testable import LayerIO
import Similarity

/// .h5 files written by h5py (Fixtures/make_hdf5_fixtures.py). The script saves every float
/// dataset of hdf5/NAME.h5 also as hdf5/NAME/DATASET.npy with numpy, so the expected values are
/// numpy's, read through the .npy reader.
@Suite("HDF5 .h5 reader")
struct HDF5ReaderTests {
    /// The model of a fixture .h5 file, from its root group or `group`.
    static func open(_ relative: String, group: String? = nil, reduce: ReducePolicy = .flatten) throws -> Model {
        let locations = try ModelSpec(path: Fixtures.path(relative)).resolve()
        try #require(locations.count == 1)
        return try Model.open(locations[0], reduce: reduce, group: group)
    }

    /// Every layer of `model` equals, bit for bit, `hdf5/STEM/PREFIX/NAME.npy`.
    static func expectNumpyValues(_ model: Model, stem: String, prefix: String = "",
                                  reduce: ReducePolicy = .flatten, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for layer in model.layers {
            let npy = try openNpy(Fixtures.path("hdf5/\(stem)/\(prefix)\(layer.name).npy"), reduce: reduce)
            #expect(layer.originalShape == npy.originalShape, "\(layer.name)", sourceLocation: sourceLocation)
            #expect(layer.width == npy.width, "\(layer.name)", sourceLocation: sourceLocation)
            #expect(try layer.readAll().storage.map(\.bitPattern) == npy.readAll().storage.map(\.bitPattern),
                    "\(layer.name)", sourceLocation: sourceLocation)
        }
    }

    @Test("root datasets in natural name order; the sub-group is not a layer; values equal numpy's")
    func naturalOrder() throws {
        let model = try Self.open("hdf5/natural.h5")
        #expect(model.format == .hdf5)
        #expect(model.order == .naturalNames)
        #expect(model.layers.map(\.name) == ["layer1", "layer2", "layer10"])
        #expect(model.layers.map(\.originalShape) == [[12], [12, 3, 2], [12, 4]])
        #expect(model.layers.map(\.dtype) == ["float32", "float32", "float32"])
        try Self.expectNumpyValues(model, stem: "natural")
        try Self.expectNumpyValues(try Self.open("hdf5/natural.h5", reduce: .mean), stem: "natural", reduce: .mean)
    }

    @Test("a group that tracks creation order gives creation order, not name order")
    func creationOrder() throws {
        let model = try Self.open("hdf5/tracked.h5")
        #expect(model.order == .created)
        #expect(model.order.description == "creation order")
        #expect(model.layers.map(\.name) == ["z_first", "a_second", "m_third"])
        try Self.expectNumpyValues(model, stem: "tracked")
    }

    @Test("chunked, gzip (and shuffle) datasets; float16, float64 and big-endian floats")
    func chunkedAndCompressed() throws {
        let model = try Self.open("hdf5/chunked.h5")
        #expect(model.layers.map(\.name) == ["big_endian", "big_endian64", "conv", "half", "wide"])
        #expect(model.layers.map(\.dtype) == ["float32", "float64", "float32", "float16", "float64"])
        #expect(model.layers.map(\.originalShape) == [[12, 4], [12, 3], [12, 8, 3], [12, 6], [12, 7]])
        try Self.expectNumpyValues(model, stem: "chunked")
        let mean = try Self.open("hdf5/chunked.h5", reduce: .mean)
        // A 3-D layer is N×T×D: `mean` pools axis 1 (the tokens), leaving D = 3.
        #expect(mean.layers.first { $0.name == "conv" }?.width == 3)
        try Self.expectNumpyValues(mean, stem: "chunked", reduce: .mean)
    }

    @Test("layers read concurrently equal layers read one at a time")
    func concurrentReads() throws {
        let model = try Self.open("hdf5/chunked.h5")
        let again = try Self.open("hdf5/chunked.h5")
        let parallel = Parallel.map(model.layers.count) { k in try? model.layers[k].readAll().storage }
        for (k, layer) in again.layers.enumerated() {
            #expect(parallel[k] == (try layer.readAll().storage), "\(layer.name)")
        }
    }

    @Test("a group chosen by path: leading and trailing slashes do not matter; nested groups")
    func chosenGroup() throws {
        let enc = try Self.open("hdf5/grouped.h5", group: "enc")
        #expect(enc.layers.map(\.name) == ["b2", "b10"])
        try Self.expectNumpyValues(enc, stem: "grouped", prefix: "enc/")
        for spelling in ["dec/inner", "/dec/inner/", "dec//inner"] {
            let inner = try Self.open("hdf5/grouped.h5", group: spelling)
            #expect(inner.layers.map(\.name) == ["x", "y"], "\(spelling)")
            try Self.expectNumpyValues(inner, stem: "grouped", prefix: "dec/inner/")
        }
        let catalog = try Catalog.open([Fixtures.path("hdf5/grouped.h5")], group: "enc")
        #expect(catalog.models[0].layers.map(\.name) == ["b2", "b10"])
    }

    @Test("a group without datasets lists its groups; a missing group is named")
    func groupErrors() throws {
        let path = Fixtures.path("hdf5/grouped.h5")
        expectLayerIOError("emptyModel", naming: path) { _ = try Self.open("hdf5/grouped.h5") }
        do {
            _ = try Self.open("hdf5/grouped.h5")
        } catch let error as LayerIOError {
            #expect(error.detail == "the root group holds no datasets; its groups: dec, enc (choose one with --hdf5-group)")
        }
        expectLayerIOError("badModelSpec", naming: path) { _ = try Self.open("hdf5/grouped.h5", group: "nope") }
        // A dataset is not a group.
        expectLayerIOError("badModelSpec", naming: path) { _ = try Self.open("hdf5/grouped.h5", group: "enc/b2") }
        // Only datasets in groups: "dec" holds the group "inner" and nothing else.
        expectLayerIOError("emptyModel", naming: path) { _ = try Self.open("hdf5/grouped.h5", group: "dec") }
    }

    @Test("integer, string, compound, scalar, external and virtual datasets are refused, naming the file and dataset",
          arguments: [("ints.h5", "unsupportedDType", "labels", "the dataset holds integers"),
                      ("strings.h5", "unsupportedDType", "names", "the dataset holds strings"),
                      ("compound.h5", "unsupportedDType", "records", "the dataset holds a compound (record) type"),
                      ("scalar.h5", "badLayerShape", "loss", "the dataset is a scalar or empty"),
                      ("external.h5", "unsupportedDType", "outside", "the dataset's values are stored in other files"),
                      ("virtual.h5", "unsupportedDType", "mapped", "the dataset's values are stored in other files")])
    func refusals(_ file: String, _ kind: String, _ dataset: String, _ words: String) throws {
        let path = Fixtures.path("hdf5/hostile/" + file)
        expectLayerIOError(kind, naming: path) { _ = try Self.open("hdf5/hostile/" + file) }
        do {
            _ = try Self.open("hdf5/hostile/" + file)
        } catch let error as LayerIOError {
            #expect(error.layer == dataset)
            #expect(error.detail.hasPrefix(words), "\(error)")
        }
    }

    @Test("files that are not HDF5, or are cut short, fail at open with one line",
          arguments: [("empty.h5", "badMagic"), ("random.h5", "badMagic"), ("text.h5", "badMagic"),
                      ("truncated.h5", "malformedHeader"), ("header_only.h5", "malformedHeader"),
                      ("signature_only.h5", "malformedHeader")])
    func hostileFiles(_ file: String, _ kind: String) throws {
        expectLayerIOError(kind, naming: file) { _ = try Self.open("hdf5/hostile/" + file) }
    }

    @Test("a FIFO or a directory named .h5 is refused without blocking")
    func notRegularFiles() throws {
        try withTemporaryDirectory { dir in
            let fifo = dir.path + "/pipe.h5"
            #expect(mkfifo(fifo, 0o600) == 0)
            expectLayerIOError("unreadableFile", naming: fifo) {
                _ = try Model.open(ModelLocation(name: "p", path: fifo, format: .hdf5), reduce: .flatten)
            }
            let folder = dir.path + "/folder.h5"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            expectLayerIOError("unreadableFile", naming: folder) {
                _ = try Model.open(ModelLocation(name: "f", path: folder, format: .hdf5), reduce: .flatten)
            }
        }
    }

    @Test("a corrupt compressed chunk opens (headers only) and fails on the first read, naming the dataset")
    func corruptChunk() throws {
        let model = try Self.open("hdf5/hostile/corrupt_chunk.h5")
        #expect(model.layers.map(\.name) == ["x"])
        do {
            _ = try model.layers[0].readAll()
            Issue.record("the corrupt chunk was read")
        } catch let error as LayerIOError {
            #expect(error.description.contains("corrupt_chunk.h5") && error.description.contains("dataset \"/x\""), "\(error)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("every truncation of an h5py file gives an error or the right values, never a crash")
    func everyTruncation() throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("hdf5/natural.h5"))))
        let expected = try Self.open("hdf5/natural.h5").layers.map { try $0.readAll().storage }
        try withTemporaryDirectory { dir in
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
                let path = try dir.write("cut.h5", Array(bytes[..<cut]))
                do {
                    let model = try Model.open(ModelLocation(name: "cut", path: path, format: .hdf5), reduce: .flatten)
                    #expect(try model.layers.map { try $0.readAll().storage } == expected, "cut at \(cut)")
                } catch is LayerIOError {
                    // The expected outcome for a file cut short.
                }
            }
        }
    }

    @Test("single corrupted bytes anywhere in an h5py file give an error or values, never a crash",
          arguments: ["chunked.h5", "tracked.h5"])
    func corruptedBytes(_ file: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("hdf5/" + file))))
        var state: UInt64 = 15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        try withTemporaryDirectory { dir in
            for _ in 0..<300 {
                var copy = bytes
                let at = next() % copy.count
                copy[at] ^= UInt8(1 + next() % 255)
                let path = try dir.write("flipped.h5", copy)
                do {
                    let model = try Model.open(ModelLocation(name: "f", path: path, format: .hdf5), reduce: .flatten)
                    for layer in model.layers { _ = try? layer.readAll() }
                } catch is LayerIOError {
                    // Refusing a corrupt file is the expected outcome.
                }
            }
        }
    }

    @Test("a dataset larger than the memory budget is refused on read, naming the dataset")
    func memoryBudget() throws {
        let location = ModelLocation(name: "c", path: Fixtures.path("hdf5/chunked.h5"), format: .hdf5)
        let model = try Model.open(location, reduce: .flatten, inflation: InflationLimit(maxBytes: 1000))
        let conv = try #require(model.layers.first { $0.name == "conv" })  // 12×8×3 float32: 1152 bytes
        do {
            _ = try conv.readAll()
            Issue.record("a 1152-byte dataset was read under a 1000-byte budget")
        } catch let error as LayerIOError {
            #expect(error.description.contains("dataset \"/conv\": the dataset holds 1152 bytes, more than the memory budget of 1000"), "\(error)")
        }
        #expect(try model.layers.first { $0.name == "half" }?.readAll().rows == 12)  // 144 bytes fit
    }
}
