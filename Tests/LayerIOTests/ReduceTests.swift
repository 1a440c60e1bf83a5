import Testing
@testable import LayerIO
import Similarity

/// A 4-D convolution layer (N×C×H×W = 3×4×2×5) against values numpy computed.
@Suite("reduce policies")
struct ReduceTests {
    static let sources = ["conv_c", "conv_fortran", "conv_fortran_be_f8"]

    @Test("flatten gives N×(C·H·W) in C order of the logical array", arguments: sources)
    func flatten(_ name: String) throws {
        let expected = try openNpy(Fixtures.path("conv/expected_flatten.npy")).readAll()
        let layer = try openNpy(Fixtures.path("conv/\(name).npy"), reduce: .flatten)
        #expect(layer.originalShape == [3, 4, 2, 5])
        #expect(layer.sampleCount == 3 && layer.width == 40)
        let matrix = try layer.readAll()
        #expect(matrix.rows == 3 && matrix.cols == 40)
        #expect(matrix.storage == expected.storage)
        #expect(try layer.readRows(1..<2).storage == expected.rowSlice(1..<2).storage)
    }

    @Test("mean averages the axes after the second: N×C×H×W → N×C", arguments: sources)
    func mean(_ name: String) throws {
        let expected = try openNpy(Fixtures.path("conv/expected_mean.npy")).readAll()
        let layer = try openNpy(Fixtures.path("conv/\(name).npy"), reduce: .mean)
        #expect(layer.sampleCount == 3 && layer.width == 4)
        let matrix = try layer.readAll()
        #expect(matrix.rows == 3 && matrix.cols == 4)
        for (got, want) in zip(matrix.storage, expected.storage) {
            #expect(abs(got - want) <= 1e-6 * max(1, abs(want)), "\(got) vs \(want)")
        }
        #expect(try layer.readRows(2..<3).storage == Array(matrix.storage[8..<12]))
    }

    @Test("a 2-D layer is unchanged by either policy", arguments: ReducePolicy.allCases)
    func twoDimensional(_ reduce: ReducePolicy) throws {
        let layer = try openNpy(Fixtures.path("npy/fortran_f4.npy"), reduce: reduce)
        #expect(try layer.readAll().storage == grid(4, 3).storage)
    }

    @Test func widths() {
        #expect(ReducePolicy.flatten.width(of: [7, 2, 3, 4]) == 24)
        #expect(ReducePolicy.mean.width(of: [7, 2, 3, 4]) == 2)
        #expect(ReducePolicy.mean.width(of: [7, 5]) == 5)
        #expect(ReducePolicy.flatten.width(of: [7]) == 1)
        #expect(ReducePolicy.flatten.width(of: []) == nil)
        #expect(ReducePolicy.flatten.width(of: [2, Int.max, 3]) == nil)
    }
}
