/// A similarity (or distance) measure between two layers, by its stable command-line name.
///
/// The raw value is the name scripts pass to `--metric`; `jsonKey` is the name with `-`
/// replaced by `_`. Each case's formula and estimator are documented on the type that
/// computes it (see `CKAResult`, `HSIC`, `RBFKernel`).
///
/// Every trait below is an exhaustive `switch` with no `default`, so a new case does not
/// compile until each trait (name, orientation, symmetry, range, family) is decided for it.
public enum Metric: String, CaseIterable, Sendable, Hashable, Codable {
    /// Linear CKA with the biased HSIC estimator (Kornblith et al. 2019). Similarity in [0, 1], symmetric.
    case linearCKA = "linear-cka"
    /// CKA with the RBF kernel, σ² = fraction² × median squared distance. Similarity in [0, 1], symmetric.
    case rbfCKA = "rbf-cka"
    /// Linear CKA with the unbiased HSIC estimator (Song et al. 2012). Similarity, about [0, 1]
    /// (may be slightly negative), symmetric.
    case debiasedCKA = "debiased-cka"
    /// Mean canonical correlation ρ̄ over min(rank X, rank Y) correlations. Similarity in [0, 1], symmetric.
    case ccaRho = "cca-rho"
    /// Mean squared canonical correlation R²_CCA (Yanai's GCD). Similarity in [0, 1], symmetric.
    case ccaR2 = "cca-r2"
    /// SVCCA (Raghu et al. 2017): CCA ρ̄ after keeping 99 % of each layer's variance. Similarity in [0, 1], symmetric.
    case svcca = "svcca"
    /// Projection-weighted CCA (Morcos et al. 2018), weighted by X's neurons. Similarity in [0, 1], asymmetric.
    case pwcca = "pwcca"
    /// Orthogonal Procrustes similarity ‖XᵀY‖_* of unit-norm centred layers. Similarity in [0, 1], symmetric.
    case procrustes = "procrustes"
    /// R² of predicting Y from X by least squares with an intercept. Similarity in [0, 1], asymmetric.
    case regression = "regression"
    /// Biased MMD² between the layers' unit-normalised neurons, polynomial kernel (aᵀb)². Distance ≥ 0, symmetric.
    case mmdPoly = "mmd-poly"
    /// Biased MMD² between the layers' unit-normalised raw neurons, linear kernel aᵀb (NST). Distance in [0, 4], symmetric.
    case mmdLinear = "mmd-linear"
    /// Biased MMD² between the layers' unit-normalised raw neurons, Gaussian kernel, σ² the pooled
    /// mean squared distance (NST). Distance in [0, 2], symmetric.
    case mmdGauss = "mmd-gauss"
    /// Mutual k-nearest-neighbour alignment (Huh et al. 2024). Similarity in [0, 1], symmetric.
    case knn = "knn"
    /// Mean |Pearson correlation| of the Hungarian neuron matching. Similarity in [0, 1], symmetric.
    case matchedCorr = "matched-corr"
    /// Mean over X's neurons of the largest |correlation| with any neuron of Y (many to one). Similarity in [0, 1], asymmetric.
    case maxCorr = "max-corr"
    /// R² of predicting Y from X through a map of rank ≤ k (`--rank`), reduced-rank least squares. Similarity in [0, 1], asymmetric.
    case regressionRank = "regression-rank"
    /// R² of predicting Y from X by the lasso (L1 weight `--l1`, scikit-learn's objective). Similarity in [0, 1], asymmetric.
    case regressionL1 = "regression-l1"
    /// Neuron Selectivity Transfer's MMD² over two 4-D layers' unit-length channel maps, per
    /// example then averaged, linear kernel. Distance in [0, 4], symmetric.
    case nstLinear = "nst-linear"
    /// The same, polynomial kernel (aᵀb)² (NST's default). Distance in [0, 2], symmetric.
    case nstPoly = "nst-poly"
    /// The same, Gaussian kernel, σ² the per-example pooled mean squared distance. Distance in [0, 2], symmetric.
    case nstGauss = "nst-gauss"
    /// Stitching accuracy with labels (Csiszárik et al. 2021's functional similarity, B's later
    /// layers replaced by a linear readout): accuracy of B's readout on A mapped into B by
    /// task-loss matching, relative to B's own. Similarity in [0, 1/acc_B] (about [0, 1]), asymmetric.
    case stitch = "stitch"

