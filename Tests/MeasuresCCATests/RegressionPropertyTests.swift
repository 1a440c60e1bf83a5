import Testing
import Similarity
import SimilarityTestSupport

/// Properties of `regression` that follow from least squares with an intercept.
@Suite struct RegressionPropertyTests {
    static let seeds: [UInt64] = [4, 5, 6]

    /// Y = XA + 1bᵀ with A invertible is predicted exactly: R² = 1, in sample and held out.
    /// Y is rounded once to Float32, so the residual is rounding alone: 1 − R² ≈ 1e-13.
    @Test(arguments: seeds)
    func affineCopyIsExplainedExactly(seed: UInt64) {
        let x = CCATestData.layer(80, 6, seed: seed)
        let y = CCATestData.affine(x, CCATestData.invertible(6, seed: seed &+ 1), shift: [3, -1, 0.5, 7, -4, 2])
        let o = outcome(.regression, x, y)
        #expect(close(o.value.number, 1, 1e-9), "seed \(seed): \(o.value)")
        #expect(close(o.extras["regression_heldout_r2"], 1, 1e-6), "seed \(seed): \(o.extras)")
    }

    /// The span of X's centred neurons, and so the fit, is unchanged by X ↦ XM + 1bᵀ.
    @Test(arguments: seeds)
    func invariantToInvertibleMapsOfX(seed: UInt64) {
        let x = CCATestData.layer(70, 5, seed: seed)
        let y = CCATestData.related(to: x, width: 8, seed: seed &+ 2)
        let base = outcome(.regression, x, y)
        let xm = CCATestData.affine(x, CCATestData.invertible(5, seed: seed &+ 3), shift: [1, 2, 3, 4, 5])
        let moved = outcome(.regression, xm, y)
        #expect(close(moved.value.number, base.value.number!, 1e-5), "seed \(seed)")
        #expect(close(moved.extras["regression_heldout_r2"], base.extras["regression_heldout_r2"]!, 1e-5), "seed \(seed)")
    }

    /// When X spans every centred direction (D_X ≥ N), the in-sample R² is 1 whatever Y is,
    /// and only the held-out figure says something. Here Y is unrelated noise, so it is negative.
    @Test(arguments: seeds)
    func wideXFitsAnythingInSampleOnly(seed: UInt64) {
        let x = CCATestData.layer(20, 30, seed: seed)
        let y = CCATestData.layer(20, 3, seed: seed &+ 4)
        let o = outcome(.regression, x, y)
        #expect(close(o.value.number, 1, 1e-9), "seed \(seed): \(o.value)")
        let held = o.extras["regression_heldout_r2"]
        #expect(held != nil && held! < 0, "seed \(seed): \(o.extras)")
    }

    /// Regression is asymmetric: a narrow X explains part of a wide Y, while the wide Y
    /// explains X completely.
    @Test func asymmetric() {
        let y = CCATestData.layer(60, 8, seed: 7)
        let x = y.selectingColumns([0, 1])
        #expect(close(outcome(.regression, y, x).value.number, 1, 1e-9))
        #expect(outcome(.regression, x, y).value.number! < 0.9)
    }

    /// A constant predictor leaves only the intercept, which predicts Y's mean: R² = 0 exactly.
    @Test func constantPredictorExplainsNothing() {
        let x = Matrix<Float>(rows: 30, cols: 3, repeating: 1.5)
        let o = outcome(.regression, x, CCATestData.layer(30, 4, seed: 8))
        #expect(o.value.number == 0)
        let held = o.extras["regression_heldout_r2"]
        #expect(held != nil && held! <= 0, "\(o.extras)")
    }
}
