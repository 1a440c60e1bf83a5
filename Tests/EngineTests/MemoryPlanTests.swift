import Engine
import Similarity
import Testing

/// The memory plan's choices, at the sizes where they change.
@Suite struct MemoryPlanTests {
    static let gib = 1 << 30
    let twelve = Array(repeating: 1024, count: 6)

    @Test func theHeadlessGridStaysInMemoryWhenTheCentredLayersFit() {
        // 2 × 6 × 1024 at N = 20,000: 983 MB centred; the Grams (12 × 800 MB) do not fit.
        let plan = MemoryPlan(budget: Int(1.8 * Double(Self.gib)))
        let r = plan.grid(n: 20_000, rowWidths: twelve, colWidths: twelve, same: false, choice: .auto,
                          batchSize: 1000, sums: false, threads: 2)
        #expect(r == .success(.inMemory(.features)))
    }

    @Test func theHeadlessGridStreamsWhenTheLayersDoNotFit() {
        let plan = MemoryPlan(budget: Int(1.8 * Double(Self.gib)))
        let r = plan.grid(n: 40_000, rowWidths: twelve, colWidths: twelve, same: false, choice: .auto,
                          batchSize: 1000, sums: false, threads: 2)
        #expect(r == .success(.streaming))
    }

    @Test func belowTheStreamingFloorAutoFallsBackToMinibatchAndExactIsRefused() {
        let plan = MemoryPlan(budget: 1 << 20)
        let auto = plan.grid(n: 40_000, rowWidths: twelve, colWidths: twelve, same: false, choice: .auto,
                             batchSize: 500, sums: false, threads: 2)
        #expect(auto == .success(.minibatch(batchSize: 500)))
        let exact = plan.grid(n: 40_000, rowWidths: twelve, colWidths: twelve, same: false, choice: .exact,
                              batchSize: 500, sums: false, threads: 2)
        guard case .failure(let refusal) = exact else { Issue.record("exact was not refused: \(exact)"); return }
        #expect(refusal.description.contains("--memory allows 1 MiB"))
    }

    @Test func shardSumsAlwaysStream() {
        let r = MemoryPlan.unlimited.grid(n: 400, rowWidths: [8], colWidths: [8], same: false, choice: .auto,
                                          batchSize: 100, sums: true, threads: 1)
        #expect(r == .success(.streaming))
    }

    @Test func theExplorerGridTakesTheCheaperFormThatFitsElseStreams() {
        let wide = Array(repeating: 2048, count: 12)
        // Wide layers against few samples: the Gram form is cheaper and fits.
        #expect(MemoryPlan.unlimited.kernelForm(n: 2000, rowWidths: wide, colWidths: wide) == .gram)
        // The same grid with the Grams over the budget: the feature form.
        let budget = Int(MemoryPlan.inMemoryBytes(form: .features, n: 2000, widths: wide + wide, threads: 1)) + 1
        #expect(MemoryPlan(budget: budget).kernelForm(n: 2000, rowWidths: wide, colWidths: wide) == .features)
        // Neither fits: streaming.
        #expect(MemoryPlan(budget: budget / 2).kernelForm(n: 2000, rowWidths: wide, colWidths: wide) == .streaming)
    }

    @Test func aPairUsesTheGramOnlyWhenBothGramsFit() {
        #expect(MemoryPlan(budget: 40 * Self.gib).pairForm(n: 20_000, widths: (256, 256)) == .gram)
        #expect(MemoryPlan(budget: Self.gib).pairForm(n: 20_000, widths: (256, 256)) == .features)
        #expect(MemoryPlan(budget: 1 << 20).pairForm(n: 20_000, widths: (256, 256)) == .streaming)
    }

    @Test func aMeasureThatCannotFitIsRefusedWithItsNameAndSize() {
        let plan = MemoryPlan(budget: Self.gib)
        let rbf = MeasureFactory.measure(for: .rbfCKA, options: MetricOptions())
        let refusal = plan.refusal(for: rbf, n: 20_000, widths: (64, 64))
        #expect(refusal?.description.hasPrefix("not computed within --memory 1.0 GiB: rbf-cka needs about") == true)
        let cca = MeasureFactory.measure(for: .ccaRho, options: MetricOptions())
        #expect(plan.refusal(for: cca, n: 20_000, widths: (64, 64)) == nil)
        // What the caller already holds counts.
        #expect(plan.refusal(for: cca, n: 20_000, widths: (64, 64), held: Double(Self.gib)) != nil)
    }

    @Test func theDrillChecksEachPiece() {
        let small = DrillJob.Budget(plan: MemoryPlan(budget: 64 << 20), n: 20_000, widths: (256, 256))
        #expect(small.layers == nil)  // 41 MB of layers fit in 64 MiB
        #expect(small.decomposition?.description.contains("principal-component split") == true)
        #expect(small.matching?.description.contains("neuron matching") == true)
        let roomy = DrillJob.Budget(plan: MemoryPlan(budget: Self.gib), n: 20_000, widths: (256, 256))
        #expect(roomy.decomposition == nil && roomy.matching == nil)
        let features = MeasureFactory.measure(for: .linearCKA, options: MetricOptions(), form: .features)
        #expect(roomy.significance(features) == nil)
        let tiny = DrillJob.Budget(plan: MemoryPlan(budget: 1 << 20), n: 20_000, widths: (256, 256))
        #expect(tiny.layers?.description.contains("the two layers (20000×256 and 20000×256)") == true)
    }

    @Test func theExplorerSplitsTheBudgetBetweenTheGridAndTheDrill() {
        #expect(MemoryPlan(budget: 1000).share(2) == MemoryPlan(budget: 500))
        #expect(MemoryPlan.unlimited.share(2) == .unlimited)
    }
}
