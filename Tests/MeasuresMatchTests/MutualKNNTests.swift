import Testing
import Similarity
import SimilarityTestSupport

/// Mutual kNN against a brute-force numpy reference, and exactly against rational
/// arithmetic on integer layers with tied cosines and a zero sample vector: ties at the k-th
/// place are counted and leave the cell undefined.
@Suite struct MutualKNNTests {
    @Test(arguments: [5, 10])
    func matchesBruteForceOnFixtures(k: Int) throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let expected = try #require(pair.knn["\(k)"])
            let cell = outcome(.knn, x, y, options: MetricOptions(knnK: k))
            #expect(close(cell.value.number, expected, 1e-14), "\(pair.name) k=\(k): \(cell.value) vs \(expected)")
            #expect(cell.extras == ["zero_samples_x": 0, "zero_samples_y": 0, "tied_samples_x": 0, "tied_samples_y": 0])
        }
    }

    @Test func tiesAndZeroSampleMatchExactArithmeticAndLeaveTheCellUndefined() throws {
        let manifest = try Fixtures.manifest()
        let case_ = try #require(manifest.knnExact.first)
        let x = try Fixtures.matrix(case_.x, in: manifest), y = try Fixtures.matrix(case_.y, in: manifest)
        let nx = try NearestNeighbours(x, k: case_.k), ny = try NearestNeighbours(y, k: case_.k)
        for i in 0..<x.rows {
            #expect(nx.of(i).map(Int.init) == case_.neighboursX[i], "x sample \(i)")
            #expect(ny.of(i).map(Int.init) == case_.neighboursY[i], "y sample \(i)")
        }
        #expect(nx.zeroSampleCount == case_.zeroSamples && ny.zeroSampleCount == case_.zeroSamples)
        #expect(nx.tiedSampleCount == case_.tiedSamplesX && ny.tiedSampleCount == case_.tiedSamplesY)
        let cell = outcome(.knn, x, y, options: MetricOptions(knnK: case_.k))
        #expect(cell.value.number == nil)
        let n = x.rows
        #expect(cell.value.reason == "ties decide the neighbour sets of \(case_.tiedSamplesX) of \(n) samples in the row layer"
                + " and \(case_.tiedSamplesY) of \(n) samples in the column layer (their k-th and (k+1)-th nearest, k = \(case_.k),"
                + " are equally near): the value would depend on the order of the samples; a layer with fewer distinct"
                + " directions than k, or repeated samples")
        #expect(cell.extras == ["zero_samples_x": 1, "zero_samples_y": 1,
                                "tied_samples_x": Double(case_.tiedSamplesX), "tied_samples_y": Double(case_.tiedSamplesY)])
    }

    /// The case: two 1-D layers that share only their signs (r² ≈ 0.4). Every cosine
    /// is ±1, so each sample has about N/2 equally near candidates and the tie-breaking order
    /// alone used to give 1.000.
    @Test func oneDimensionalLayersSharingSignsAreUndefined() throws {
        let n = 200
        let a = SeededLayers.layer(n, 2, seed: 31)
        // x: a's first column; y: the same sign, an unrelated magnitude.
        let x = Matrix<Float>((0..<n).map { [a[$0, 0]] })
        let y = Matrix<Float>((0..<n).map { [(a[$0, 0] < 0 ? -1 : 1) * (abs(a[$0, 1]) + 0.1)] })
        let cell = outcome(.knn, x, y)
        #expect(cell.value.number == nil, "\(cell.value)")
        #expect(cell.value.reason?.hasPrefix("ties decide the neighbour sets of \(n) of \(n) samples in the row layer") == true,
                "\(cell.value)")
        // Swapping the sample order consistently in both layers must not change a defined cell;
        // here it cannot, since there is none.
        let reversed = Array((0..<n).reversed())
        let xr = Matrix<Float>(reversed.map { [x[$0, 0]] }), yr = Matrix<Float>(reversed.map { [y[$0, 0]] })
        #expect(outcome(.knn, xr, yr).value.number == nil)
    }

    /// Worked by hand. Centred rows (mean (0, 0.5)): s0 = s1 = (1, −½), s2 = (0, ½), s3 = (0, −3/2),
    /// s4 = (−2, −½), s5 = (0, 5/2). k = 1: s3's nearest are s0 and s1 (both cos 1/√5), a tie;
    /// s0's own nearest is its duplicate s1 (cos 1), not a tie. k = 2: s3's two are s0, s1 with
    /// s4 third (cos 0.24), no tie; s4's second place is shared by s2 and s5 (cos −0.24), a tie.
    @Test func tiesCountOnlyAtTheKthPlace() throws {
        let x = Matrix<Float>([[1, 0], [1, 0], [0, 1], [0, -1], [-2, 0], [0, 3]])
        #expect(try NearestNeighbours(x, k: 1).tiedSampleCount == 1)
        #expect(try NearestNeighbours(x, k: 2).tiedSampleCount == 1)
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
