import Foundation
import Testing
import LayerIO
import Engine
import Similarity

/// Every exact path of linear and debiased CKA agrees with a float64 reference to 1e-9 on the
/// samples and on 1-D layers: the whole-grid Gram and feature forms, the cell-by-cell path
/// (the explorer and `pair`), the streamed sums, and shards merged. The reference is
/// `Fixtures/make_float64_paths.py` (numpy, float64 after reading the stored float32 values);
/// its outputs are committed in `float64_paths.json`. Single-precision products lost up to
/// 5e-7 here (the feature form on a 1-D logit layer), so the tolerance is what the fix buys.
@Suite struct Float64AgreementTests {
    static let tolerance = 1e-9

    struct Grid: Decodable, Sendable { let linear_cka: [[Double]]; let debiased_cka: [[Double]] }
    static let reference: [String: Grid] = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/float64_paths.json")
        struct Loose: Decodable {
            let relu: Grid; let wide_tanh: Grid; let one_d: Grid
        }
        let f = try! JSONDecoder().decode(Loose.self, from: Data(contentsOf: url))
        return ["relu": f.relu, "wide_tanh": f.wide_tanh, "one_d": f.one_d]
    }()

    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../samples").standardized.path

    static func layers(_ model: String, tag: String) throws -> [GridLayer] {
        let catalog = try Catalog.open([samples + "/" + model], reduce: .flatten)
        return catalog.models[0].layers.enumerated().map { j, l in
            GridLayer(id: "\(tag)/\(j)", label: l.name, source: l)
        }
    }

    /// Columns 0, 3, 7 of a logit layer, each as a 1-D layer.
    static func oneD(_ model: String, tag: String) throws -> [GridLayer] {
        let logits = try layers(model, tag: tag).last!.source.readAll()
        return [0, 3, 7].map { c in
            var m = Matrix<Float>(rows: logits.rows, cols: 1)
            for i in 0..<logits.rows { m[i, 0] = logits[i, c] }
            return GridLayer(id: "\(tag)/col\(c)", label: "column \(c)", source: InMemoryActivations(m))
        }
    }

    static func cases() throws -> [(String, [GridLayer], [GridLayer])] {
        [("relu", try layers("relu-s0.npz", tag: "r0"), try layers("relu-s1.npz", tag: "r1")),
         ("wide_tanh", try layers("wide.npz", tag: "w"), try layers("tanh-s0", tag: "t0")),
         ("one_d", try oneD("tanh-s0", tag: "t0"), try oneD("tanh-s1.npz", tag: "t1"))]
    }

    static func expectAgrees(_ got: [[PairOutcome]], _ want: [[Double]], _ what: String) {
        var worst = 0.0
        for (i, row) in want.enumerated() { for (j, v) in row.enumerated() {
            worst = max(worst, abs((got[i][j].value.number ?? .nan) - v))
        } }
        #expect(worst <= tolerance, "\(what): largest difference from float64 \(worst)")
    }

    @Test(arguments: [Metric.linearCKA, .debiasedCKA])
    func wholeGridForms(metric: Metric) throws {
        for (name, rows, cols) in try Self.cases() {
            let want = metric == .linearCKA ? Self.reference[name]!.linear_cka : Self.reference[name]!.debiased_cka
            for form in [KernelForm.gram, .features] {
                let got = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: metric, form: form).outcomes
                Self.expectAgrees(got, want, "\(name) \(metric) whole grid, \(form) form")
            }
        }
    }

    @Test(arguments: [Metric.linearCKA, .debiasedCKA])
    func cellByCellForms(metric: Metric) throws {
        for (name, rows, cols) in try Self.cases() {
            let want = metric == .linearCKA ? Self.reference[name]!.linear_cka : Self.reference[name]!.debiased_cka
            for form in [KernelForm.gram, .features] {
                let measure = CKAMeasure(metric: metric, options: MetricOptions(), form: form)
                let got = try GridComputation(rows: rows, cols: cols, measure: measure).run(threads: 2)
                Self.expectAgrees(got, want, "\(name) \(metric) cell by cell, \(form) form")
            }
        }
    }

    @Test(arguments: [Metric.linearCKA, .debiasedCKA])
    func streamedAndMergedShards(metric: Metric) throws {
        for (name, rows, cols) in try Self.cases() {
            let want = metric == .linearCKA ? Self.reference[name]!.linear_cka : Self.reference[name]!.debiased_cka
            let n = rows[0].source.sampleCount
            let whole = try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: 0..<n, memoryBudget: Int.max, blockRows: 128)
            Self.expectAgrees(StreamingLinearGrid.outcomes(whole, rowCount: rows.count, colCount: cols.count, same: false, metric: metric),
                              want, "\(name) \(metric) streamed")
            var merged = try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: 0..<256, memoryBudget: Int.max, blockRows: 128)
            let second = try StreamingLinearGrid.exactSums(rows: rows, cols: cols, range: 256..<n, memoryBudget: Int.max, blockRows: 128)
            #expect(merged.mergeProblem(with: second) == nil)
            merged.merge(second)
            Self.expectAgrees(StreamingLinearGrid.outcomes(merged, rowCount: rows.count, colCount: cols.count, same: false, metric: metric),
                              want, "\(name) \(metric) two shards merged")
        }
    }

    /// The feature form's cross term is computed in the canonical operand order, so B×A is the
    /// exact transpose of A×B (the explorer mirrors one into the other).
    @Test func featureFormIsTranspositionExact() throws {
        for (name, rows, cols) in try Self.cases() {
            for metric in [Metric.linearCKA, .debiasedCKA] {
                let ab = try LinearCKAGrid.compute(rows: rows, cols: cols, metric: metric, form: .features).outcomes
                let ba = try LinearCKAGrid.compute(rows: cols, cols: rows, metric: metric, form: .features).outcomes
                for i in rows.indices { for j in cols.indices {
                    #expect(ab[i][j].value == ba[j][i].value, "\(name) \(metric) [\(i)][\(j)]")
                } }
            }
        }
    }
}
