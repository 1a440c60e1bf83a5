import Testing
import Similarity
import SimilarityTestSupport

/// Degenerate inputs give undefined cells with a reason, never NaN.
@Suite struct DegenerateCKATests {
    @Test(arguments: [Metric.linearCKA, .debiasedCKA, .rbfCKA])
    func constantLayerIsUndefined(metric: Metric) {
        let constant = Matrix<Float>(rows: 20, cols: 4, repeating: 2.5)
        let y = SeededLayers.layer(20, 3, seed: 61)
        let v = ckaValue(metric, constant, y)
        #expect(v.number == nil)
        #expect(v.reason != nil && !v.reason!.isEmpty)
        #expect(ckaValue(metric, y, constant).number == nil)
    }

    @Test func nonFiniteLayerIsUndefinedAndCounted() {
        var x = SeededLayers.layer(10, 3, seed: 62)
        x[2, 1] = .nan
        x[4, 0] = .infinity
        let v = ckaValue(.linearCKA, x, SeededLayers.layer(10, 2, seed: 63))
        #expect(v.number == nil)
        #expect(v.reason?.contains("2 NaN or infinite values") == true, "\(v)")
    }

    @Test func debiasedNeedsMoreThanThreeSamples() {
        let x = SeededLayers.layer(3, 2, seed: 64)
        let y = SeededLayers.layer(3, 2, seed: 65)
        #expect(ckaValue(.debiasedCKA, x, y).reason?.contains("more than 3 samples") == true)
        #expect(ckaValue(.linearCKA, x, y).number != nil)
    }

    @Test func mismatchedSampleCountsNameBothLayers() {
        let v = ckaValue(.linearCKA, SeededLayers.layer(10, 2, seed: 66), SeededLayers.layer(12, 2, seed: 67))
        #expect(v.reason == "X has 10 samples while Y has 12")
    }
}
