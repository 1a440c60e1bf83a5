import Foundation
import Testing
import Engine
import Similarity
import SimilarityTestSupport

/// The feature-space measures from streamed sums (`StreamingFeatureGrid`, `FeatureSums`)
/// against the in-memory measures, which are checked against numpy elsewhere: the rank rule
/// on covariance eigenvalues, regression's held-out R², and budget-bound passes.
@Suite struct FeatureSumsTests {
    static func layer(_ x: Matrix<Float>, _ id: String) -> GridLayer {
        GridLayer(id: id, label: "layer \(id)", source: InMemoryActivations(x))
    }

    /// An n×d layer with singular directions of relative strengths `strengths` (the rest of
    /// its columns exact copies, or a constant neuron), shifted off the origin.
    static func designed(n: Int, strengths: [Double], duplicates: Int, dead: Int, seed: UInt64) -> Matrix<Float> {
        var g = SeededGenerator(seed: seed)
        let k = strengths.count
        let u = LAPACK.thinQ(g.normalMatrix(rows: n, cols: k))!
        let v = LAPACK.thinQ(g.normalMatrix(rows: k, cols: k))!
        let d = k + duplicates + dead
        var x = Matrix<Float>(rows: n, cols: d)
        for i in 0..<n {
            for j in 0..<k {
                var s = 0.0
                for t in 0..<k { s += u[i, t] * 30 * strengths[t] * v[j, t] }
                x[i, j] = Float(s + 2)
            }
            for j in 0..<duplicates { x[i, k + j] = x[i, j] }
            for j in 0..<dead { x[i, k + duplicates + j] = 0.5 }
        }
        return x
    }

