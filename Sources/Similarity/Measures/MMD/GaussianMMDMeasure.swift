import Foundation

/// Squared maximum mean discrepancy between the two layers' neurons under the Gaussian kernel
/// k(a, b) = exp(−‖a − b‖² / (2σ²)) (`mmd-gauss`), as in Neuron Selectivity Transfer (Huang &
/// Wang 2017).
///
/// The points are the unit-length raw neurons of `UnitNeurons` (no mean removed, dead neurons
/// at the origin). The bandwidth follows NST's rule: σ² is the mean squared distance over all
/// pairs of distinct points of the pooled set (both layers' d_X + d_Y points together),
///
///     σ² = Σ_{p≠q} ‖z_p − z_q‖² / (P(P − 1)),   P = d_X + d_Y
///        = (2P·S − 2‖Σ_p z_p‖²) / (P(P − 1)),   S = Σ_p ‖z_p‖² (the live neurons)
///
/// and MMD² is the biased (V-statistic) estimate over all pairs, i = j included:
///
///     MMD² = (1/d_X²) Σ_ij k(x̂_i, x̂_j) + (1/d_Y²) Σ_ij k(ŷ_i, ŷ_j) − (2/(d_X d_Y)) Σ_ij k(x̂_i, ŷ_j)
///
/// with ‖a − b‖² = ‖a‖² + ‖b‖² − 2aᵀb from the Gram matrices X̂ᵀX̂, ŶᵀŶ and X̂ᵀŶ (double
/// precision; a rounding below 0 is taken as 0).
///
/// A distance in [0, 2], 0 for a layer and itself. Symmetric, invariant to permuting neurons
/// and to scaling any neuron by a positive factor; not to rotations, nor to a neuron's sign,
/// nor to shifts. `extras`: `dead_x`, `dead_y`, `sigma2` (the bandwidth used). Undefined when
/// every neuron of a layer is zero, or when every pooled point is the same (σ² = 0).
public struct GaussianMMDMeasure: TypedPairMeasure {
    public init() {}

    public var metric: Metric { .mmdGauss }
    public var preparationKey: String { "mmd-unit-neurons-gram" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> UnitNeurons {
        try UnitNeurons(x, gram: true)
    }

    public func compareLayers(_ ux: UnitNeurons, _ uy: UnitNeurons) -> PairOutcome {
        let extras = ["dead_x": Double(ux.deadCount), "dead_y": Double(uy.deadCount)]
        guard ux.sampleCount == uy.sampleCount else {
            return PairOutcome(value: .undefined(reason: "X has \(ux.sampleCount) rows while Y has \(uy.sampleCount)"))
        }
        let cross = BLAS.product(ux.points, transposeA: true, uy.points)
        return Self.outcome(gramX: ux.gram, gramY: uy.gram, cross: cross,
                            normsX: ux.squaredNorms, normsY: uy.squaredNorms, extras: extras)
    }

    /// MMD² from the unit neurons' Grams X̂ᵀX̂, ŶᵀŶ, X̂ᵀŶ and squared norms (1 live, 0 dead):
    /// the in-memory path and the streamed one (`FeatureSumsMeasure`) share it.
    static func outcome(gramX: Matrix<Double>, gramY: Matrix<Double>, cross: Matrix<Double>,
                        normsX: [Double], normsY: [Double], extras: [String: Double]) -> PairOutcome {
        var extras = extras
        let dx = gramX.rows, dy = gramY.rows, p = Double(dx + dy)
        let live = normsX.reduce(0, +) + normsY.reduce(0, +)
        let sumAll = gramX.storage.reduce(0, +) + gramY.storage.reduce(0, +) + 2 * cross.storage.reduce(0, +)
        let sigma2 = (2 * p * live - 2 * sumAll) / (p * (p - 1))
        extras["sigma2"] = sigma2
        guard sigma2 > 1e-300, sigma2.isFinite else {
            return PairOutcome(value: .undefined(reason:
                "every neuron of both layers is the same point (the mean squared distance σ² is 0), so the Gaussian kernel has no bandwidth"),
                extras: extras)
        }
        let mmd = Self.biasedMMD(gramX: gramX, normsX: normsX, gramY: gramY, normsY: normsY,
                                 cross: cross, sigma2: sigma2)
        guard mmd.isFinite else {
            return PairOutcome(value: .undefined(reason: "the MMD terms are not finite"), extras: extras)
        }
        return PairOutcome(value: .value(max(0, mmd)), extras: extras)
    }
}

extension GaussianMMDMeasure {
    /// The biased Gaussian MMD² of two point sets from their Gram matrices G_X = X̂ᵀX̂ (or
    /// X̂X̂ᵀ: the points' inner products), G_Y, the cross products and the squared norms, with
    /// ‖a − b‖² = ‖a‖² + ‖b‖² − 2aᵀb (a rounding below 0 taken as 0), at bandwidth σ² > 0.
    static func biasedMMD(gramX: Matrix<Double>, normsX: [Double], gramY: Matrix<Double>, normsY: [Double],
                          cross: Matrix<Double>, sigma2: Double) -> Double {
        let scale = -1 / (2 * sigma2)
        func kernelMean(_ g: Matrix<Double>, _ na: [Double], _ nb: [Double]) -> Double {
            var total = 0.0
            for i in 0..<g.rows {
                for j in 0..<g.cols {
                    total += exp(max(0, na[i] + nb[j] - 2 * g.storage[i * g.cols + j]) * scale)
                }
            }
            return total / (Double(g.rows) * Double(g.cols))
        }
        return kernelMean(gramX, normsX, normsX)
            + kernelMean(gramY, normsY, normsY)
            - 2 * kernelMean(cross, normsX, normsY)
    }

    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // The raw layer in double while preparing, the scaled points and their Gram kept, and
        // one pair's d×d cross products.
        let n = Double(n), d = Double(d)
        return 16 * n * d + 16 * d * d
    }
}
