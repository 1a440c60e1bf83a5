/// Max-correlation matching (`max-corr`): each neuron of X matched to the neuron of Y it
/// correlates with most, many to one, as in the question that opens the neuron-matching
/// discussion of Li et al. 2016 ("Convergent learning", semi-matching):
///
///     max-corr(X, Y) = (1/|L_X|) Σ_{i∈L_X} max_{j∈L_Y} |r_ij|
///
/// r_ij is the Pearson correlation of neurons i and j over the N samples (`NeuronCorrelation`),
/// or, with `MetricOptions.rankCorrelation` (`--rank-correlation`), the Spearman correlation:
/// Pearson of the columns' average ranks (`RankTransform`). L_X, L_Y are the live (non-
/// constant) neurons; constant ones have no correlation and are left out and counted.
///
/// Because many X neurons may pick the same Y neuron, it can be far above the one-to-one
/// Hungarian matching's mean (`matched-corr`), and when X has no more live neurons than Y it
/// is never below it: that gap is why the many-to-one reading misleads. `extras`: `distinct_y` (how many different Y neurons the
/// matching uses), `dead_x`, `dead_y`.
///
/// A similarity in [0, 1], asymmetric (it averages over X's neurons), invariant to permuting
/// neurons and to scaling or shifting any neuron (Spearman: to any increasing map of a
/// neuron), not to rotations. Double precision. Undefined when a layer has no live neuron.
public struct MaxCorrelationMeasure: TypedPairMeasure {
    /// Spearman instead of Pearson.
    public let rankCorrelation: Bool

    public init(options: MetricOptions) { rankCorrelation = options.rankCorrelation }

    public var metric: Metric { .maxCorr }
    public var preparationKey: String { rankCorrelation ? "ranked-centred-columns-double" : "centred-columns-double" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> CentredColumns {
        try NeuronCorrelation.prepared(rankCorrelation ? RankTransform.ranked(x) : x)
    }

    public func compareLayers(_ cx: CentredColumns, _ cy: CentredColumns) -> PairOutcome {
        var extras = ["dead_x": Double(cx.deadColumnCount), "dead_y": Double(cy.deadColumnCount)]
        guard cx.sampleCount == cy.sampleCount else {
            return PairOutcome(value: .undefined(reason: "X has \(cx.sampleCount) rows while Y has \(cy.sampleCount)"))
        }
        guard let m = NeuronCorrelation(cx, cy).manyToOne else {
            return PairOutcome(value: .undefined(reason: "a layer has no live neuron"), extras: extras)
        }
        extras["distinct_y"] = Double(m.distinctY)
        return PairOutcome(value: .checked(m.meanAbsCorrelation, otherwise: "the mean correlation is not finite"),
                           extras: extras)
    }
}

extension MaxCorrelationMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // As `matched-corr`: the layer kept by `CentredColumns`, a ranked copy while preparing
        // (Spearman), and one pair's d×d correlations.
        let n = Double(n), d = Double(d)
        return 8 * n * d + 4 * n * d + 8 * (n + d) + 8 * d * d
    }
}
