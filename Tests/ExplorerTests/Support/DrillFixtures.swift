import Explorer
import Similarity

/// Drill-down parts with round numbers, for panel tests.
enum DrillFixtures {
    static let linearTerms = CKAResult(kernel: .linear, sampleCount: 500, widthX: 64, widthY: 64,
                                       biased: HSICTerms(xy: 0.012, xx: 0.02, yy: 0.0125),
                                       unbiased: HSICTerms(xy: 0.011, xx: 0.0195, yy: 0.0121))

    static let decomposition = CKADecomposition(
        total: 0.012,
        top: [.init(i: 0, j: 0, lambdaX: 1200, lambdaY: 950, alignment: 0.81, value: 0.006, share: 0.5),
              .init(i: 1, j: 1, lambdaX: 400, lambdaY: 380, alignment: 0.52, value: 0.0024, share: 0.2),
              .init(i: 0, j: 2, lambdaX: 1200, lambdaY: 120, alignment: 0.1, value: 0.0006, share: 0.05)],
        explainedX: [0.5, 0.2], explainedY: [0.45, 0.2])

    static let matching = NeuronMatching(
        matches: [.init(x: 0, y: 3, correlation: 0.95), .init(x: 1, y: 0, correlation: -0.62),
                  .init(x: 2, y: 1, correlation: 0.61), .init(x: 3, y: 2, correlation: 0.05)],
        deadX: 2, deadY: 0, widthX: 6, widthY: 4)

    static let measures = [
        MeasureRow(metric: .linearCKA, outcome: PairOutcome(value: .value(0.8))),
        MeasureRow(metric: .rbfCKA, outcome: PairOutcome(value: .value(0.7512))),
        MeasureRow(metric: .pwcca, outcome: PairOutcome(value: .undefined(reason: "too few samples"))),
        MeasureRow(metric: .mmdPoly, outcome: PairOutcome(value: .value(0.031))),
    ]

    static let significance = SignificanceSummary(metric: .linearCKA, observed: 0.8, permutationP: 0.001, permutations: 999,
                                                  bootstrapLow: 0.77, bootstrapHigh: 0.83, bootstrapSamples: 200, seed: 7)

    static let sweeps = MatchingSweeps(
        fullRank: 4,
        rank: [.init(k: 1, r2: 0.5, heldOutR2: 0.4), .init(k: 2, r2: 0.7, heldOutR2: 0.6), .init(k: 4, r2: 0.9, heldOutR2: 0.75)],
        alphaMax: 0.2,
        sparsity: [.init(alpha: 0.2, zeroFraction: 1, r2: 0, heldOutR2: 0, converged: true),
                   .init(alpha: 0.02, zeroFraction: 0.5, r2: 0.6, heldOutR2: 0.5, converged: true),
                   .init(alpha: 0.0002, zeroFraction: 0, r2: 0.9, heldOutR2: 0.7, converged: false)])

    static var allParts: [DrillPart] {
        [.linearTerms(.success(linearTerms)), .decomposition(.success(decomposition)), .matching(.success(matching)),
         .measures(measures), .significance(.success(significance)), .sweeps(.success(sweeps))]
    }
}