    /// σ > t·σ_max and λ = σ² > t²·λ_max decide alike, away from exact ties.
    @Test func theRankRuleOnEigenvaluesIsTheRuleOnSingularValues() {
        var g = SeededGenerator(seed: 5)
        for _ in 0..<2000 {
            let count = 1 + Int(g.nextUnit() * 30)
            let sigma = (0..<count).map { _ in pow(10, -12 * g.nextUnit()) }.sorted(by: >)
            let lambda = sigma.map { $0 * $0 }
            for rtol in [1e-6, 1e-3, 1e-9] {
                #expect(NumericalRank.relativeRank(singularValues: sigma, relativeTolerance: rtol)
                        == NumericalRank.relativeRank(eigenvalues: lambda, relativeTolerance: rtol))
            }
            #expect(NumericalRank.rank(singularValues: sigma, rows: 400, cols: 30) == NumericalRank.rank(eigenvalues: lambda, rows: 400, cols: 30))
        }
        #expect(NumericalRank.relativeRank(eigenvalues: [0, 0], relativeTolerance: 1e-6) == 0)
    }

    /// On data with weak directions (down to 1e-5·σ_max), duplicated and constant neurons, the
    /// streamed rank is the SVD's, and so are the CCA family's values (to 1e-6).
    @Test func streamedRanksAndCanonicalCorrelationsMatchTheSVDPath() throws {
        let x = Self.designed(n: 300, strengths: [1, 0.5, 0.1, 1e-2, 1e-3, 1e-4, 1e-5], duplicates: 3, dead: 2, seed: 11)
        let y = Self.designed(n: 300, strengths: [1, 0.2, 1e-3, 1e-5], duplicates: 1, dead: 1, seed: 12)
        let rows = [Self.layer(x, "x")], cols = [Self.layer(y, "y")]
        for metric in [Metric.ccaRho, .ccaR2, .svcca, .pwcca] {
            let measure = MeasureFactory.measure(for: metric, options: MetricOptions())
            let memory = try GridComputation(rows: rows, cols: cols, measure: measure).run()[0][0]
            let streamed = try StreamingFeatureGrid.compute(rows: rows, cols: cols, range: 0..<300, metric: metric,
                                                            options: MetricOptions(), memoryBudget: Int.max, blockRows: 64).outcomes[0][0]
            #expect(memory.extras["rank_x"] == 7 && memory.extras["rank_y"] == 4, "\(memory.extras)")
            #expect(streamed.extras["rank_x"] == memory.extras["rank_x"] && streamed.extras["rank_y"] == memory.extras["rank_y"])
            #expect(streamed.extras["svcca_k_x"] == memory.extras["svcca_k_x"])
            #expect(close(streamed.value.number, memory.value.number!, 1e-6), "\(metric): \(streamed.value) vs \(memory.value)")
        }
    }

    /// The held-out R² (fit on the first ⌊N/2⌋ samples, evaluated on the rest, as
    /// `HeldOutRegressionLayer`) from the two halves' sums equals the in-memory value, also
    /// when a block straddles the split and when the predictor is rank-deficient.
    @Test(arguments: [64, 7])
    func heldOutRegressionFromSumsMatchesTheInMemoryFit(blockRows: Int) throws {
        let a = SeededLayers.layer(201, 9, seed: 3)
        let rows = [Self.layer(a, "a"), Self.layer(Self.designed(n: 201, strengths: [1, 0.3, 1e-3], duplicates: 2, dead: 1, seed: 4), "low")]
        let cols = [Self.layer(SeededLayers.related(to: a, width: 6, seed: 5), "b"), Self.layer(SeededLayers.layer(201, 4, seed: 6), "c")]
        let memory = try GridComputation(rows: rows, cols: cols, measure: RegressionMeasure()).run()
        let streamed = try StreamingFeatureGrid.compute(rows: rows, cols: cols, range: 0..<201, metric: .regression,
                                                        options: MetricOptions(), memoryBudget: Int.max, blockRows: blockRows).outcomes
        for i in 0..<2 {
            for j in 0..<2 {
                let want = try #require(memory[i][j].extras["regression_heldout_r2"])
                let got = try #require(streamed[i][j].extras["regression_heldout_r2"])
                #expect(abs(got - want) <= 1e-9, "[\(i)][\(j)] held-out \(got) vs \(want)")
                #expect(close(streamed[i][j].value.number, memory[i][j].value.number!, 1e-9))
            }
        }
    }

    /// A budget that forces one pair per pass gives the one-pass grid's values exactly as the
    /// pairs are the same sums; and the square grid mirrors symmetric measures.
    @Test(arguments: [Metric.procrustes, .pwcca, .maxCorr, .mmdGauss])
    func tightBudgetsGiveTheSameGrid(metric: Metric) throws {
        let layers = LinearCKAGridTests.layers([5, 12, 3], n: 90, seed: 61, tag: "a")
        let wide = try StreamingFeatureGrid.compute(rows: layers, cols: layers, range: 0..<90, metric: metric,
                                                    options: MetricOptions(), memoryBudget: Int.max, blockRows: 16).outcomes
        let tight = try StreamingFeatureGrid.compute(rows: layers, cols: layers, range: 0..<90, metric: metric,
                                                     options: MetricOptions(), memoryBudget: 1, blockRows: 16).outcomes
        let memory = try GridComputation(rows: layers, cols: layers, measure: MeasureFactory.measure(for: metric, options: MetricOptions())).run()
        for i in 0..<3 {
            for j in 0..<3 {
                #expect(wide[i][j].value == tight[i][j].value, "\(metric) [\(i)][\(j)]")
                #expect(close(wide[i][j].value.number, memory[i][j].value.number!, 1e-9), "\(metric) [\(i)][\(j)] \(wide[i][j].value) vs \(memory[i][j].value)")
            }
        }
    }

    /// A constant layer is undefined with the in-memory path's reason, naming the layer.
    @Test func constantLayersAreUndefinedWithAReason() throws {
        let constant = Matrix<Float>(rows: 50, cols: 4, repeating: 1.5)
        let rows = [Self.layer(constant, "k")], cols = [Self.layer(SeededLayers.layer(50, 3, seed: 9), "y")]
        for metric in [Metric.ccaRho, .matchedCorr, .procrustes] {
            let o = try StreamingFeatureGrid.compute(rows: rows, cols: cols, range: 0..<50, metric: metric,
                                                     options: MetricOptions(), memoryBudget: Int.max).outcomes[0][0]
            let reason = try #require(o.value.reason, "\(metric) should be undefined")
            #expect(reason.contains("constant"), "\(metric): \(reason)")
        }
    }
}
