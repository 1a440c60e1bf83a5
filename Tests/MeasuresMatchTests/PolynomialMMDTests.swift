import Testing
import Similarity
import SimilarityTestSupport

/// MMD² with the (aᵀb)² kernel against explicit double sums in numpy, on raw unit-length
/// neurons (NST's `F.normalize`, no mean removed).
@Suite struct PolynomialMMDTests {
    /// pair_2 (both layers wider than N) and pair_3 (Y wider than N) take the LQ-factor path.
    @Test func matchesNumpyDoubleSums() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let cell = outcome(.mmdPoly, x, y)
            #expect(close(cell.value.number, pair.mmdPoly, 1e-13), "\(pair.name): \(cell.value) vs \(pair.mmdPoly)")
            // Dead for mmd-poly: zero on every sample (the fixtures' constant neurons are not).
            #expect(cell.extras["dead_x"] == Double(pair.mmdPolyZeroNeurons[0]), "\(pair.name)")
            #expect(cell.extras["dead_y"] == Double(pair.mmdPolyZeroNeurons[1]), "\(pair.name)")
        }
    }

    @Test(arguments: [UInt64(1), 2])
    func layerWithItselfIsExactlyZero(seed: UInt64) {
        let x = SeededLayers.withDeadColumns(SeededLayers.layer(30, 11, seed: seed), [2, 9])
        #expect(outcome(.mmdPoly, x, x).value == .value(0), "seed \(seed)")
    }

    @Test func invariantToScalingSingleNeurons() {
        let x = SeededLayers.layer(25, 6, seed: 3)
        let y = SeededLayers.related(to: x, width: 8, seed: 4)
        var xs = x
        for i in 0..<x.rows { xs[i, 2] *= -4; xs[i, 5] *= 0.5 }
        #expect(close(outcome(.mmdPoly, xs, y).value.number, outcome(.mmdPoly, x, y).value.number!, 1e-13))
    }

    /// The documented upper bound 2: each layer's neurons all along one direction (raw, no
    /// mean removed), the two directions orthogonal.
    @Test func reachesTheUpperBoundTwo() {
        let u: [Float] = [1, -1, 0, 0], v: [Float] = [0, 0, 1, -1]
        var x = Matrix<Float>(rows: 4, cols: 3), y = Matrix<Float>(rows: 4, cols: 5)
        for i in 0..<4 {
            for j in 0..<3 { x[i, j] = u[i] * Float(j + 1) }
            for j in 0..<5 { y[i, j] = v[i] * Float(j % 2 == 0 ? 2 : -1) }
        }
        #expect(close(outcome(.mmdPoly, x, y).value.number, 2, 1e-15))
    }
}
