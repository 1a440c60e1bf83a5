import Testing
import Similarity

/// The engine picks the cheaper exact form of the linear kernel.
@Suite struct KernelFormCostTests {
    @Test func narrowLayersAgainstManySamplesUseFeatures() {
        #expect(KernelForm.cheapest(sampleCount: 100_000, rowWidths: [64, 64], colWidths: [64]) == .features)
    }

    @Test func wideLayersAgainstFewSamplesUseGramMatrices() {
        #expect(KernelForm.cheapest(sampleCount: 2000, rowWidths: Array(repeating: 2048, count: 12),
                                    colWidths: Array(repeating: 2048, count: 12)) == .gram)
    }
}
