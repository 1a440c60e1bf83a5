import Foundation
import Testing
@testable import LayerIO
import Similarity

/// .pt files written by torch.save (Fixtures/make_torch_fixtures.py, torch 1.13). The expected
/// values come from torch itself (`.contiguous().float()`), saved by numpy as expected_*.npz.
@Suite("torch .pt reader")
struct TorchReaderTests {
    /// The fixtures written by torch 1.13 and by torch 2.13 (whose archives add byteorder,
    /// .format_version, .storage_alignment and .data/serialization_id members).
    static let folders = ["torch", "torch2"]

    /// The layers of a fixture model by name.
    static func layers(_ relative: String, reduce: ReducePolicy = .flatten) throws -> [String: Layer] {
        Dictionary(uniqueKeysWithValues: try openModel(relative, reduce: reduce).layers.map { ($0.name, $0) })
    }

    /// Every layer of `relative` equals, bit for bit, the layer of that name in `expectedFile`.
    static func expectSameValues(_ relative: String, as expectedFile: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let model = try openModel(relative)
        let expected = try layers(expectedFile)
        #expect(Set(model.layers.map(\.name)) == Set(expected.keys), sourceLocation: sourceLocation)
        for layer in model.layers {
            let want = try #require(expected[layer.name], sourceLocation: sourceLocation)
            #expect(layer.originalShape == want.originalShape, "\(layer.name)", sourceLocation: sourceLocation)
            #expect(try layer.readAll().storage.map(\.bitPattern) == want.readAll().storage.map(\.bitPattern),
                    "\(layer.name)", sourceLocation: sourceLocation)
        }
    }

    @Test("an OrderedDict: layers in insertion order, not name order; float32, float64, float16, bfloat16", arguments: folders)
    func orderedDict(_ folder: String) throws {
        let model = try openModel(folder + "/ordered.pt")
        #expect(model.format == .torch)
        #expect(model.order == .saved)
        #expect(model.layers.map(\.name) == ["zeta", "alpha", "mid", "bf", "conv"])
        #expect(model.layers.map(\.dtype) == ["float32", "float64", "float16", "bfloat16", "float32"])
        #expect(model.layers.map(\.originalShape) == [[3, 3], [3, 2], [3, 5], [3, 4], [3, 4, 2, 5]])
        #expect(try model.layers[0].readAll().storage == grid(3, 3).storage)
        #expect(try model.layers[1].readAll().storage == grid(3, 2).storage)
        #expect(try model.layers[2].readAll().storage == grid(3, 5).storage)
        #expect(try model.layers[3].readAll().storage == grid(3, 4).storage)
        try Self.expectSameValues(folder + "/ordered.pt", as: folder + "/expected_ordered.npz")
    }

    @Test("a conv layer N×C×H×W is reduced like the same array in a .npy: flatten and mean", arguments: folders)
    func convReduce(_ folder: String) throws {
        let flat = try #require(try Self.layers(folder + "/ordered.pt")["conv"])
        #expect(flat.width == 40)
        #expect(try flat.readAll().storage == openNpy(Fixtures.path("conv/expected_flatten.npy")).readAll().storage)
        let mean = try #require(try Self.layers(folder + "/ordered.pt", reduce: .mean)["conv"])
        #expect(mean.width == 4)
        #expect(try mean.readAll().storage == openNpy(Fixtures.path("conv/expected_mean.npy")).readAll().storage)
    }

    @Test("pickle protocol 4 (frames, memoize, stack globals) reads the same", arguments: folders)
    func protocol4(_ folder: String) throws {
        let model = try openModel(folder + "/protocol4.pt")
        #expect(model.layers.map(\.name) == ["zeta", "alpha", "mid", "bf", "conv"])
        try Self.expectSameValues(folder + "/protocol4.pt", as: folder + "/expected_ordered.npz")
    }

    @Test("views: storage offset, transpose (Fortran order), strided slices, expand, permute", arguments: folders)
    func views(_ folder: String) throws {
        let model = try openModel(folder + "/views.pt")
        #expect(model.layers.map(\.name) == ["offset", "transposed", "cls", "columns", "expanded", "permuted", "everyother"])
        try Self.expectSameValues(folder + "/views.pt", as: folder + "/expected_views.npz")
        let byName = try Self.layers(folder + "/views.pt")
        #expect(byName["transposed"]?.isFortranOrder == true)
        #expect(byName["offset"]?.isFortranOrder == false)
        #expect(byName["permuted"]?.originalShape == [4, 5, 3])
        // A row slice of a strided view reads the same rows as the whole.
        let cls = try #require(byName["cls"])
        #expect(try cls.readRows(1..<3).storage == Array(cls.readAll().storage[5..<15]))
    }

    @Test("nested containers flatten with dotted names; int keys and tuples by index", arguments: folders)
    func nested(_ folder: String) throws {
        let model = try openModel(folder + "/nested.pt")
        #expect(model.layers.map(\.name) == ["block.conv", "block.fc.0", "block.fc.1", "head.0", "7"])
        try Self.expectSameValues(folder + "/nested.pt", as: folder + "/expected_nested.npz")
    }

    @Test("a list and a tuple of tensors: layers named by index", arguments: folders)
    func listsAndTuples(_ folder: String) throws {
        for file in [folder + "/list.pt", folder + "/tuple.pt"] {
            let model = try openModel(file)
            #expect(model.layers.map(\.name) == ["0", "1"])
            #expect(try model.layers[0].readAll().storage == grid(3, 2).storage)
            #expect(try model.layers[1].readAll().storage == grid(3, 3).storage)
        }
    }

    @Test("an nn.Parameter and a tensor that requires grad read as their values", arguments: folders)
    func parameters(_ folder: String) throws {
        let model = try openModel(folder + "/parameter.pt")
        #expect(model.layers.map(\.name) == ["weight", "grad_tensor"])
        for layer in model.layers { #expect(try layer.readAll().storage == grid(3, 4).storage) }
    }

    @Test("a state_dict (an OrderedDict whose _metadata attributes come by BUILD): its tensors in module order", arguments: folders)
    func stateDict(_ folder: String) throws {
        let model = try openModel(folder + "/state_dict.pt")
        #expect(model.layers.map(\.name) == ["0.weight", "0.bias", "1.weight", "1.bias"])
        #expect(model.layers.map(\.originalShape) == [[3, 4], [3], [3, 3], [3]])
        try Self.expectSameValues(folder + "/state_dict.pt", as: folder + "/expected_state_dict.npz")
    }

    @Test("one tensor under two names, and two views of one storage", arguments: folders)
    func sharedStorage(_ folder: String) throws {
        let byName = try Self.layers(folder + "/shared.pt")
        let whole = grid(4, 6).storage
        #expect(try byName["a"]?.readAll().storage == whole)
        #expect(try byName["b"]?.readAll().storage == whole)
        #expect(try byName["top"]?.readAll().storage == Array(whole[0..<12]))
        #expect(try byName["bottom"]?.readAll().storage == Array(whole[12..<24]))
    }

    @Test("float16 and bfloat16 convert exactly: subnormals, extremes, signed zeros, infinities", arguments: folders)
    func sixteenBitFloats(_ folder: String) throws {
        try Self.expectSameValues(folder + "/halfs.pt", as: folder + "/expected_halfs.npz")
        let half = try #require(try Self.layers(folder + "/halfs.pt")["half"]).readAll().storage
        #expect(half[1].bitPattern == (-0.0 as Float).bitPattern)
        #expect(half[5] == 65504 && half[7] == .infinity)
        #expect(half[2] > 0 && half[2] < 0x1p-14)  // a subnormal half
    }

    @Test("a small model's activations equal the same activations saved as .npz", arguments: folders)
    func activationsAgainstNpz(_ folder: String) throws {
        let pt = try openModel(folder + "/acts.pt")
        let npz = try openModel(folder + "/acts.npz")
        #expect(pt.layers.map(\.name) == npz.layers.map(\.name))
        #expect(pt.layers.map(\.name) == ["layer0", "layer1", "layer2", "layer3", "layer4", "layer5"])
        for (a, b) in zip(pt.layers, npz.layers) {
            #expect(a.originalShape == b.originalShape)
            #expect(try a.readAll().storage == b.readAll().storage)
            #expect(try a.fingerprint() == b.fingerprint())
        }
    }

    @Test("a data.pkl re-pickled by Python's pickle in torch's structure reads like torch's own")
    func repickled() throws {
        let model = try openModel("torch/hostile/repickled_ok.pt")
        #expect(model.layers.map(\.name) == ["x"])
        #expect(try model.layers[0].readAll().storage == grid(3, 2).storage)
    }

    @Test("torch 2's archives hold a byteorder member (\"little\") and .data/ members beside data/")
    func torch2Layout() throws {
        let archive = try TorchArchive(path: Fixtures.path("torch2/ordered.pt"))
        let names = try ZipDirectory(bytes: archive.file.bytes, path: archive.file.path).members.map(\.name)
        #expect(names.contains(archive.prefix + "/byteorder"))
        #expect(names.contains(archive.prefix + "/.data/serialization_id"))
        #expect(!archive.isBigEndian)
        #expect(archive.storages.keys.sorted() == ["0", "1", "2", "3", "4"])
        let old = try TorchArchive(path: Fixtures.path("torch/ordered.pt"))
        #expect(try !ZipDirectory(bytes: old.file.bytes, path: old.file.path).members.contains { $0.name.hasSuffix("/byteorder") })
    }

    @Test(".pt and .pth files are models; a directory of them is a collection")
    func discovery() throws {
        try withTemporaryDirectory { dir in
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Fixtures.path("torch/list.pt"))))
            let pth = try dir.write("weights.pth", bytes)
            try dir.write("acts.PT", bytes)
            try dir.write("notes.txt", Array("ignored".utf8))
            let single = try ModelSpec(path: pth).resolve()
            #expect(single == [ModelLocation(name: "weights", path: pth, format: .torch)])
            let collection = try ModelSpec(path: dir.path).resolve()
            #expect(collection.map(\.name) == ["acts", "weights"])
            #expect(collection.map(\.format) == [.torch, .torch])
            let catalog = try Catalog.open([pth])
            #expect(catalog.models[0].layers.map(\.name) == ["0", "1"])
        }
    }
}
