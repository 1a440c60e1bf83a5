/// A similarity (or distance) measure between two layers, by its stable command-line name.
///
/// The raw value is the name scripts pass to `--metric`; `jsonKey` is the name with `-`
/// replaced by `_`. Each case's formula and estimator are documented on the type that
/// computes it (see `CKAResult`, `HSIC`, `RBFKernel`).
public enum Metric: String, CaseIterable, Sendable, Hashable, Codable {
    /// Linear CKA with the biased HSIC estimator (Kornblith et al. 2019). Similarity in [0, 1], symmetric.
    case linearCKA = "linear-cka"
    /// CKA with the RBF kernel, σ² = fraction² × median squared distance. Similarity in [0, 1], symmetric.
    case rbfCKA = "rbf-cka"
    /// Linear CKA with the unbiased HSIC estimator (Song et al. 2012). Similarity, about [0, 1]
    /// (may be slightly negative), symmetric.
    case debiasedCKA = "debiased-cka"

    /// The key used for this metric in JSON output.
    public var jsonKey: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// A short human name for titles and tables.
    public var displayName: String {
        switch self {
        case .linearCKA: return "linear CKA"
        case .rbfCKA: return "RBF CKA"
        case .debiasedCKA: return "debiased CKA"
        }
    }

    /// Whether larger means more alike (a similarity) or less alike (a distance).
    public var orientation: Orientation {
        switch self {
        case .linearCKA, .rbfCKA, .debiasedCKA: return .similarity
        }
    }

    /// Whether m(X, Y) = m(Y, X), so an A×A grid needs only one triangle.
    public var isSymmetric: Bool {
        switch self {
        case .linearCKA, .rbfCKA, .debiasedCKA: return true
        }
    }

    /// The range the colour scale spans.
    public var displayRange: ClosedRange<Double> {
        switch self {
        case .linearCKA, .rbfCKA, .debiasedCKA: return 0...1
        }
    }

    /// The metrics that are computed from the CKA family's kernel statistics.
    public var isCKAFamily: Bool {
        switch self {
        case .linearCKA, .rbfCKA, .debiasedCKA: return true
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
