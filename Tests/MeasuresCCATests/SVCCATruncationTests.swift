import Testing
import Similarity
import SimilarityTestSupport

/// SVCCA's choice of k. The expected counts are worked by hand in the comments.
@Suite struct SVCCATruncationTests {
    /// σ = 10, 5, 3, 0.1 → σ² = 100, 25, 9, 0.01, total 134.01, cumulative 100, 125, 134, 134.01.
    static let spectrum: [Double] = [10, 5, 3, 0.1]

    @Test(arguments: [
        (0.5, 1),   // 67.005 ≤ 100
        (0.9, 2),   // 120.609: 100 < it ≤ 125
        (0.99, 3),  // 132.6699: 125 < it ≤ 134 (not 1: the single-direction bug)
        (1.0, 4),   // 134.01: needs every direction
    ])
    func keptDirections(fraction: Double, expected: Int) {
        #expect(SVCCATruncation.keptDirections(singularValues: Self.spectrum, rank: 4, fraction: fraction) == expected)
    }

    @Test func cappedAtTheRank() {
        #expect(SVCCATruncation.keptDirections(singularValues: Self.spectrum, rank: 3, fraction: 1) == 3)
        #expect(SVCCATruncation.keptDirections(singularValues: [0, 0], rank: 0, fraction: 0.99) == 0)
    }

    /// End to end: layers built as U diag(σ) Vᵀ with U orthonormal and orthogonal to 1 (so
    /// already centred) have exactly the singular values σ. X: σ = 10, 5, 3, 0.1 keeps 3 at 99 %.
    /// Y: six equal σ keep all 6 (five hold 5/6 < 99 %).
    @Test func measureReportsKeptDirections() {
        let n = 50
        var g = SeededGenerator(seed: 9)
        var z = g.normalMatrix(rows: n, cols: 10)
        for j in 0..<10 {   // centre the columns, so U ⟂ 1
            let m = (0..<n).reduce(0.0) { $0 + z[$1, j] } / Double(n)
            for i in 0..<n { z[i, j] -= m }
        }
        let u = LAPACK.thinQ(z)!
        func layer(_ columns: Range<Int>, _ sigma: [Double], seed: UInt64) -> Matrix<Float> {
            var h = SeededGenerator(seed: seed)
            let v = LAPACK.thinQ(h.normalMatrix(rows: sigma.count, cols: sigma.count))!
            var us = Matrix<Double>(rows: n, cols: sigma.count)
            for i in 0..<n { for (k, j) in columns.enumerated() { us[i, k] = u[i, j] * sigma[k] } }
            return BLAS.product(us, v, transposeB: true).toFloat()
        }
        let x = layer(0..<4, Self.spectrum, seed: 10)
        let y = layer(4..<10, [1, 1, 1, 1, 1, 1], seed: 11)
        let o = outcome(.svcca, x, y)
        #expect(o.extras["svcca_k_x"] == 3, "\(o.extras)")
        #expect(o.extras["svcca_k_y"] == 6, "\(o.extras)")
        // The spans were built orthogonal, so every canonical correlation is 0 (up to the
        // Float32 rounding of the layers).
        #expect(close(o.value.number, 0, 1e-5), "\(o.value)")
        #expect(outcome(.svcca, x, y, options: MetricOptions(svccaVarianceKept: 0.5)).extras["svcca_k_x"] == 1)
    }
}
