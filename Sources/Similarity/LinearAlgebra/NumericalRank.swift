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
public enum NumericalRank {
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
