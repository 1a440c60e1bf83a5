import Testing
import Similarity
import SimilarityTestSupport

/// Properties every measure of this target shares: neuron order does not matter, the
/// symmetric ones are symmetric, and a layer compared with itself scores its best value.
@Suite struct MeasureInvarianceTests {
    @Test(arguments: matchMeasures, [UInt64(1), 2, 3])
    func invariantToPermutedNeurons(metric: Metric, seed: UInt64) {
        let x = SeededLayers.withDeadColumns(SeededLayers.layer(45, 9, seed: seed), [4])
        let y = SeededLayers.related(to: x, width: 7, seed: seed + 20)
        var g = SeededGenerator(seed: seed + 40)
        let base = outcome(metric, x, y)
        let permuted = outcome(metric, x.selectingColumns(g.permutation(9)), y.selectingColumns(g.permutation(7)))
        #expect(close(permuted.value.number, base.value.number ?? .nan, 1e-13),
                "\(metric.rawValue) seed \(seed): \(permuted.value) vs \(base.value)")
        #expect(permuted.extras.keys.sorted() == base.extras.keys.sorted())
    }

    @Test(arguments: matchMeasures.filter(\.isSymmetric), [UInt64(4), 5])
    func symmetric(metric: Metric, seed: UInt64) {
        let x = SeededLayers.layer(33, 6, seed: seed)
        let y = SeededLayers.withDeadColumns(SeededLayers.related(to: x, width: 10, seed: seed + 1), [0, 3])
        let xy = outcome(metric, x, y), yx = outcome(metric, y, x)
        #expect(close(xy.value.number, yx.value.number ?? .nan, 1e-13), "\(metric.rawValue) seed \(seed)")
        let swapped = xy.transposed.extras
        #expect(swapped.keys.sorted() == yx.extras.keys.sorted(), "\(metric.rawValue) seed \(seed)")
        for (key, value) in swapped {
            #expect(close(value, yx.extras[key] ?? .nan, 1e-13), "\(metric.rawValue) seed \(seed): \(key)")
        }
    }

    @Test(arguments: matchMeasures)
    func layerWithItselfScoresItsBest(metric: Metric) {
        let x = SeededLayers.withDeadColumns(SeededLayers.layer(50, 12, seed: 77), [1, 6])
        let best = metric.orientation == .distance ? 0.0 : 1.0
        #expect(close(outcome(metric, x, x).value.number, best, 1e-14), "\(metric.rawValue)")
    }

    @Test(arguments: matchMeasures)
    func valuesStayInTheDocumentedRange(metric: Metric) {
        for seed in UInt64(10)..<UInt64(16) {
            let x = SeededLayers.layer(30, 5 + Int(seed % 4), seed: seed)
            let y = SeededLayers.layer(30, 8, seed: seed + 100)     // unrelated
            let v = outcome(metric, x, y).value.number ?? .nan
            #expect(metric.displayRange.contains(v), "\(metric.rawValue) seed \(seed): \(v)")
        }
    }

    @Test func factoryWiresTheMeasures() {
        for metric in matchMeasures {
            #expect(MeasureFactory.measure(for: metric, options: MetricOptions()).metric == metric)
            #expect(MeasureFactory.available.contains(metric))
        }
        let knn = MeasureFactory.measure(for: .knn, options: MetricOptions(knnK: 7))
        #expect(knn.preparationKey != MeasureFactory.measure(for: .knn, options: MetricOptions(knnK: 8)).preparationKey)
    }
}
