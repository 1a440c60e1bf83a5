import Testing
@testable import LayerIO
import Similarity

@Suite("npy reader")
struct NpyReaderTests {
    @Test("versions 1.0, 2.0, 3.0 and every float width read the same grid",
          arguments: ["v1_f4", "v2_f8", "v3_f2", "be_f2", "be_f4", "be_f8", "fortran_f4"])
    func readsGrid(_ name: String) throws {
        let layer = try openNpy(Fixtures.path("npy/\(name).npy"))
        #expect(layer.sampleCount == 4)
        #expect(layer.width == 3)
        #expect(layer.originalShape == [4, 3])
        let matrix = try layer.readAll()
        #expect(matrix.storage == grid(4, 3).storage)
    }

    @Test func metadata() throws {
        let half = try openNpy(Fixtures.path("npy/v3_f2.npy"))
        #expect(half.dtype == "float16")
        let big = try openNpy(Fixtures.path("npy/be_f8.npy"))
        #expect(big.dtype == "float64")
        #expect(big.elementType == ElementType(.float64, bigEndian: true))
        let fortran = try openNpy(Fixtures.path("npy/fortran_f4.npy"))
        #expect(fortran.isFortranOrder)
        #expect(fortran.dtype == "float32")
    }

    @Test("row slices match the whole matrix, C and Fortran order")
    func rowSlices() throws {
        for name in ["v1_f4", "fortran_f4", "be_f8"] {
            let layer = try openNpy(Fixtures.path("npy/\(name).npy"))
            let slice = try layer.readRows(1..<3)
            #expect(slice.rows == 2 && slice.cols == 3)
            #expect(slice.storage == grid(4, 3).rowSlice(1..<3).storage)
            #expect(try layer.readRows(2..<2).rows == 0)
        }
    }

    @Test func rowsOutOfRangeThrows() throws {
        let path = Fixtures.path("npy/v1_f4.npy")
        let layer = try openNpy(path)
        expectLayerIOError("rowsOutOfRange", naming: path) { _ = try layer.readRows(3..<5) }
    }

    @Test("a 1-D layer is N×1 under both policies", arguments: ReducePolicy.allCases)
    func vector(_ reduce: ReducePolicy) throws {
        let layer = try openNpy(Fixtures.path("npy/vector_f4.npy"), reduce: reduce)
        #expect(layer.sampleCount == 5 && layer.width == 1)
        #expect(try layer.readAll().storage == [0.5, 1.5, 2.5, 3.5, 4.5])
    }

    @Test("header parser tolerates spacing and trailing commas")
    func lenientSpacing() throws {
        let text = "{ 'shape' : ( 2 , 1 , ) ,\n\"fortran_order\":False,'descr':'<f4' , }"
        let header = try NpyHeader.parseDict(text, path: "x.npy", layer: nil)
        #expect(header == TensorHeader(elementType: ElementType(.float32), shape: [2, 1], isFortranOrder: false))
    }

    @Test("header parser rejects anything else", arguments: [
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 1), 'extra': 1}",
        "{'descr': '<f4', 'fortran_order': False}",
        "{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': [2, 1]}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2L,)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2.0,)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk",
        "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}",
        "{'descr': '<f4' 'fortran_order': False, 'shape': (2,)}",
        "{'descr': '<f4', 'fortran_order': __import__('os'), 'shape': (2,)}",
        "['descr', '<f4']",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)",
        String(repeating: "(", count: 100),
    ])
    func strictHeaders(_ text: String) {
        #expect(throws: LayerIOError.self) { try NpyHeader.parseDict(text, path: "x.npy", layer: nil) }
    }

    @Test("numpy type codes", arguments: [
        ("<f2", ElementType(.float16)), (">f2", ElementType(.float16, bigEndian: true)),
        ("<f4", ElementType(.float32)), (">f4", ElementType(.float32, bigEndian: true)),
        ("<f8", ElementType(.float64)), (">f8", ElementType(.float64, bigEndian: true)),
    ])
    func typeCodes(_ code: String, _ expected: ElementType) throws {
        #expect(try NpyHeader.parseDescr(.string(code), path: "x.npy", layer: nil) == expected)
    }

    @Test("unsupported type codes", arguments: ["|O", "<i4", "|u1", "|b1", "<c8", "|f4", "=f4", "<f16", "<V2", "f", ""])
    func unsupportedTypeCodes(_ code: String) {
        expectLayerIOError("unsupportedDType", naming: "x.npy") {
            _ = try NpyHeader.parseDescr(.string(code), path: "x.npy", layer: nil)
        }
    }
}
