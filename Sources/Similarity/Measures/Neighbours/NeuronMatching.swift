/// The one-to-one matching of layer A's neurons to layer B's that maximises the total
/// |Pearson correlation|, found by the Hungarian algorithm (rectangular when widths differ).
///
/// Constant (dead) neurons have no correlation; they are left out of the matching and
/// counted in `deadX` / `deadY`.
public struct NeuronMatching: Sendable, Equatable {
    /// One matched pair: neuron `x` of the row layer and neuron `y` of the column layer
    /// (original indices), with their Pearson correlation (signed).
    public struct Match: Sendable, Equatable {
        public let x: Int
        public let y: Int
        public let correlation: Double
        public init(x: Int, y: Int, correlation: Double) {
            self.x = x; self.y = y; self.correlation = correlation
        }
    }

    /// Every matched pair, min(live X, live Y) of them, in order of X's neuron index.
    public let matches: [Match]
    /// Number of constant neurons left out of each layer.
    public let deadX: Int
    public let deadY: Int
    /// The widths of the two layers.
    public let widthX: Int
    public let widthY: Int
    /// The many-to-one matching of the same correlations (each X neuron's best Y neuron), for
    /// reading beside this one-to-one matching; `nil` when not computed.
    public let manyToOne: ManyToOneMatching?

    public init(matches: [Match], deadX: Int, deadY: Int, widthX: Int, widthY: Int, manyToOne: ManyToOneMatching? = nil) {
        self.matches = matches
        self.deadX = deadX
        self.deadY = deadY
        self.widthX = widthX
        self.widthY = widthY
        self.manyToOne = manyToOne
    }

    /// Mean |correlation| over the matched pairs, `nil` when nothing could be matched.
    public var meanAbsCorrelation: Double? {
        matches.isEmpty ? nil : matches.reduce(0) { $0 + abs($1.correlation) } / Double(matches.count)
    }

    /// The matched pair with the largest |correlation|.
    public var best: Match? { matches.max { abs($0.correlation) < abs($1.correlation) } }

    /// The matched pair with the smallest |correlation|.
    public var worst: Match? { matches.min { abs($0.correlation) < abs($1.correlation) } }

    /// Counts of matched |correlation| in `bins` equal bins over [0, 1] (1 falls in the last).
    public func histogram(bins: Int = 10) -> [Int] {
        var counts = [Int](repeating: 0, count: max(1, bins))
        for m in matches {
            let a = min(1, max(0, abs(m.correlation)))
            counts[min(counts.count - 1, Int(a * Double(counts.count)))] += 1
        }
        return counts
    }
}
