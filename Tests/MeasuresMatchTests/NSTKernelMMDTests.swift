import Testing
import Similarity
import SimilarityTestSupport

/// MMD² with NST's linear and Gaussian kernels against numpy/scipy (explicit kernel matrices
/// over all pairs of raw unit-length neurons; the Gaussian bandwidth from scipy's `cdist`
/// over the pooled set), with their invariances and undefined cases.
@Suite struct NSTKernelMMDTests {
    @Test func matchNumpyOnFixtures() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let linear = outcome(.mmdLinear, x, y), gauss = outcome(.mmdGauss, x, y)
            #expect(close(linear.value.number, pair.mmdLinear, 1e-13), "\(pair.name): \(linear.value) vs \(pair.mmdLinear)")
            #expect(close(gauss.value.number, pair.mmdGauss.value, 1e-12), "\(pair.name): \(gauss.value) vs \(pair.mmdGauss.value)")
            #expect(close(gauss.extras["sigma2"], pair.mmdGauss.sigma2, 1e-12), "\(pair.name) σ²")
            for cell in [linear, gauss] {
                #expect(cell.extras["dead_x"] == Double(pair.mmdPolyZeroNeurons[0]), "\(pair.name)")
                #expect(cell.extras["dead_y"] == Double(pair.mmdPolyZeroNeurons[1]), "\(pair.name)")
            }
        }
    }

    @Test(arguments: [Metric.mmdLinear, .mmdGauss])
    func layerWithItselfIsZero(metric: Metric) {
        let x = SeededLayers.withDeadColumns(SeededLayers.layer(30, 11, seed: 5), [2, 9], value: 0)
        #expect(close(outcome(metric, x, x).value.number, 0, 1e-14), "\(metric)")
    }

    /// Permuting neurons and scaling single neurons by positive factors leave the points and
    /// so the value unchanged; flipping a neuron's sign moves its point (not invariant).
    @Test(arguments: [Metric.mmdLinear, .mmdGauss])
    func invariances(metric: Metric) {
        let x = SeededLayers.layer(40, 7, seed: 6), y = SeededLayers.related(to: x, width: 9, seed: 7)
        let base = outcome(metric, x, y).value.number!
        var xs = x
        for i in 0..<x.rows { xs[i, 1] *= 4; xs[i, 4] *= 0.25 }  // powers of two: exact in float32
        #expect(close(outcome(metric, xs, y).value.number, base, 1e-13), "\(metric) scaling")
        let order = [6, 0, 5, 1, 4, 2, 3]
        var xp = x
        for i in 0..<x.rows { for (k, j) in order.enumerated() { xp[i, k] = x[i, j] } }
        #expect(close(outcome(metric, xp, y).value.number, base, 1e-13), "\(metric) permutation")
        #expect(close(outcome(metric, y, x).value.number, base, 1e-13), "\(metric) symmetry")
    }

    /// The linear kernel's MMD² is the squared distance of the mean points: two layers whose
    /// neurons point along ±e₁ and ±e₂ give ‖e₁/… ‖ sums worked by hand. X: one neuron e₁;
    /// Y: one neuron e₂ → ‖e₁ − e₂‖² = 2; Y: −e₁ → 4, the upper bound.
    @Test func linearKernelWorkedByHand() {
        let x = Matrix<Float>([[1], [0], [0]]), y = Matrix<Float>([[0], [2], [0]]), z = Matrix<Float>([[-3], [0], [0]])
        #expect(outcome(.mmdLinear, x, y).value == .value(2))
        #expect(outcome(.mmdLinear, x, z).value == .value(4))
    }

    @Test(arguments: [Metric.mmdLinear, .mmdGauss])
    func anAllZeroLayerIsUndefined(metric: Metric) {
        let x = Matrix<Float>(rows: 10, cols: 3), y = SeededLayers.layer(10, 4, seed: 8)
        #expect(outcome(metric, x, y).value.reason?.contains("has no live neuron: all 3 neurons are zero on every sample") == true,
                "\(outcome(metric, x, y).value)")
    }

    /// Every pooled point the same: σ² = 0, no bandwidth.
    @Test func gaussianWithOnePointIsUndefined() {
        let x = Matrix<Float>([[1, 2], [1, 2]]), y = Matrix<Float>([[3], [3]])
        let cell = outcome(.mmdGauss, x, y)
        #expect(cell.value.reason?.hasPrefix("every neuron of both layers is the same point") == true, "\(cell.value)")
    }
}
