import Testing
import Similarity
import SimilarityTestSupport

/// The invariances each measure should have by its definition.
///
/// Tolerances: a transformed layer is computed in double and rounded once to Float32. That
/// perturbs each value by up to 2⁻²⁴ relative. The maps used have condition number ≤ 4, so
/// the spans move by about 1e-7 · κ · (σ_max/σ_min of the layer) ≈ 1e-6. Hence 1e-5 for
/// rounded transforms. Permutations and power-of-two scalings change no value, only the order
/// of floating-point operations, hence 1e-10.
@Suite struct InvarianceTests {
    static let seeds: [UInt64] = [1, 2, 3]

    static func pair(seed: UInt64, n: Int = 90, dx: Int = 6, dy: Int = 5) -> (Matrix<Float>, Matrix<Float>) {
        let x = CCATestData.layer(n, dx, seed: seed)
        return (x, CCATestData.related(to: x, width: dy, seed: seed &+ 1000))
    }

    /// CCA depends only on the spans of the centred layers: any invertible map with a shift,
    /// X ↦ XM + 1bᵀ, of either layer leaves ρ unchanged.
    @Test(arguments: [Metric.ccaRho, .ccaR2], seeds)
    func ccaInvariantToInvertibleAffineMaps(metric: Metric, seed: UInt64) {
        let (x, y) = Self.pair(seed: seed)
        let base = outcome(metric, x, y).value.number!
        let bx = (0..<x.cols).map { Double($0) - 2.5 }
        let xm = CCATestData.affine(x, CCATestData.invertible(x.cols, seed: seed &+ 10), shift: bx)
        let ym = CCATestData.affine(y, CCATestData.invertible(y.cols, seed: seed &+ 20))
        #expect(close(outcome(metric, xm, y).value.number, base, 1e-5), "seed \(seed)")
        #expect(close(outcome(metric, x, ym).value.number, base, 1e-5), "seed \(seed)")
        #expect(close(outcome(metric, xm, ym).value.number, base, 1e-5), "seed \(seed)")
    }

    /// Relabelling neurons changes nothing, for every measure, the extras included.
    @Test(arguments: ccaFamily, seeds)
    func permutedNeurons(metric: Metric, seed: UInt64) {
        let (x, y) = Self.pair(seed: seed)
        var g = SeededGenerator(seed: seed &+ 30)
        let base = outcome(metric, x, y)
        let permuted = outcome(metric, x.selectingColumns(g.permutation(x.cols)), y.selectingColumns(g.permutation(y.cols)))
        #expect(close(permuted.value.number, base.value.number!, 1e-10), "seed \(seed)")
        #expect(Set(permuted.extras.keys) == Set(base.extras.keys), "seed \(seed)")
        for (k, v) in base.extras { #expect(close(permuted.extras[k], v, 1e-10), "\(k), seed \(seed)") }
    }

    /// Multiplying a whole layer by a constant changes nothing (every measure here is
    /// scale-free). A power of two is exact in Float32; 3.7 is rounded.
    @Test(arguments: ccaFamily, seeds)
    func isotropicScaling(metric: Metric, seed: UInt64) {
        let (x, y) = Self.pair(seed: seed)
        let base = outcome(metric, x, y).value.number!
        #expect(close(outcome(metric, SeededLayers.scaled(x, by: 0.125), SeededLayers.scaled(y, by: 64)).value.number, base, 1e-10), "seed \(seed)")
        #expect(close(outcome(metric, SeededLayers.scaled(x, by: 3.7), y).value.number, base, 1e-5), "seed \(seed)")
        #expect(close(outcome(metric, x, SeededLayers.scaled(y, by: 3.7)).value.number, base, 1e-5), "seed \(seed)")
    }

    /// PWCCA weights by X's neurons, but Y enters only through its span.
    @Test(arguments: seeds)
    func pwccaInvariantToInvertibleMapsOfY(seed: UInt64) {
        let (x, y) = Self.pair(seed: seed)
        let base = outcome(.pwcca, x, y).value.number!
        let ym = CCATestData.affine(y, CCATestData.invertible(y.cols, seed: seed &+ 50), shift: [1, -2, 3, -4, 5])
        #expect(close(outcome(.pwcca, x, ym).value.number, base, 1e-5), "seed \(seed)")
    }

    /// SVCCA is invariant to orthogonal maps (they keep the singular values, hence k) but
    /// not to general invertible maps. It is checked on Q ∈ O(D), not on general M.
    @Test(arguments: seeds)
    func svccaInvariantToOrthogonalMaps(seed: UInt64) {
        let (x, y) = Self.pair(seed: seed)
        var g = SeededGenerator(seed: seed &+ 40)
        let q = LAPACK.thinQ(g.normalMatrix(rows: x.cols, cols: x.cols))!
        let base = outcome(.svcca, x, y)
        let rotated = outcome(.svcca, CCATestData.affine(x, q), y)
        #expect(close(rotated.value.number, base.value.number!, 1e-5), "seed \(seed)")
        #expect(rotated.extras == base.extras, "seed \(seed)")
    }

    /// The symmetric measures give the same value both ways, and SVCCA's k's swap.
    @Test(arguments: [Metric.ccaRho, .ccaR2, .svcca], seeds)
    func symmetricMeasures(metric: Metric, seed: UInt64) {
        let (x, y) = Self.pair(seed: seed)
        let xy = outcome(metric, x, y), yx = outcome(metric, y, x)
        #expect(close(yx.value.number, xy.value.number!, 1e-12), "seed \(seed)")
        #expect(yx.extras == xy.transposed.extras, "seed \(seed)")
    }

    /// A layer against itself: every canonical correlation is 1, so ρ̄ = R²_CCA = SVCCA =
    /// PWCCA = 1, and regression explains everything.
    @Test(arguments: ccaFamily, seeds)
    func layerAgainstItselfIsOne(metric: Metric, seed: UInt64) {
        let x = CCATestData.layer(50, 7, seed: seed)
        #expect(close(outcome(metric, x, x).value.number, 1, 1e-12), "seed \(seed)")
    }
}
