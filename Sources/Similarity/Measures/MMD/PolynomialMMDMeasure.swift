/// Squared maximum mean discrepancy between the two layers' neurons under the polynomial
/// kernel k(a, b) = (aᵀb)² (`mmd-poly`), as in Neuron Selectivity Transfer (Huang & Wang
/// 2017), biased (V-statistic) estimate.
///
/// Each layer is a set of points, one per neuron: neuron j of X is its **raw** length-N
/// response vector scaled to unit length, x̂_j = x_j / ‖x_j‖, with no mean subtracted — as
/// NST's code does (`F.normalize` of each channel's responses over the spatial/sample axis,
/// then the polynomial kernel with d = 2, c = 0, and `.mean()` over all pairs). Unlike the
/// other measures here, the layer is not centred: a neuron's mean response is part of its
/// point. A neuron that is zero on every sample (a dead ReLU unit) stays the zero vector (as
/// `F.normalize`'s ε clamp leaves it): still a point, at the origin, with k = 0 against
/// everything. A constant non-zero neuron is a live point (the direction of 1). With d_X, d_Y
/// the layers' widths (dead neurons included):
///
///     MMD² = (1/d_X²) Σ_ij k(x̂_i, x̂_j) + (1/d_Y²) Σ_ij k(ŷ_i, ŷ_j) − (2/(d_X d_Y)) Σ_ij k(x̂_i, ŷ_j)
///          = ‖X̂ᵀX̂‖²_F / d_X² + ‖ŶᵀŶ‖²_F / d_Y² − 2‖X̂ᵀŶ‖²_F / (d_X d_Y)
///
/// (the Gram-matrix form used here; sums over all i, j including i = j: the biased
/// V-statistic, NST's estimator). Wide layers
/// (D > N) are first reduced to N columns with the same sample inner products
/// (`SampleGramFactor`), which leaves every ‖·ᵀ·‖_F term unchanged.
///
/// A distance: 0 when the layers' neurons have the same distribution (a layer and itself
/// give exactly 0), larger when they differ. Range [0, 2]: with φ(a) = a⊗a, MMD² =
/// ‖M_X − M_Y‖²_F for M_X = (1/d_X) Σ x̂_i x̂_iᵀ, a PSD matrix of trace ≤ 1, so MMD² ≤
/// ‖M_X‖²_F + ‖M_Y‖²_F ≤ 2, reached when each layer's neurons are all (±) one direction and
/// the two directions are orthogonal; typical values are far below 1. Symmetric, invariant
/// to permuting neurons and to scaling any single neuron by a non-zero factor (sign
/// included); not invariant to rotations of a layer's neurons, nor to shifting a neuron.
/// Computed in double precision; rounding below 0 is clamped to 0. `extras` holds `dead_x`,
/// `dead_y` (neurons that are zero on every sample). Undefined when every neuron is zero.
public struct PolynomialMMDMeasure: TypedPairMeasure {
    public init() {}

    public var metric: Metric { .mmdPoly }
    public var preparationKey: String { "mmd-poly-raw-neurons" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> PolynomialMMDLayer {
        let c = try CentredColumns(uncentred: x)
        let dead = c.deadColumnCount
        if dead == c.width {
            throw SimilarityError.degenerate(c.width == 0 ? "has no neurons"
                : "has no live neuron: all \(c.width) neurons are zero on every sample")
        }
        let inverse = c.columnSquaredNorms.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        let factor = try SampleGramFactor(c, scales: inverse)
        return PolynomialMMDLayer(factor: factor, width: c.width,
                                  selfSum: Self.squaredFrobeniusOfProduct(factor, factor), deadCount: dead)
    }

    public func compareLayers(_ px: PolynomialMMDLayer, _ py: PolynomialMMDLayer) -> PairOutcome {
        guard px.factor.sampleCount == py.factor.sampleCount else {
            return PairOutcome(value: .undefined(reason:
                "X has \(px.factor.sampleCount) rows while Y has \(py.factor.sampleCount)"))
        }
        let cross = Self.squaredFrobeniusOfProduct(px.factor, py.factor)
        let dx = Double(px.width), dy = Double(py.width)
        let termX = px.selfSum / (dx * dx)
        let termY = py.selfSum / (dy * dy)
        let termXY = cross / (dx * dy)
        let mmd = termX + termY - 2 * termXY
        let extras = ["dead_x": Double(px.deadCount), "dead_y": Double(py.deadCount)]
        guard mmd.isFinite else {
            return PairOutcome(value: .undefined(reason: "the MMD terms are not finite"), extras: extras)
        }
        return PairOutcome(value: .value(max(0, mmd)), extras: extras)
    }

    /// ‖AᵀB‖²_F, summed in double. With A, B the factors of X̂ and Ŷ this is ‖X̂ᵀŶ‖²_F
    /// = Σ_ij (x̂_iᵀŷ_j)².
    static func squaredFrobeniusOfProduct(_ a: SampleGramFactor, _ b: SampleGramFactor) -> Double {
        var total = 0.0
        for v in CentredCrossProduct.product(a, b).storage { total += v * v }
        return total
    }
}

/// A layer prepared for `mmd-poly`: a factor B with B·Bᵀ = X̂·X̂ᵀ (the unit-length raw
/// neurons, dead ones zero; see `SampleGramFactor`), the width d_X (dead neurons included),
/// the self term ‖X̂ᵀX̂‖²_F and the number of dead neurons.
public struct PolynomialMMDLayer: Sendable {
    public let factor: SampleGramFactor
    public let width: Int
    public let selfSum: Double
    public let deadCount: Int
}

extension PolynomialMMDMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        SampleGramFactor.preparedBytes(sampleCount: n, width: d)
    }
}
