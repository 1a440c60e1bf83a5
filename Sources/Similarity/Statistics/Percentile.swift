/// Percentiles as numpy's default (`np.percentile(..., method="linear")`) defines them:
/// for sorted values v_0 … v_{m−1}, the q-th percentile is the linear interpolation at
/// position (m − 1)·q/100.
public enum Percentile {
    /// - Precondition: `sorted` is non-empty and ascending; 0 ≤ q ≤ 100.
    public static func linear(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty && q >= 0 && q <= 100, "percentile of nothing or q outside 0…100")
        let position = Double(sorted.count - 1) * q / 100
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
