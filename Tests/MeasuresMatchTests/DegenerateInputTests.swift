import Testing
import Similarity
import SimilarityTestSupport

/// Degenerate layers never trap and never yield NaN: the cell is undefined with a reason.
@Suite struct DegenerateInputTests {
    static let normal = SeededLayers.layer(24, 5, seed: 3)

    static func expectUndefined(_ metric: Metric, _ x: Matrix<Float>, _ y: Matrix<Float>,
                                _ fragment: String, _ label: String) {
        let cell = outcome(metric, x, y)
        #expect(cell.value.number == nil, "\(metric.rawValue) \(label): got \(cell.value)")
        let reason = cell.value.reason ?? ""
        #expect(reason.contains(fragment), "\(metric.rawValue) \(label): reason \"\(reason)\"")
        #expect(cell.extras.values.allSatisfy { $0.isFinite })
    }

    /// A constant layer (3.5 everywhere; for the MMD family, which takes raw responses as NST
    /// does and so sees a constant neuron as the direction of 1, a layer of zeros).
    @Test(arguments: matchMeasures)
    func constantLayer(metric: Metric) {
        let mmd: Set<Metric> = [.mmdPoly, .mmdLinear, .mmdGauss]
        let constant = Matrix<Float>(rows: 24, cols: 5, repeating: mmd.contains(metric) ? 0 : 3.5)
        let fragment = [Metric.procrustes: "constant", .mmdPoly: "no live neuron", .mmdLinear: "no live neuron",
                        .mmdGauss: "no live neuron", .knn: "constant", .matchedCorr: "no live neuron",
                        .maxCorr: "no live neuron"][metric]!
        Self.expectUndefined(metric, constant, Self.normal, fragment, "constant row layer")
        Self.expectUndefined(metric, Self.normal, constant, fragment, "constant column layer")
    }

    @Test(arguments: matchMeasures)
    func layerWithoutNeurons(metric: Metric) {
        let empty = Matrix<Float>(rows: 24, cols: 0)
        Self.expectUndefined(metric, empty, Self.normal, "X has no neurons", "no neurons (row)")
        Self.expectUndefined(metric, Self.normal, empty, "Y has no neurons", "no neurons (column)")
    }

    @Test(arguments: matchMeasures)
    func nonFiniteValues(metric: Metric) {
        var bad = Self.normal
        bad[2, 2] = .nan
        bad[5, 0] = -.infinity
        Self.expectUndefined(metric, bad, Self.normal, "2 NaN or infinite values", "NaN")
    }

    /// One sample: nothing varies, so every measure built on centred layers is undefined; the
    /// MMD family (raw responses, NST) still has a unit neuron ±1 per non-zero neuron, and a
    /// layer against itself is 0.
    @Test(arguments: matchMeasures)
    func singleSample(metric: Metric) {
        let one = Self.normal.rowSlice(0..<1)
        let cell = outcome(metric, one, one)
        if [.mmdPoly, .mmdLinear, .mmdGauss].contains(metric) {
            #expect(cell.value == .value(0), "\(cell.value)")
        } else {
            #expect(cell.value.number == nil && !(cell.value.reason ?? "").isEmpty, "\(metric.rawValue): \(cell.value)")
        }
    }

    @Test(arguments: matchMeasures)
    func differentSampleCounts(metric: Metric) {
        Self.expectUndefined(metric, Self.normal, Self.normal.rowSlice(0..<20), "samples", "mismatch")
    }

    @Test(arguments: matchMeasures)
    func hugeButFiniteValuesGiveANumberOrAReason(metric: Metric) {
        let big = SeededLayers.scaled(Self.normal, by: 1e37)
        let cell = outcome(metric, big, Self.normal)
        if let v = cell.value.number { #expect(v.isFinite, "\(metric.rawValue)") }
        else { #expect(!(cell.value.reason ?? "").isEmpty) }
    }

    /// One live neuron left: every measure gives a number, except mutual kNN, for which a 1-D
    /// layer's neighbour sets are decided by ties (every cosine is ±1) and which says so.
    @Test func onlySomeDeadNeuronsStillGiveNumbers() {
        let x = SeededLayers.withDeadColumns(Self.normal, [0, 1, 2, 3])      // one live neuron left
        for metric in matchMeasures {
            let cell = outcome(metric, x, Self.normal)
            if metric == .knn {
                #expect(cell.value.reason?.hasPrefix("ties decide the neighbour sets of") == true, "\(cell.value)")
            } else {
                #expect(cell.value.number?.isFinite == true, "\(metric.rawValue)")
            }
        }
    }
}
