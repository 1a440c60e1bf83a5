import Testing
import Engine
import Similarity
import SimilarityTestSupport

/// The fast whole-grid path gives the same terms as the per-pair evaluator, in both forms,
/// for A×B and A×A grids, with undefined layers named.
@Suite struct LinearCKAGridTests {
    static func layers(_ widths: [Int], n: Int, seed: UInt64, tag: String) -> [GridLayer] {
        widths.enumerated().map { i, d in
            let x = i == 0 ? SeededLayers.layer(n, d, seed: seed) : SeededLayers.related(to: SeededLayers.layer(n, 5, seed: seed), width: d, seed: seed + UInt64(i))
            return GridLayer(id: "\(tag)/\(i)", label: "layer \(i) of \(tag)", source: InMemoryActivations(x))
        }
    }

    static func reference(_ rows: [GridLayer], _ cols: [GridLayer], _ metric: Metric) throws -> [[PairOutcome]] {
        try GridComputation(rows: rows, cols: cols, measure: CKAMeasure(metric: metric, options: MetricOptions())).run()
    }

    @Test(arguments: [KernelForm.gram, .features], [Metric.linearCKA, .debiasedCKA])
    func matchesPerPairEvaluatorOnAnABGrid(form: KernelForm, metric: Metric) throws {
        let rows = Self.layers([3, 8, 17], n: 37, seed: 1, tag: "a")
        let cols = Self.layers([4, 11], n: 37, seed: 2, tag: "b")
        let fast = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: metric, form: form, threads: 2).outcomes
        let slow = try Self.reference(rows, cols, metric)
        for i in rows.indices {
            for j in cols.indices {
                let f = fast[i][j].cka!, s = slow[i][j].cka!
                #expect(close(fast[i][j].value.number, slow[i][j].value.number!, 1e-6), "\(form) \(i),\(j)")
                #expect(close(f.biased.xy, s.biased.xy, 1e-6) && close(f.unbiased!.xy, s.unbiased!.xy, 1e-5 * max(1, s.unbiased!.xx)))
            }
        }
    }

    @Test(arguments: [KernelForm.gram, .features])
    func squareGridUsesSymmetryAndHasUnitDiagonal(form: KernelForm) throws {
        let rows = Self.layers([6, 2, 9, 30], n: 41, seed: 3, tag: "a")
        let fast = try LinearCKAGrid.compute(rows: rows, cols: rows, metric: .linearCKA, form: form, threads: 2).outcomes
        let slow = try Self.reference(rows, rows, .linearCKA)
        for i in rows.indices {
            #expect(close(fast[i][i].value.number, 1, 1e-6))
            for j in rows.indices { #expect(close(fast[i][j].value.number, slow[i][j].value.number!, 1e-6)) }
        }
    }

    /// The headless whole-grid path and the explorer's cell-by-cell path give the same bits,
    /// so an export from the explorer equals `layermap compute`.
    @Test(arguments: [KernelForm.gram, .features], [Metric.linearCKA, .debiasedCKA])
    func identicalToTheCellByCellPath(form: KernelForm, metric: Metric) throws {
        let rows = Self.layers([3, 40, 17], n: 300, seed: 21, tag: "a")
        let cols = Self.layers([8, 25], n: 300, seed: 22, tag: "b")
        for (r, c) in [(rows, cols), (rows, rows)] {
            let fast = try LinearCKAGrid.compute(rows: r, cols: c, metric: metric, form: form, threads: 2).outcomes
            let slow = try GridComputation(rows: r, cols: c,
                                           measure: CKAMeasure(metric: metric, options: MetricOptions(), form: form)).run()
            for i in r.indices { for j in c.indices {
                #expect(fast[i][j].value == slow[i][j].value, "\(form) \(metric) [\(i)][\(j)]")
            } }
        }
    }

    @Test func manyChunksAcrossThreadsStayExact() throws {
        // n = 400 gives 80 200 packed entries: two chunks, so both workers and the double sum run.
        let rows = Self.layers([20, 40], n: 400, seed: 4, tag: "a")
        let cols = Self.layers([10, 60, 5], n: 400, seed: 5, tag: "b")
        let fast = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: .linearCKA, form: .gram, threads: 2).outcomes
        let slow = try Self.reference(rows, cols, .linearCKA)
        for i in rows.indices { for j in cols.indices {
            #expect(close(fast[i][j].value.number, slow[i][j].value.number!, 1e-6))
        } }
    }

    @Test func badLayersGiveUndefinedCellsNamingThem() throws {
        var bad = SeededLayers.layer(20, 3, seed: 6)
        bad[0, 0] = .nan
        let rows = [GridLayer(id: "a/0", label: "layer \"x\" of model \"a\"", source: InMemoryActivations(bad))]
            + Self.layers([4], n: 20, seed: 7, tag: "a2")
        let cols = Self.layers([5, 6], n: 20, seed: 8, tag: "b")
        let fast = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: .linearCKA, form: .gram).outcomes
        #expect(fast[0][1].value.reason == "layer \"x\" of model \"a\" holds 1 NaN or infinite value")
        #expect(fast[1][0].value.number != nil)
    }
}

extension LinearCKAGridTests {
    /// Results do not depend on how many threads computed them (BLAS stays single-threaded).
    @Test(arguments: [KernelForm.gram, .features])
    func sameBitsWithOneOrTwoThreads(form: KernelForm) throws {
        let rows = Self.layers([9, 30, 4], n: 120, seed: 31, tag: "a")
        let cols = Self.layers([12, 7], n: 120, seed: 32, tag: "b")
        let one = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: .linearCKA, form: form, threads: 1).outcomes
        let two = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: .linearCKA, form: form, threads: 2).outcomes
        #expect(one.map { $0.map(\.value) } == two.map { $0.map(\.value) })
    }

    @Test(arguments: [Metric.rbfCKA, .pwcca, .procrustes, .knn])
    func gridComputationIsThreadIndependent(metric: Metric) throws {
        let rows = Self.layers([9, 30, 4], n: 60, seed: 41, tag: "a")
        let cols = Self.layers([12, 7], n: 60, seed: 42, tag: "b")
        let measure = MeasureFactory.measure(for: metric, options: MetricOptions())
        let one = try GridComputation(rows: rows, cols: cols, measure: measure).run(threads: 1)
        let two = try GridComputation(rows: rows, cols: cols, measure: measure).run(threads: 2)
        #expect(one.map { $0.map(\.value) } == two.map { $0.map(\.value) })
    }
}