    /// The key used for this metric in JSON output.
    public var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// A short human name for titles and tables.
    public var displayName: String {
        switch self {
        case .linearCKA: return "linear CKA"
        case .rbfCKA: return "RBF CKA"
        case .debiasedCKA: return "debiased CKA"
        case .ccaRho: return "CCA ρ̄"
        case .ccaR2: return "CCA R²"
        case .svcca: return "SVCCA"
        case .pwcca: return "PWCCA"
        case .procrustes: return "Procrustes"
        case .regression: return "regression R²"
        case .mmdPoly: return "MMD² (poly)"
        case .knn: return "mutual kNN"
        case .matchedCorr: return "matched corr."
        case .mmdLinear: return "MMD² (linear)"
        case .mmdGauss: return "MMD² (Gauss)"
        case .maxCorr: return "max corr."
        case .regressionRank: return "rank-k regr. R²"
        case .regressionL1: return "lasso regr. R²"
        case .nstLinear: return "NST MMD² (linear, maps)"
        case .nstPoly: return "NST MMD² (poly, maps)"
        case .nstGauss: return "NST MMD² (Gauss, maps)"
        case .stitch: return "stitching rel. acc."
        }
    }

    /// Whether larger means more alike (a similarity) or less alike (a distance).
    public var orientation: Orientation {
        switch self {
        case .mmdPoly, .mmdLinear, .mmdGauss: return .distance
        case .nstLinear, .nstPoly, .nstGauss: return .distance
        case .linearCKA, .rbfCKA, .debiasedCKA, .ccaRho, .ccaR2, .svcca, .pwcca, .procrustes, .regression,
             .knn, .matchedCorr, .maxCorr, .regressionRank, .regressionL1, .stitch:
            return .similarity
        }
    }

    /// Whether m(X, Y) = m(Y, X), so an A×A grid needs only one triangle.
    public var isSymmetric: Bool {
        switch self {
        case .pwcca, .regression, .maxCorr, .regressionRank, .regressionL1, .stitch: return false
        case .nstLinear, .nstPoly, .nstGauss: return true
        case .linearCKA, .rbfCKA, .debiasedCKA, .ccaRho, .ccaR2, .svcca, .procrustes, .mmdPoly, .mmdLinear, .mmdGauss,
             .knn, .matchedCorr:
            return true
        }
    }

    /// The range the colour scale spans.
    public var displayRange: ClosedRange<Double> {
        switch self {
        case .mmdPoly, .mmdGauss: return 0...2
        case .mmdLinear: return 0...4
        case .nstLinear: return 0...4
        case .nstPoly, .nstGauss: return 0...2
        case .linearCKA, .rbfCKA, .debiasedCKA, .ccaRho, .ccaR2, .svcca, .pwcca, .procrustes, .regression,
             .knn, .matchedCorr, .maxCorr, .regressionRank, .regressionL1, .stitch:
            return 0...1
        }
    }

    /// The metrics that are computed from the CKA family's kernel statistics.
    public var isCKAFamily: Bool {
        switch self {
        case .linearCKA, .rbfCKA, .debiasedCKA: return true
        case .nstLinear, .nstPoly, .nstGauss: return false
        case .ccaRho, .ccaR2, .svcca, .pwcca, .procrustes, .regression, .mmdPoly, .mmdLinear, .mmdGauss, .knn,
             .matchedCorr, .maxCorr, .regressionRank, .regressionL1, .stitch:
            return false
        }
    }

    /// Does this name a metric? Accepts the raw name or the JSON key.
    public init?(name: String) {
        if let m = Metric(rawValue: name) { self = m; return }
        if let m = Metric.allCases.first(where: { $0.jsonKey == name }) { self = m; return }
        return nil
    }
}

/// Whether a measure's larger values mean more alike or less alike.
public enum Orientation: String, Sendable, Hashable, Codable {
    case similarity
    case distance
}
