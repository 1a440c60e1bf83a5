/// Orthogonal Procrustes similarity (`procrustes`).
///
///     procrustes(X, Y) = ‖X̂ᵀŶ‖_*,   X̂ = Xc / ‖Xc‖_F,   Ŷ = Yc / ‖Yc‖_F
///
/// where Xc, Yc are the column-centred layers (N×D_X, N×D_Y) and ‖·‖_* is the nuclear norm
/// (the sum of singular values). It is the largest ⟨X̂R, Ŷ⟩ over orthogonal maps R, i.e.
/// how well one layer matches the other after the best rotation (Schönemann 1966), and
/// equals 1 − d²/2 for Ding et al. 2021's Procrustes distance
/// d² = ‖X̂‖² + ‖Ŷ‖² − 2‖X̂ᵀŶ‖_* = 2 − 2‖X̂ᵀŶ‖_*, reported in `extras` as
/// `procrustes_distance` (in [0, 2]).
///
/// A similarity in [0, 1] (1: the same up to rotation and scale), symmetric, invariant to
/// orthogonal transforms and isotropic scaling of either layer, and to permuting neurons.
/// Computed in double precision (the value is clamped to ≤ 1 against rounding). Undefined
/// when a layer is constant (‖Xc‖_F = 0) or has no neurons.
public struct ProcrustesMeasure: TypedPairMeasure {
    public init() {}

    public var metric: Metric { .procrustes }
    public var preparationKey: String { "procrustes-factor" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> ProcrustesLayer {
        try ProcrustesLayer(x)
    }

    public func compareLayers(_ px: ProcrustesLayer, _ py: ProcrustesLayer) -> PairOutcome {
        guard px.sampleCount == py.sampleCount else {
            return PairOutcome(value: .undefined(reason: "X has \(px.sampleCount) rows while Y has \(py.sampleCount)"))
        }
        if !(px.squaredNorm > 0) {
            return PairOutcome(value: .undefined(reason: "the row layer is constant (every neuron has zero variance), so it cannot be scaled to unit norm"))
        }
        if !(py.squaredNorm > 0) {
            return PairOutcome(value: .undefined(reason: "the column layer is constant (every neuron has zero variance), so it cannot be scaled to unit norm"))
        }
        guard let nuclear = LAPACK.nuclearNorm(CentredCrossProduct.product(px.factor, py.factor)) else {
            return PairOutcome(value: .undefined(reason: "the SVD of XᵀY did not converge"))
        }
        let raw = nuclear / (px.squaredNorm.squareRoot() * py.squaredNorm.squareRoot())
        guard raw.isFinite else {
            return PairOutcome(value: .undefined(reason: "the activations are too large for double precision"))
        }
        let v = min(1, max(0, raw))
        return PairOutcome(value: .value(v), extras: ["procrustes_distance": 2 - 2 * v])
    }
}

/// A layer prepared for Procrustes: a factor B with B·Bᵀ = Xc·Xcᵀ (see `SampleGramFactor`;
/// the singular values of XcᵀYc depend only on the samples' inner products) and ‖Xc‖²_F.
public struct ProcrustesLayer: Sendable {
    public let factor: SampleGramFactor
    /// ‖Xc‖²_F, accumulated in double precision.
    public let squaredNorm: Double
    /// N.
    public var sampleCount: Int { factor.sampleCount }

    /// - Parameter x: N×D activations (uncentred).
    /// - Throws: `SimilarityError.nonFinite`; `.degenerate` for a layer without neurons or
    ///   if the LQ factorisation fails.
    /// - Complexity: O(N·D) when D ≤ N; O(N²·D) when D > N.
    public init(_ x: Matrix<Float>) throws {
        let c = try CentredColumns(x)
        if c.width == 0 { throw SimilarityError.degenerate("has no neurons") }
        squaredNorm = c.squaredNorm
        factor = try SampleGramFactor(c)
    }
}

extension ProcrustesMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        SampleGramFactor.preparedBytes(sampleCount: n, width: d)
    }
}
