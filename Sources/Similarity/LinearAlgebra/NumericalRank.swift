/// The numerical rank the CCA family and regression use: how many singular values of the
/// centred N×D layer exceed
///
///     tol = σ_max · max(N, D) · ε,   ε = 2⁻²³ ≈ 1.19e-7 (the machine epsilon of Float32).
///
/// This is numpy's `matrix_rank` default (also MATLAB's `rank`) for the dtype the
/// activations arrive in, which is Float32. With the Float64 ε, the rounding of a layer that is
/// exactly low-rank in real arithmetic (e.g. the output of a linear map to more neurons than
/// its input, computed in Float32) would count as extra directions of size ≈ 1e-7·σ_max. CCA
/// would give each of those a full canonical direction. Dead (constant) and duplicated
/// neurons are exact dependencies and never count.
///
/// The price: a direction weaker than tol relative to the strongest counts as noise. For
/// N = 10 000 samples that is σ < 1.2e-3·σ_max.
///
/// That rule is regression's (numpy `lstsq` on float32 data). The CCA family uses
/// `relativeRank` instead, whose tolerance does not grow with N.
public enum NumericalRank {
    /// The CCA family's default relative tolerance on the singular values of the centred
    /// layer (computed in double precision): σ_i counts when σ_i > rtol·σ_max, rtol = 1e-6.
    ///
    /// Why 1e-6: the activations arrive in float32, and rounding them perturbs every entry by
    /// at most 2⁻²⁴ relative, which moves each singular value by at most ‖E‖₂ ≲
    /// 2⁻²⁴·max|x|·(√N + √D)/… — in practice about 1e-7·σ_max or less (a layer that is exactly
    /// low-rank in real arithmetic, e.g. a linear map to more neurons than its input computed in
    /// float32, shows spurious directions at 1e-8…1e-7·σ_max). So 1e-6 sits an order of
    /// magnitude above float32 noise at every N, while a direction below it carries less than
    /// 1e-12 of the strongest direction's variance. Real weak directions of trained layers
    /// (dead-ish ReLU units, rarely active features) sit at 1e-5…1e-2·σ_max, far above it:
    /// numpy's float32 rule max(N, D)·ε_float32 (4.8e-5 at N = 400, 1.2e-3 at N = 10,000)
    /// dropped exactly those, so the result depended on N. Dead (constant) and duplicated
    /// neurons are exact dependencies (singular values at the double-precision floor, ~1e-16)
    /// and never count. `--rank-rtol` sets it.
    public static let defaultRelativeTolerance = 1e-6

    /// The number of `singularValues` (descending) greater than rtol·σ_max; 0 when all are 0.
    public static func relativeRank(singularValues: [Double], relativeTolerance rtol: Double) -> Int {
        guard let top = singularValues.first, top > 0 else { return 0 }
        let tol = top * rtol
        return singularValues.count(where: { $0 > tol })
    }

    /// ε in the tolerance: `Float.ulpOfOne` = 2⁻²³.
    public static let epsilon = Double(Float.ulpOfOne)

    /// σ_max · max(rows, cols) · ε.
    public static func tolerance(largestSingularValue: Double, rows: Int, cols: Int) -> Double {
        largestSingularValue * Double(max(rows, cols)) * epsilon
    }

    /// The number of `singularValues` (in descending order, of a rows×cols matrix) that are
    /// greater than the tolerance. Zero when all are zero.
    public static func rank(singularValues: [Double], rows: Int, cols: Int) -> Int {
        guard let top = singularValues.first, top > 0 else { return 0 }
        let tol = tolerance(largestSingularValue: top, rows: rows, cols: cols)
        return singularValues.count(where: { $0 > tol })
    }
}
