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
/// similarities behind the lists are in double precision. Undefined when N ≤ k, when a
/// layer is constant, and when ties decide a neighbour set in either layer (a sample's k-th
/// and (k+1)-th cosines are equal, `NearestNeighbours.tiedSampleCount`): a 1-D layer, or one
/// with fewer distinct directions than k, would otherwise get whatever the tie-breaking
/// order gives (two layers sharing only their signs scored 1.000), a value that reordering
/// the samples consistently in both layers changes. Extras: `zero_samples_x/_y`,
/// `tied_samples_x/_y`.
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
        let extras = ["zero_samples_x": Double(nx.zeroSampleCount), "zero_samples_y": Double(ny.zeroSampleCount),
                      "tied_samples_x": Double(nx.tiedSampleCount), "tied_samples_y": Double(ny.tiedSampleCount)]
        if nx.tiedSampleCount > 0 || ny.tiedSampleCount > 0 {
            return PairOutcome(value: .undefined(reason: Self.tieReason(nx, ny)), extras: extras)
        }
        let overlap = NearestNeighbours.totalOverlap(nx, ny)
        let value = Double(overlap) / (Double(nx.sampleCount) * Double(nx.k))
        return PairOutcome(value: .value(value), extras: extras)
    }

    /// "ties decide the neighbour sets of 200 of 400 samples in the row layer (k = 10): …".
    static func tieReason(_ nx: NearestNeighbours, _ ny: NearestNeighbours) -> String {
        let n = nx.sampleCount
        var sides: [String] = []
        if nx.tiedSampleCount > 0 { sides.append("\(nx.tiedSampleCount) of \(n) samples in the row layer") }
        if ny.tiedSampleCount > 0 { sides.append("\(ny.tiedSampleCount) of \(n) samples in the column layer") }
        return "ties decide the neighbour sets of " + sides.joined(separator: " and ")
            + " (their k-th and (k+1)-th nearest, k = \(nx.k), are equally near): the value would depend on "
            + "the order of the samples; a layer with fewer distinct directions than k, or repeated samples"
    }
}

extension MutualKNNMeasure {
    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        // The centred layer, the neighbour lists, and one block's tiles and candidates.
        let n = Double(n), d = Double(d), b = Double(NearestNeighbours.blockRows), k = Double(self.k)
        return 8 * n * d + 8 * n + 4 * n * k + 8 * b * (b + 2 * d + 2 * k)
    }
}
