/// Squared maximum mean discrepancy between the two layers' neurons under the linear kernel
/// k(a, b) = aᵀb (`mmd-linear`), as in Neuron Selectivity Transfer (Huang & Wang 2017).
///
/// The points are the unit-length raw neurons of `UnitNeurons` (no mean removed, dead neurons
/// at the origin). The biased (V-statistic) estimate over all pairs, with d_X, d_Y the widths
/// (dead neurons included), is the squared distance between the mean points:
///
///     MMD² = (1/d_X²) Σ_ij x̂_iᵀx̂_j + (1/d_Y²) Σ_ij ŷ_iᵀŷ_j − (2/(d_X d_Y)) Σ_ij x̂_iᵀŷ_j
///          = ‖m_X − m_Y‖²,   m_X = (1/d_X) Σ_i x̂_i
///
/// A distance in [0, 4] (each mean point has length ≤ 1; 4 only for opposite directions,
/// which non-negative ReLU responses cannot reach: then ≤ 2). 0 for a layer and itself.
/// Symmetric, invariant to permuting neurons and to scaling any neuron by a positive factor;
/// not to rotations, nor to a neuron's sign, nor to shifts. Computed in double precision.
/// `extras`: `dead_x`, `dead_y`. Undefined when every neuron of a layer is zero.
public struct LinearMMDMeasure: TypedPairMeasure {
    public init() {}

    public var metric: Metric { .mmdLinear }
    public var preparationKey: String { "mmd-unit-neurons-mean" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> UnitNeurons {
        try UnitNeurons(x, gram: false)
    }

    public func compareLayers(_ ux: UnitNeurons, _ uy: UnitNeurons) -> PairOutcome {
        let extras = ["dead_x": Double(ux.deadCount), "dead_y": Double(uy.deadCount)]
        guard ux.sampleCount == uy.sampleCount else {
            return PairOutcome(value: .undefined(reason: "X has \(ux.sampleCount) rows while Y has \(uy.sampleCount)"))
        }
        var total = 0.0
        for i in 0..<ux.sampleCount {
            let d = ux.mean[i] - uy.mean[i]
            total += d * d
        }
        return PairOutcome(value: .checked(total, otherwise: "the MMD terms are not finite"), extras: extras)
    }
}

extension LinearMMDMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // The raw layer in double and the scaled copy while preparing; the mean point kept.
        16 * Double(n) * Double(d) + 8 * Double(n)
    }
}
