/// The bias-corrected and accelerated (BCa) bootstrap interval (Efron 1987; Efron & Tibshirani
/// 1993, §14.3 and Eq. 14.15), as `scipy.stats.bootstrap(method="BCa")` computes it.
///
/// Why not the plain percentile interval: resampling with replacement repeats samples, and
/// repeated samples inflate most of these measures (regression R², SVCCA, CCA fit repeated
/// points better), so the resampled values sit above the value on the data and the plain
/// 2.5–97.5 % interval can exclude the value itself. BCa moves the percentiles to undo that
/// shift (z₀) and the skew of the statistic (a):
///
///     z₀ = Φ⁻¹(p₀),  p₀ = (#{θ*_b < θ̂} + #{θ*_b ≤ θ̂}) / (2B)   (scipy's `percentileofscore`, mean kind)
///     a  = Σ_i (θ̄₍·₎ − θ̂₍ᵢ₎)³ / (6 · (Σ_i (θ̄₍·₎ − θ̂₍ᵢ₎)²)^{3/2})    over the n jackknife values θ̂₍ᵢ₎
///     α₁ = Φ(z₀ + (z₀ + z_{α/2}) / (1 − a(z₀ + z_{α/2}))),  α₂ likewise with z_{1−α/2}
///     interval = the α₁ and α₂ percentiles of θ*_b (numpy's linear percentile)
///
/// The bootstrap's bias estimate is mean(θ*) − θ̂.
public struct BCaInterval: Sendable, Equatable {
    public let low: Double
    public let high: Double
    /// z₀, the bias correction.
    public let biasCorrection: Double
    /// a, the acceleration.
    public let acceleration: Double
    /// The percentile levels used, in (0, 1).
    public let levels: (Double, Double)

    public static func == (l: BCaInterval, r: BCaInterval) -> Bool {
        l.low == r.low && l.high == r.high && l.biasCorrection == r.biasCorrection
            && l.acceleration == r.acceleration && l.levels == r.levels
    }

    /// - Parameters:
    ///   - resampled: the bootstrap values θ*_b (any order; at least one).
    ///   - observed: θ̂, the value on the data.
    ///   - jackknife: θ̂₍ᵢ₎, the value with sample i left out, for every i (at least two).
    ///   - confidence: 0.95 for a 95 % interval.
    /// - Returns: `nil` when z₀ is infinite (every resampled value on one side of θ̂) or the
    ///   levels are not finite: the correction cannot be estimated from these resamples.
    public init?(resampled: [Double], observed: Double, jackknife: [Double], confidence: Double = 0.95) {
        guard !resampled.isEmpty, jackknife.count >= 2 else { return nil }
        let sorted = resampled.sorted()
        let below = sorted.count(where: { $0 < observed }), atMost = sorted.count(where: { $0 <= observed })
        let z0 = NormalDistribution.quantile(Double(below + atMost) / Double(2 * sorted.count))
        let mean = jackknife.reduce(0, +) / Double(jackknife.count)
        var num = 0.0, den = 0.0
        for t in jackknife {
            let u = mean - t
            num += u * u * u
            den += u * u
        }
        let a = den > 0 ? num / (6 * (den * den * den).squareRoot()) : 0
        func level(_ q: Double) -> Double {
            let z = NormalDistribution.quantile(q)
            return NormalDistribution.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)))
        }
        let alpha = (1 - confidence) / 2
        let l1 = level(alpha), l2 = level(1 - alpha)
        guard z0.isFinite, l1.isFinite, l2.isFinite else { return nil }
        low = Percentile.linear(sorted, l1 * 100)
        high = Percentile.linear(sorted, l2 * 100)
        biasCorrection = z0
        acceleration = a
        levels = (l1, l2)
    }
}
