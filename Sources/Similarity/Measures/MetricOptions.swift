/// The settings that change a measure's value. They are part of every cache key and are
/// printed with every export, so a number can always be traced to how it was computed.
public struct MetricOptions: Sendable, Hashable, Codable {
    /// σ for `rbf-cka` as a fraction of the median distance (σ² = fraction² × median D²).
    public var rbfFraction: Double

    /// k for `knn`: neighbours per sample.
    public var knnK: Int
    /// The fraction of variance SVCCA keeps in each layer (Raghu et al. 2017 use 0.99).
    public var svccaVarianceKept: Double
    /// The CCA family's rank rule: a singular value of the centred layer counts when it
    /// exceeds rankRtol·σ_max (see `NumericalRank.defaultRelativeTolerance`).
    public var rankRtol: Double
    /// `max-corr` correlates ranks (Spearman) instead of values (Pearson).
    public var rankCorrelation: Bool
    /// k for `regression-rank`: the largest rank of the map (`--rank`).
    public var regressionRank: Int
    /// α for `regression-l1`: the L1 weight of scikit-learn's `Lasso` objective (`--l1`).
    public var l1Alpha: Double
    /// The class labels of the N inputs for `stitch` (`--labels`), or `nil`. Their content
    /// fingerprint is part of the cache key.
    public var labels: ClassLabels?

    /// `--rank`'s default.
    public static let defaultRegressionRank = 8
    /// `--l1`'s default.
    public static let defaultL1Alpha = 0.01

    public init(rbfFraction: Double = RBFKernel.defaultFraction, knnK: Int = 10, svccaVarianceKept: Double = 0.99,
                rankRtol: Double = NumericalRank.defaultRelativeTolerance, rankCorrelation: Bool = false,
                regressionRank: Int = MetricOptions.defaultRegressionRank, l1Alpha: Double = MetricOptions.defaultL1Alpha,
                labels: ClassLabels? = nil) {
        self.rbfFraction = rbfFraction
        self.knnK = knnK
        self.svccaVarianceKept = svccaVarianceKept
        self.rankRtol = rankRtol
        self.rankCorrelation = rankCorrelation
        self.regressionRank = regressionRank
        self.l1Alpha = l1Alpha
        self.labels = labels
    }

    /// Problems with the options, as user-facing sentences (empty when valid).
    public var problems: [String] {
        var out: [String] = []
        if !(rbfFraction > 0) || !rbfFraction.isFinite { out.append("--rbf-fraction must be a positive number, got \(rbfFraction)") }
        if knnK < 1 { out.append("--knn-k must be at least 1, got \(knnK)") }
        if !(rankRtol >= 0 && rankRtol < 1) { out.append("--rank-rtol must be in [0, 1), got \(rankRtol)") }
        if !(svccaVarianceKept > 0 && svccaVarianceKept <= 1) {
            out.append("the SVCCA variance kept must be in (0, 1], got \(svccaVarianceKept)")
        }
        if regressionRank < 1 { out.append("--rank must be at least 1, got \(regressionRank)") }
        if !(l1Alpha > 0) || !l1Alpha.isFinite { out.append("--l1 must be a positive number, got \(l1Alpha)") }
        return out
    }

    /// The options a grid's cache file name must cover beyond --rbf-fraction, --knn-k and the
    /// SVCCA fraction (which it had first): every other option that changes a value. The
    /// labels enter by their content fingerprint (absent labels add nothing, so the names of
    /// grids computed before `--labels` existed are unchanged).
    public var cacheKeySuffix: String {
        "\(rankRtol.bitPattern) \(rankCorrelation) \(regressionRank) \(l1Alpha.bitPattern)"
            + (labels.map { " labels \($0.fingerprint)" } ?? "")
    }
}

extension MetricOptions {
    private enum CodingKeys: String, CodingKey { case rbfFraction, knnK, svccaVarianceKept, rankRtol, rankCorrelation, regressionRank, l1Alpha, labels }

    /// Decodes options written before `rankRtol` or `rankCorrelation` existed with their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rbfFraction: try c.decode(Double.self, forKey: .rbfFraction),
                  knnK: try c.decode(Int.self, forKey: .knnK),
                  svccaVarianceKept: try c.decode(Double.self, forKey: .svccaVarianceKept),
                  rankRtol: try c.decodeIfPresent(Double.self, forKey: .rankRtol) ?? NumericalRank.defaultRelativeTolerance,
                  rankCorrelation: try c.decodeIfPresent(Bool.self, forKey: .rankCorrelation) ?? false,
                  regressionRank: try c.decodeIfPresent(Int.self, forKey: .regressionRank) ?? Self.defaultRegressionRank,
                  l1Alpha: try c.decodeIfPresent(Double.self, forKey: .l1Alpha) ?? Self.defaultL1Alpha,
                  labels: try c.decodeIfPresent(ClassLabels.self, forKey: .labels))
    }
}
