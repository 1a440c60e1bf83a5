import Testing
import Similarity

/// The LAPACK wrappers return what they document.
@Suite struct LAPACKTests {
    @Test(arguments: [(5, 3), (3, 5), (4, 4)])
    func singularValuesOnlyMatchTheFullSVD(shape: (Int, Int)) throws {
        var g = SeededGenerator(seed: UInt64(shape.0 * 10 + shape.1))
        let a = g.normalMatrix(rows: shape.0, cols: shape.1)
        let full = try #require(LAPACK.svd(a))
        let only = try #require(LAPACK.singularValues(a))
        #expect(only.count == min(shape.0, shape.1))
        for (p, q) in zip(only, full.singularValues) { #expect(abs(p - q) <= 1e-12 * max(1, q)) }
        // U Σ Vᵀ reconstructs A.
        var us = full.u
        for i in 0..<us.rows { for j in 0..<us.cols { us[i, j] *= full.singularValues[j] } }
        let back = BLAS.product(us, full.vt)
        for (p, q) in zip(back.storage, a.storage) { #expect(abs(p - q) <= 1e-12) }
    }

    @Test func thinQHasOrthonormalColumns() throws {
        var g = SeededGenerator(seed: 9)
        let q = try #require(LAPACK.thinQ(g.normalMatrix(rows: 7, cols: 4)))
        let qtq = BLAS.product(q, transposeA: true, q)
        for i in 0..<4 { for j in 0..<4 { #expect(abs(qtq[i, j] - (i == j ? 1 : 0)) < 1e-12) } }
    }

    @Test func symmetricEigenDecomposes() throws {
        let a = Matrix<Double>([[2, 1], [1, 2]])
        let e = try #require(LAPACK.symmetricEigen(a))
        #expect(abs(e.values[0] - 1) < 1e-12 && abs(e.values[1] - 3) < 1e-12)
    }
}
