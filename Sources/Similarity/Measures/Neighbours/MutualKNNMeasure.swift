/// Mutual k-nearest-neighbour alignment (`knn`), after Huh et al. 2024, "The Platonic
/// Representation Hypothesis":
///
///     knn(X, Y) = (1/N) Σ_i |N_X(i) ∩ N_Y(i)| / k
///
/// where N_X(i) is sample i's k nearest other samples in layer X by cosine similarity of the
/// column-centred sample vectors (rows of Xc), likewise N_Y(i) in Y; see
/// `NearestNeighbours` for tie-breaking (lower index first) and for zero sample vectors
/// (cosine −∞: never preferred as a neighbour; counted in `extras` as `zero_samples_x`,
/// `zero_samples_y`). k is `MetricOptions.knnK` (default 10).
///
/// A similarity in [0, 1] (1: every sample has the same neighbours in both layers; about
/// k/(N−1) for unrelated layers), symmetric, invariant to permuting neurons, to isotropic
/// scaling and to orthogonal transforms of either layer. Exact set arithmetic; the
/// similarities behind the lists are in double precision. Undefined when N ≤ k or when a
/// layer is constant.
public struct MutualKNNMeasure: TypedPairMeasure {
    /// Neighbours per sample.
    public let k: Int

    public init(options: MetricOptions) { self.k = max(1, options.knnK) }

    public var metric: Metric { .knn }
    public var preparationKey: String { "knn-cosine-k\(k)" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> NearestNeighbours {
        try NearestNeighbours(x, k: k)
    }

    public func compareLayers(_ nx: NearestNeighbours, _ ny: NearestNeighbours) -> PairOutcome {
        guard nx.k == ny.k else {
            return PairOutcome(value: .undefined(reason: "internal: layer state of the wrong kind"))
        }
        guard nx.sampleCount == ny.sampleCount else {
            return PairOutcome(value: .undefined(reason: "X has \(nx.sampleCount) rows while Y has \(ny.sampleCount)"))
        }
        let overlap = NearestNeighbours.totalOverlap(nx, ny)
        let value = Double(overlap) / (Double(nx.sampleCount) * Double(nx.k))
        return PairOutcome(value: .value(value),
                           extras: ["zero_samples_x": Double(nx.zeroSampleCount),
                                    "zero_samples_y": Double(ny.zeroSampleCount)])
    }
}

extension MutualKNNMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // The centred layer, the neighbour lists, and one block's tiles and candidates.
        let n = Double(n), d = Double(d), b = Double(NearestNeighbours.blockRows), k = Double(self.k)
        return 8 * n * d + 8 * n + 4 * n * k + 8 * b * (b + 2 * d + 2 * k)
    }
}
