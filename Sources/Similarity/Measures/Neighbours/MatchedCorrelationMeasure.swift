/// Mean |Pearson correlation| of the one-to-one neuron matching (`matched-corr`).
///
///     matched-corr(X, Y) = (1/k) Σ_(i,j)∈M |r_ij|,   M = argmax over matchings Σ |r_ij|
///
/// r_ij is the Pearson correlation of neuron i of X with neuron j of Y over the N samples
/// (see `NeuronCorrelation`); M pairs k = min(live D_X, live D_Y) neurons one to one, found
/// by the Hungarian algorithm (after Li et al. 2016, "Convergent learning"). Constant (dead)
/// neurons are left out before matching, so they do not drag the mean down — a layer
/// compared with itself scores 1 however many neurons are dead — and their numbers are
/// reported in `extras` as `dead_x`, `dead_y`.
///
/// A similarity in [0, 1], symmetric, invariant to permuting neurons and to scaling or
/// shifting any neuron (not to rotations). Double precision throughout. Undefined when a
/// layer has no live neuron.
public struct MatchedCorrelationMeasure: TypedPairMeasure {
    public init() {}

    public var metric: Metric { .matchedCorr }
    public var preparationKey: String { "centred-columns-double" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> CentredColumns {
        try NeuronCorrelation.prepared(x)
    }

    public func compareLayers(_ cx: CentredColumns, _ cy: CentredColumns) -> PairOutcome {
        let extras = ["dead_x": Double(cx.deadColumnCount), "dead_y": Double(cy.deadColumnCount)]
        do {
            let matching = try NeuronMatcher.match(cx, cy)
            guard let mean = matching.meanAbsCorrelation else {
                return PairOutcome(value: .undefined(reason: "no neurons could be matched"), extras: extras)
            }
            return PairOutcome(value: .checked(mean, otherwise: "the mean correlation is not finite"), extras: extras)
        } catch {
            return PairOutcome(value: .undefined(reason: "\(error)"), extras: extras)
        }
    }
}

extension MatchedCorrelationMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // The raw layer kept by `CentredColumns`, its centred copy while comparing, and the
        // d×d correlations of a pair.
        let n = Double(n), d = Double(d)
        return 8 * n * d + 8 * (n + d) + 8 * d * d
    }
}
