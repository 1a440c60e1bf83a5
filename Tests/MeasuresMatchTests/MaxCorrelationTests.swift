import Testing
import Similarity
import SimilarityTestSupport

/// Max-correlation (many-to-one) matching against numpy's `corrcoef` and scipy's `spearmanr`,
/// beside the one-to-one Hungarian matching it never falls below.
@Suite struct MaxCorrelationTests {
    @Test(arguments: [false, true])
    func matchesNumpyAndScipy(spearman: Bool) throws {
        let manifest = try Fixtures.manifest()
        let options = MetricOptions(rankCorrelation: spearman)
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let expected = try #require(pair.maxCorr[spearman ? "spearman" : "pearson"])
            let cell = outcome(.maxCorr, x, y, options: options)
            #expect(close(cell.value.number, expected.value, 1e-13), "\(pair.name): \(cell.value) vs \(expected.value)")
            #expect(cell.extras == ["distinct_y": Double(expected.distinctY), "dead_x": Double(expected.deadX),
                                    "dead_y": Double(expected.deadY)], "\(pair.name)")
        }
    }

    /// When X has no more live neurons than Y, the one-to-one matching gives every X neuron a
    /// partner no better than its best, so the many-to-one mean is at least as large. (With X
    /// wider, one-to-one averages only the best min(D_X, D_Y) pairs and may be larger.)
    @Test func neverBelowTheOneToOneMatchingWhenXIsNotWider() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let (xr, yr) = x.cols - pair.matchedCorr.deadX <= y.cols - pair.matchedCorr.deadY ? (x, y) : (y, x)
            let many = outcome(.maxCorr, xr, yr).value.number!, one = outcome(.matchedCorr, xr, yr).value.number!
            #expect(many >= one - 1e-15, "\(pair.name): \(many) < \(one)")
        }
    }

    /// The drill-down's matching carries the same many-to-one reading as `max-corr`.
    @Test func theMatcherCarriesTheManyToOneReading() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let expected = try #require(pair.maxCorr["pearson"])
            let m = try #require(try NeuronMatcher.match(x: x, y: y).manyToOne)
            #expect(close(m.meanAbsCorrelation, expected.value, 1e-13), "\(pair.name)")
            #expect(m.distinctY == expected.distinctY, "\(pair.name)")
        }
    }

    /// A layer against itself: every neuron's best partner is itself (r = 1).
    @Test func layerWithItselfIsOne() {
        let x = SeededLayers.withDeadColumns(SeededLayers.layer(30, 8, seed: 9), [3])
        let cell = outcome(.maxCorr, x, x)
        #expect(close(cell.value.number, 1, 1e-14))
        #expect(cell.extras == ["distinct_y": 7, "dead_x": 1, "dead_y": 1])
    }

    /// The misleading case: every neuron of X copies one neuron of Y, so the many-to-one
    /// reading says 1 while one-to-one matching can pair only one of them with it.
    @Test func manyToOneExceedsOneToOne() {
        let y = SeededLayers.layer(50, 4, seed: 10)
        var x = Matrix<Float>(rows: 50, cols: 4)
        for i in 0..<50 { for j in 0..<4 { x[i, j] = y[i, 0] * Float(j + 1) + Float(j) } }
        let cell = outcome(.maxCorr, x, y)
        #expect(close(cell.value.number, 1, 1e-14))
        #expect(cell.extras["distinct_y"] == 1)
        #expect(outcome(.matchedCorr, x, y).value.number! < 0.9)
    }

    /// Pearson: invariant to scaling and shifting single neurons and to permuting them.
    /// Spearman: also to any increasing map of a neuron (here x ↦ x³ + x).
    @Test func invariances() {
        let x = SeededLayers.layer(60, 6, seed: 11), y = SeededLayers.related(to: x, width: 5, seed: 12)
        let pearson = outcome(.maxCorr, x, y).value.number!
        var xs = x
        for i in 0..<x.rows { xs[i, 2] = xs[i, 2] * -5 + 3 }
        // The scaled and shifted neuron is rounded to float32 again: about 1e-8.
        #expect(close(outcome(.maxCorr, xs, y).value.number, pearson, 1e-6))
        var yp = y
        for i in 0..<y.rows { for j in 0..<5 { yp[i, j] = y[i, (j + 2) % 5] } }
        #expect(close(outcome(.maxCorr, x, yp).value.number, pearson, 1e-13))
        let spearman = MetricOptions(rankCorrelation: true)
        let base = outcome(.maxCorr, x, y, options: spearman).value.number!
        var xm = x
        for i in 0..<x.rows { for j in 0..<6 { let v = x[i, j]; xm[i, j] = v * v * v + v } }
        #expect(close(outcome(.maxCorr, xm, y, options: spearman).value.number, base, 1e-13))
    }

    @Test func aConstantLayerIsUndefined() {
        let x = Matrix<Float>(rows: 10, cols: 3, repeating: 2), y = SeededLayers.layer(10, 4, seed: 13)
        #expect(outcome(.maxCorr, x, y).value.reason?.contains("has no live neuron: all 3 neurons are constant") == true)
    }

    /// Average ranks for ties, as scipy's rankdata: [3, 1, 3, 2] → [3.5, 1, 3.5, 2].
    @Test func ranksShareTies() throws {
        let r = try RankTransform.ranked(Matrix<Float>([[3], [1], [3], [2]]))
        #expect(r.storage == [3.5, 1, 3.5, 2])
    }
}
