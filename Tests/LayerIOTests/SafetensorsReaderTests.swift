import Foundation
import Testing
@testable import LayerIO
import Similarity

@Suite("safetensors reader")
struct SafetensorsReaderTests {
    @Test("library-written file: F16, F32, F64, layers in natural name order (not data-offset order), metadata ignored")
    func libraryFile() throws {
        let model = try openModel("st/lib.safetensors")
        #expect(model.format == .safetensors)
        // The file's data-offset order (lib_order.txt) follows the writer's dtype grouping, not
        // the network: the layers come in natural name order instead.
        let offsetOrder = try String(contentsOfFile: Fixtures.path("st/lib_order.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(model.layers.map(\.name) == NaturalSort.sorted(offsetOrder))
        #expect(model.layers.map(\.name) == ["a_f64", "b_f32", "c_f16", "d_conv"])
        let byName = Dictionary(uniqueKeysWithValues: model.layers.map { ($0.name, $0) })
        #expect(try byName["b_f32"]?.readAll().storage == grid(4, 3).storage)
        #expect(try byName["a_f64"]?.readAll().storage == grid(4, 2).storage)
        #expect(try byName["c_f16"]?.readAll().storage == grid(4, 6).storage)
        #expect(byName["c_f16"]?.dtype == "float16")
        #expect(byName["a_f64"]?.dtype == "float64")
        let conv = try #require(byName["d_conv"])
        #expect(conv.originalShape == [3, 4, 2, 5])
        let expected = try openNpy(Fixtures.path("conv/expected_flatten.npy")).readAll()
        #expect(try conv.readAll().storage == expected.storage)
    }

    @Test("hand-made file: BF16 and F32, offsets against name order, padded header: name order wins")
    func handMadeFile() throws {
        let model = try openModel("st/hand.safetensors")
        #expect(model.layers.map(\.name) == ["a_second", "z_first"])
        #expect(model.layers.map(\.dtype) == ["float32", "bfloat16"])
        #expect(try model.layers[0].readAll().storage == grid(4, 2).storage)
        #expect(try model.layers[1].readAll().storage == grid(4, 3).storage)
    }

    @Test("BF16 keeps the upper half of a float32")
    func bfloat16() {
        for value: Float in [0, -0.0, 1, -2.5, 3.140625, .infinity, -.infinity, 1e-38] {
            let bits = UInt16(value.bitPattern >> 16)
            #expect(HalfFloat.float(fromBFloat16Bits: bits).bitPattern == value.bitPattern & 0xFFFF_0000)
        }
        #expect(HalfFloat.float(fromBFloat16Bits: 0x7FC0).isNaN)
    }
}
