import Foundation
import Testing
@testable import LayerIO

@Suite("model specs and discovery")
struct ModelSpecTests {
    @Test func nameEqualsPath() throws {
        let never: (String) -> Bool = { _ in false }
        #expect(try ModelSpec.parse("resnet=runs/a.npz", pathExists: never) == ModelSpec(name: "resnet", path: "runs/a.npz"))
        #expect(try ModelSpec.parse("x=y=z.npz", pathExists: never) == ModelSpec(name: "x", path: "y=z.npz"))
        #expect(try ModelSpec.parse("runs/a.npz", pathExists: never) == ModelSpec(name: nil, path: "runs/a.npz"))
        // A '/' before the '=' means it is part of the path.
        #expect(try ModelSpec.parse("dir/a=b.npz", pathExists: never) == ModelSpec(name: nil, path: "dir/a=b.npz"))
        // An existing path before the '=' is not a name.
        #expect(try ModelSpec.parse("a=b.npz", pathExists: { $0 == "a" }) == ModelSpec(name: nil, path: "a=b.npz"))
    }

    @Test("bad specs", arguments: ["", "=x.npz", "name="])
    func badSpecs(_ argument: String) {
        expectLayerIOError("badModelSpec", naming: argument.isEmpty ? "\"\"" : argument) {
            _ = try ModelSpec.parse(argument, pathExists: { _ in false })
        }
    }

    @Test func defaultNames() {
        #expect(ModelSpec.defaultName(forPath: "runs/resnet.npz", isDirectory: false) == "resnet")
        #expect(ModelSpec.defaultName(forPath: "runs/model.v2.safetensors", isDirectory: false) == "model.v2")
        #expect(ModelSpec.defaultName(forPath: "runs/vit/", isDirectory: true) == "vit")
        #expect(ModelSpec.defaultName(forPath: "runs/vit.b16", isDirectory: true) == "vit.b16")
    }

    @Test("name=path on a real file names the model")
    func namedFixture() throws {
        let catalog = try Catalog.open(["mine=" + Fixtures.path("npz/stored.npz")])
        #expect(catalog.models.map(\.name) == ["mine"])
        #expect(catalog.models[0].layers.allSatisfy { $0.modelName == "mine" })
    }

    @Test func naturalSort() {
        let names = ["layer10", "layer2", "layer1", "b", "a", "layer02", "layer1a", "x99999999999999999999999", "x100"]
        #expect(NaturalSort.sorted(names) ==
                ["a", "b", "layer1", "layer1a", "layer02", "layer2", "layer10", "x100", "x99999999999999999999999"])
    }

    @Test("a directory of .npy files: natural order, other files ignored")
    func npyDirectory() throws {
        let model = try openModel("dirmodel")
        #expect(model.format == .npyDirectory)
        #expect(model.name == "dirmodel")
        #expect(model.layers.map(\.name) == ["layer1", "layer2", "layer10"])
        #expect(model.layers.map(\.width) == [1, 2, 10])
        #expect(try model.layers[2].readAll().storage == grid(4, 10).storage)
        #expect(model.layers[0].path.hasSuffix("dirmodel/layer1.npy"))
    }

    @Test("a collection directory expands to its models in natural order")
    func collection() throws {
        let locations = try ModelSpec(path: Fixtures.path("collection")).resolve()
        #expect(locations.map(\.name) == ["alpha", "beta", "gamma2", "gamma10"])
        #expect(locations.map(\.format) == [.safetensors, .npz, .npyDirectory, .npyDirectory])
        let catalog = try Catalog.open([Fixtures.path("collection"), "solo=" + Fixtures.path("npz/stored.npz")])
        #expect(catalog.models.map(\.name) == ["alpha", "beta", "gamma2", "gamma10", "solo"])
        #expect(catalog.sampleCount == 4)
    }

    @Test func namedCollectionIsRejected() {
        let path = Fixtures.path("collection")
        expectLayerIOError("badModelSpec", naming: path) { _ = try ModelSpec(name: "all", path: path).resolve() }
    }

    @Test func missingAndUnknownPaths() throws {
        expectLayerIOError("badModelSpec", naming: "no-such-model.npz") {
            _ = try ModelSpec.expand([Fixtures.path("no-such-model.npz")])
        }
        expectLayerIOError("badModelSpec", naming: "notes.txt") {
            _ = try ModelSpec.expand([Fixtures.path("dirmodel/notes.txt")])
        }
        expectLayerIOError("badModelSpec", naming: "layer1.npy") {
            _ = try ModelSpec.expand([Fixtures.path("dirmodel/layer1.npy")])
        }
        try withTemporaryDirectory { dir in
            try dir.write("readme.md", Array("nothing here".utf8))
            expectLayerIOError("emptyModel", naming: dir.path) { _ = try ModelSpec.expand([dir.path]) }
        }
    }
}
