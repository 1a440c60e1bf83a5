import Testing
import Similarity
import SimilarityTestSupport

/// Orthogonal Procrustes against numpy's SVD nuclear norm, and its invariances.
@Suite struct ProcrustesTests {
    @Test func matchesNumpyOnFixtures() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let cell = outcome(.procrustes, x, y)
            #expect(close(cell.value.number, pair.procrustes.value, 1e-13), "\(pair.name): \(cell.value) vs \(pair.procrustes.value)")
            #expect(close(cell.extras["procrustes_distance"], pair.procrustes.distance, 1e-13), "\(pair.name)")
        }
    }

    /// Both representations give the same value: x (20×19) keeps Xc; padded with 19 dead
    /// neurons it is 20×38, wider than N, and goes through the LQ factor, while its centred
    /// singular structure is unchanged. (pair_2 and pair_3 check the LQ path against numpy.)
    @Test(arguments: [UInt64(1), 2, 3])
    func lqFactorPathAgreesWithDirectPath(seed: UInt64) {
        let x = SeededLayers.layer(20, 19, seed: seed)
        let y = SeededLayers.related(to: x, width: 12, seed: seed + 10)
        let direct = outcome(.procrustes, x, y).value.number
        let padded = SeededLayers.withDeadColumns(x.selectingColumns(Array(0..<19) + Array(0..<19)), Array(19..<38))
        #expect(close(outcome(.procrustes, padded, y).value.number, direct ?? .nan, 1e-13), "seed \(seed)")
        #expect(close(outcome(.procrustes, y, padded).value.number, direct ?? .nan, 1e-13), "seed \(seed)")
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func invariantToRotationsOfEitherLayer(seed: UInt64) {
        let x = SeededLayers.layer(40, 8, seed: seed)
        let y = SeededLayers.related(to: x, width: 6, seed: seed + 100)
        let base = outcome(.procrustes, x, y).value.number!
        let xq = SeededLayers.transform(x, by: SeededLayers.orthogonal(8, seed: seed + 7))
        let yq = SeededLayers.transform(y, by: SeededLayers.orthogonal(6, seed: seed + 8))
        // The rotated layers are rounded to float32 again, hence the tolerance.
        #expect(close(outcome(.procrustes, xq, y).value.number, base, 1e-6), "seed \(seed)")
        #expect(close(outcome(.procrustes, x, yq).value.number, base, 1e-6), "seed \(seed)")
        #expect(close(outcome(.procrustes, xq, yq).value.number, base, 1e-6), "seed \(seed)")
    }

    @Test func invariantToIsotropicScaling() {
        let x = SeededLayers.layer(35, 5, seed: 21)
        let y = SeededLayers.related(to: x, width: 9, seed: 22)
        let base = outcome(.procrustes, x, y).value.number!
        // A power of two scales exactly in float32; 3.75 rounds each element once.
        #expect(close(outcome(.procrustes, SeededLayers.scaled(x, by: 8), y).value.number, base, 1e-14))
        #expect(close(outcome(.procrustes, SeededLayers.scaled(x, by: 3.75), SeededLayers.scaled(y, by: 0.01)).value.number, base, 1e-6))
    }

    @Test func layerWithItsRotationIsOne() {
        let x = SeededLayers.layer(30, 7, seed: 31)
        let xq = SeededLayers.scaled(SeededLayers.transform(x, by: SeededLayers.orthogonal(7, seed: 32)), by: 5)
        #expect(close(outcome(.procrustes, x, x).value.number, 1, 1e-14))
        #expect(close(outcome(.procrustes, x, xq).value.number, 1, 1e-6))
        #expect(close(outcome(.procrustes, x, x).extras["procrustes_distance"], 0, 1e-14))
    }
}
