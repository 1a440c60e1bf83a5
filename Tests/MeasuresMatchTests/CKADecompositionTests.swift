import Testing
import Similarity
import SimilarityTestSupport

/// The principal-component split of linear CKA against numpy (SVD and the trace form of
/// the biased HSIC) and against `CKAResult`.
@Suite struct CKADecompositionTests {
    @Test func matchesNumpyOnFixtures() throws {
        let manifest = try Fixtures.manifest()
        for pair in manifest.pairs {
            let x = try Fixtures.matrix(pair.x, in: manifest), y = try Fixtures.matrix(pair.y, in: manifest)
            let expected = pair.ckaSplit
            let d = try CKADecomposer.decompose(x: x, y: y).get()
            #expect(relativelyClose(d.total, expected.total, 1e-12), "\(pair.name): \(d.total) vs \(expected.total)")
            #expect(relativelyClose(d.total, expected.hsicTrace, 1e-12), "\(pair.name): trace form \(expected.hsicTrace)")
            #expect(d.top.count == 8)
            for (got, want) in zip(d.top, expected.top) {
                #expect(got.i == want.i && got.j == want.j, "\(pair.name): (\(got.i), \(got.j)) vs (\(want.i), \(want.j))")
                #expect(relativelyClose(got.value, want.value, 1e-9), "\(pair.name)")
                #expect(relativelyClose(got.share, want.share, 1e-9), "\(pair.name)")
                #expect(relativelyClose(got.lambdaX, want.lambdaX, 1e-12), "\(pair.name)")
                #expect(relativelyClose(got.lambdaY, want.lambdaY, 1e-12), "\(pair.name)")
                #expect(close(got.alignment, want.alignment, 1e-9), "\(pair.name)")
            }
            #expect(d.explainedX.count == expected.rankX && d.explainedY.count == expected.rankY, "\(pair.name)")
            for (a, b) in zip(d.explainedX + d.explainedY, expected.explainedX + expected.explainedY) {
                #expect(close(a, b, 1e-12), "\(pair.name)")
            }
        }
    }

    @Test(arguments: [(UInt64(1), 40, 7, 5), (2, 25, 30, 9), (3, 18, 4, 40)])
    func fullDoubleSumEqualsCKAResultsBiasedHSIC(seed: UInt64, n: Int, dx: Int, dy: Int) throws {
        let x = SeededLayers.layer(n, dx, seed: seed)
        let y = SeededLayers.related(to: x, width: dy, seed: seed + 50)
        let d = try CKADecomposer.decompose(x: x, y: y, top: .max).get()
        #expect(d.top.count == d.explainedX.count * d.explainedY.count, "seed \(seed)")
        let sum = d.top.reduce(0) { $0 + $1.value }
        #expect(relativelyClose(sum, d.total, 1e-12), "seed \(seed)")
        #expect(relativelyClose(d.top.reduce(0) { $0 + $1.share }, 1, 1e-12), "seed \(seed)")
        #expect(zip(d.top, d.top.dropFirst()).allSatisfy { $0.value >= $1.value }, "seed \(seed): not sorted")
        // CKAResult's cross term comes from float32 Gram matrices; the split is in double.
        let cka = CKAResult(try LinearKernel.statistics(of: x, form: .features),
                            try LinearKernel.statistics(of: y, form: .features))
        #expect(relativelyClose(d.total, cka.biased.xy, 1e-5), "seed \(seed): \(d.total) vs \(cka.biased.xy)")
        #expect(relativelyClose(d.explainedX.reduce(0, +), 1, 1e-12))
    }

    @Test func degenerateInputsFailWithAReason() {
        let x = SeededLayers.layer(12, 3, seed: 1)
        let constant = Matrix<Float>(rows: 12, cols: 4, repeating: 2)
        #expect(CKADecomposer.decompose(x: x, y: constant).failure
                == .degenerate("the column layer is constant (every neuron has zero variance)"))
        #expect(CKADecomposer.decompose(x: x.rowSlice(0..<1), y: x.rowSlice(0..<1)).failure
                == .tooFewSamples(needed: 2, have: 1))
        #expect(CKADecomposer.decompose(x: x, y: x.rowSlice(0..<11)).failure
                == .sampleCountMismatch(rows: 12, cols: 11))
        var bad = x
        bad[3, 1] = .nan
        #expect(CKADecomposer.decompose(x: bad, y: x).failure == .nonFinite(count: 1))
        #expect(CKADecomposer.decompose(x: x, y: x, isCancelled: { true }).failure == .cancelled)
        // Orthogonal centred layers: HSIC(K, L) = 0, nothing to split.
        let a = Matrix<Float>([[1, 0], [-1, 0], [0, 0], [0, 0]])
        let b = Matrix<Float>([[0], [0], [1], [-1]])
        #expect(CKADecomposer.decompose(x: a, y: b).failure != nil)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
