import Testing
import Similarity
import SimilarityTestSupport

/// Mutual kNN against a brute-force numpy reference, and exactly against rational
/// arithmetic on integer layers with tied cosines and a zero sample vector.
@Suite struct MutualKNNTests {
    @Test(arguments: [5, 10])
    func matchesBruteForceOnFixtures(k: Int) throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let expected = try #require(pair.knn["\(k)"])
            let cell = outcome(.knn, x, y, options: MetricOptions(knnK: k))
            #expect(close(cell.value.number, expected, 1e-14), "\(pair.name) k=\(k): \(cell.value) vs \(expected)")
            #expect(cell.extras == ["zero_samples_x": 0, "zero_samples_y": 0])
        }
    }

    @Test func tiesAndZeroSampleMatchExactArithmetic() throws {
        let manifest = try Fixtures.manifest()
        let case_ = try #require(manifest.knnExact.first)
        let x = try Fixtures.matrix(case_.x, in: manifest), y = try Fixtures.matrix(case_.y, in: manifest)
        let nx = try NearestNeighbours(x, k: case_.k), ny = try NearestNeighbours(y, k: case_.k)
        for i in 0..<x.rows {
            #expect(nx.of(i).map(Int.init) == case_.neighboursX[i], "x sample \(i)")
            #expect(ny.of(i).map(Int.init) == case_.neighboursY[i], "y sample \(i)")
        }
        #expect(nx.zeroSampleCount == case_.zeroSamples && ny.zeroSampleCount == case_.zeroSamples)
        let cell = outcome(.knn, x, y, options: MetricOptions(knnK: case_.k))
        #expect(close(cell.value.number, case_.value, 1e-15), "\(cell.value) vs \(case_.value)")
        #expect(cell.extras == ["zero_samples_x": 1, "zero_samples_y": 1])
    }

    @Test func zeroSampleNeverOutranksARealNeighbour() throws {
        // Sample 0 equals the mean (zero centred vector); with k = 2 and 3 real others,
        // nobody picks it, and its own neighbours are the two lowest other indices.
        let x = Matrix<Float>([[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]])
        let n = try NearestNeighbours(x, k: 2)
        #expect(n.zeroSampleCount == 1)
        #expect(Array(n.of(0)) == [1, 2])
        for i in 1..<5 { #expect(!n.of(i).contains(0), "sample \(i): \(Array(n.of(i)))") }
        // Ties (1 and 2 are both at cos 0 from 3) go to the lower index.
        #expect(Array(n.of(3)) == [1, 2])
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func layerWithItselfIsOne(seed: UInt64) {
        let x = SeededLayers.layer(40, 6, seed: seed)
        #expect(outcome(.knn, x, x).value == .value(1), "seed \(seed)")
    }

    @Test func needsMoreSamplesThanK() {
        let x = SeededLayers.layer(10, 4, seed: 7)
        let cell = outcome(.knn, x, x, options: MetricOptions(knnK: 10))
        #expect(cell.value.reason == "X has 10 samples; mutual kNN with k = 10 needs more than 10")
        #expect(outcome(.knn, x, x, options: MetricOptions(knnK: 9)).value == .value(1))
    }

    @Test(arguments: [UInt64(4), 5])
    func invariantToRotationAndScaling(seed: UInt64) {
        let x = SeededLayers.layer(60, 5, seed: seed)
        let y = SeededLayers.related(to: x, width: 7, seed: seed + 1)
        let base = outcome(.knn, x, y).value.number!
        let xq = SeededLayers.scaled(SeededLayers.transform(x, by: SeededLayers.orthogonal(5, seed: seed + 2)), by: 4)
        #expect(outcome(.knn, xq, y).value.number == base, "seed \(seed)")
    }
}
