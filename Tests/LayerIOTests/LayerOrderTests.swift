import Foundation
import Testing
@testable import LayerIO

/// Layers come in the model's order: natural name order for .safetensors (whose writers lay
/// tensors out in plain name order, `h.0, h.1, h.10, …`), and `--layers` keeps what it matches
/// in the patterns' order.
@Suite struct LayerOrderTests {
    /// A .safetensors file of `names` (each 4×1 float32), laid out in plain name order as
    /// the Python writer does.
    static func safetensors(_ names: [String], in dir: TemporaryDirectory, file: String = "m.safetensors") throws -> String {
        let laidOut = names.sorted()
        var entries: [String] = []
        var data: [UInt8] = []
        for (k, name) in laidOut.enumerated() {
            entries.append("\"\(name)\":{\"dtype\":\"F32\",\"shape\":[4,1],\"data_offsets\":[\(16 * k),\(16 * k + 16)]}")
            data += float32Bytes([Float(k), 1, 2, 3])
        }
        return try dir.write(file, safetensorsBytes(json: "{" + entries.joined(separator: ",") + "}", data: data))
    }

    static let sixtyFour = (0..<64).map { "h.\($0)" }

    @Test func safetensorsLayersComeInNaturalOrder() throws {
        try withTemporaryDirectory { dir in
            let path = try Self.safetensors(Self.sixtyFour.shuffled(), in: dir)
            let catalog = try Catalog.open([path])
            #expect(catalog.models[0].layers.map(\.name) == Self.sixtyFour)
            #expect(catalog.models[0].order == .naturalNames)
        }
    }

    @Test func exactNamesKeepTheirListedOrder() throws {
        try withTemporaryDirectory { dir in
            let path = try Self.safetensors(Self.sixtyFour, in: dir)
            let catalog = try Catalog.open([path], selection: LayerSelection(["h.12", "h.3", "h.40"]))
            #expect(catalog.models[0].layers.map(\.name) == ["h.12", "h.3", "h.40"])
            #expect(catalog.models[0].order == .selection)
        }
    }

    @Test func globsKeepTheModelsOrderWithinEachPattern() throws {
        try withTemporaryDirectory { dir in
            let path = try Self.safetensors(Self.sixtyFour, in: dir)
            let catalog = try Catalog.open([path], selection: LayerSelection(["h.1?", "h.[2-3]", "h.1?", "h.1"]))
            #expect(catalog.models[0].layers.map(\.name) == (10...19).map { "h.\($0)" } + ["h.2", "h.3", "h.1"])
        }
    }

    @Test func regularExpressionsMatchWholeNames() throws {
        try withTemporaryDirectory { dir in
            let path = try Self.safetensors(Self.sixtyFour, in: dir)
            let catalog = try Catalog.open([path], selection: LayerSelection(["re:h\\.6[0-9]"]))
            #expect(catalog.models[0].layers.map(\.name) == ["h.60", "h.61", "h.62", "h.63"])
        }
    }

    @Test func aPatternThatMatchesNothingIsAnErrorNamingModelAndPattern() throws {
        try withTemporaryDirectory { dir in
            let path = try Self.safetensors(["a", "b"], in: dir)
            do {
                _ = try Catalog.open([path], selection: LayerSelection(["a", "c*"]))
                Issue.record("no error")
            } catch let error as LayerIOError {
                #expect(error.description.contains("m.safetensors"))
                #expect(error.description.contains("--layers c*") && error.description.contains("its layers: a, b"))
            }
            #expect(throws: LayerIOError.self) { try LayerSelection(["re:("]) }
            #expect(throws: LayerIOError.self) { try LayerSelection([""]) }
        }
    }

    @Test(arguments: [
        ("*", "anything", true), ("h.*", "h.10", true), ("h.*", "x.10", false), ("h.?", "h.1", true),
        ("h.?", "h.10", false), ("*dense", "encoder.layer.3.output.dense", true), ("*.3.*", "encoder.layer.3.output", true),
        ("[ab]x", "bx", true), ("[!ab]x", "bx", false), ("[a-c]", "b", true), ("[a-c]", "d", false),
        ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false), ("", "", true), ("layer1", "layer10", false),
        ("[x", "[x", true),
    ])
    func globs(pattern: String, name: String, matches: Bool) {
        #expect(LayerSelection.matches(pattern, name) == matches, "\(pattern) vs \(name)")
    }
}
