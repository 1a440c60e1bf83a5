import Foundation
import Testing
@testable import LayerIO

/// A .safetensors file's `__metadata__` record (`layermap.order`, `layermap.reduce`, as the
/// capture helper writes them) gives the model's layer order and the capture's token policy; a
/// record that does not name every tensor exactly once is an error naming the file and layer.
/// Fixtures: Fixtures/capture/make_capture_fixtures.py.
@Suite struct CaptureRecordTests {
    static let order = ["stem", "pool", "block", "head"]

    /// A[i, j] = 100 k + 10 i + j for the k-th layer of the model's order, as the script writes it.
    static func expectedValues(_ k: Int) -> [Float] {
        (0..<3).flatMap { i in (0..<2).map { j in Float(100 * k + 10 * i + j) } }
    }

    @Test func theRecordedOrderIsTheModelsOrderAndEachNameKeepsItsData() throws {
        let model = try openModel("capture/recorded.safetensors")
        #expect(model.layers.map(\.name) == Self.order)
        #expect(model.order == .recorded)
        #expect(model.order.description == "recorded order")
        #expect(model.capturedReduce == "cls")
        for (k, layer) in model.layers.enumerated() {
            #expect(try layer.readAll().storage == Self.expectedValues(k), "\(layer.name)")
        }
    }

    @Test func layersPatternsReorderButKeepThePolicy() throws {
        let catalog = try Catalog.open([Fixtures.path("capture/recorded.safetensors")],
                                       selection: LayerSelection(["head", "s*"]))
        #expect(catalog.models[0].layers.map(\.name) == ["head", "stem"])
        #expect(catalog.models[0].order == .selection)
        #expect(catalog.models[0].capturedReduce == "cls")
    }

    @Test func aPolicyWithoutAnOrderKeepsNaturalNameOrder() throws {
        let model = try openModel("capture/reduce_only.safetensors")
        #expect(model.layers.map(\.name) == ["block", "head", "pool", "stem"])
        #expect(model.order == .naturalNames)
        #expect(model.capturedReduce == "last")
        let plain = try openModel("capture/other_metadata.safetensors")
        #expect(plain.order == .naturalNames && plain.capturedReduce == nil)
    }

    @Test(arguments: [
        ("names_absent_layer", "block", "lists this layer but the file holds no such tensor"),
        ("misses_a_layer", "block", "the file holds this tensor but __metadata__ \"layermap.order\" does not list it"),
        ("lists_twice", "pool", "lists this layer more than once"),
        ("order_not_json", nil, "\"layermap.order\" is not a JSON list of layer names"),
        ("order_not_names", nil, "\"layermap.order\" is not a JSON list of layer names"),
        ("order_not_string", nil, "\"layermap.order\" is not a string"),
        ("reduce_not_string", nil, "\"layermap.reduce\" is not a non-empty string"),
    ] as [(String, String?, String)])
    func aWrongRecordIsAnErrorNamingFileAndLayer(file: String, layer: String?, detail: String) throws {
        let path = Fixtures.path("capture/\(file).safetensors")
        expectLayerIOError("malformedHeader", naming: path) { _ = try openModel("capture/\(file).safetensors") }
        do {
            _ = try openModel("capture/\(file).safetensors")
        } catch let error as LayerIOError {
            #expect(error.layer == layer)
            #expect(error.description.contains(detail), "\(error)")
        }
    }
}
