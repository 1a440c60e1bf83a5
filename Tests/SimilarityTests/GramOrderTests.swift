import Testing
@testable import Similarity

/// The order the Gram phase hands out layers: widest and narrowest alternately, every layer once.
@Suite struct GramOrderTests {
    @Test func alternatesWidestAndNarrowestAndCoversEveryLayer() {
        let widths = [256, 512, 1024, 2048, 256, 512, 1024]
        let order = LinearCKAGrid.gramOrder(widths: widths)
        #expect(order.sorted() == Array(widths.indices))
        #expect(order.map { widths[$0] } == [2048, 256, 1024, 256, 1024, 512, 512])
    }

    @Test func emptyAndSingleLayer() {
        #expect(LinearCKAGrid.gramOrder(widths: []) == [])
        #expect(LinearCKAGrid.gramOrder(widths: [7]) == [0])
    }
}
