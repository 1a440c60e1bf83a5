import Testing
@testable import LayerIO
import Similarity

/// A 4-D layer's channels-first view (`spatialShape`, `readSpatialRows`) is the flatten
/// order of the logical array under every policy, so the reduce policy does not hide the
/// maps from the measures that compare them (nst-*). Values from numpy (conv/expected_flatten.npy).
@Suite struct SpatialRowsTests {
    @Test("readSpatialRows is flatten's matrix under mean and flatten, C or Fortran order, float32 or big-endian float64",
          arguments: ReduceTests.sources, [ReducePolicy.mean, .flatten])
    func spatialRowsIgnoreThePolicy(_ name: String, _ reduce: ReducePolicy) throws {
        let expected = try openNpy(Fixtures.path("conv/expected_flatten.npy")).readAll()
        let layer = try openNpy(Fixtures.path("conv/\(name).npy"), reduce: reduce)
        #expect(layer.spatialShape == SpatialShape(channels: 4, height: 2, width: 5))
        #expect(layer.width == (reduce == .mean ? 4 : 40))
        #expect(try layer.readSpatialRows(0..<3).storage == expected.storage)
        #expect(try layer.readSpatialRows(1..<3).storage == expected.rowSlice(1..<3).storage)
        let slice = SampleSlice(layer, range: 1..<3)
        #expect(slice.spatialShape == layer.spatialShape)
        #expect(try slice.readSpatialRows(0..<1).storage == expected.rowSlice(1..<2).storage)
        let copy = InMemoryActivations(try layer.readAll(), spatialBase: layer)
        #expect(try copy.readSpatialRows(0..<3).storage == expected.storage)
        #expect(throws: LayerIOError.self) { try layer.readSpatialRows(2..<4) }
    }

    @Test func aLayerOfOtherThanFourAxesHasNoMaps() throws {
        let layer = try openNpy(Fixtures.path("npy/fortran_f4.npy"))
        #expect(layer.spatialShape == nil)
        #expect(throws: SimilarityError.degenerate(ChannelMaps.notSpatial)) { try layer.readSpatialRows(0..<1) }
        #expect(InMemoryActivations(try layer.readAll()).spatialShape == nil)
    }
}
