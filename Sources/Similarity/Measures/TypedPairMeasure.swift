/// A `PairMeasure` whose per-layer state has one concrete type, `Layer`.
///
/// A measure implements `prepareLayer` and `compareLayers` on its own state type; the
/// type-erased `prepare` and `compare` that the grid machinery calls come from here, so the
/// check that a prepared state is of the measure's own kind is written once, not per measure.
public protocol TypedPairMeasure: PairMeasure {
    /// The per-layer state (centred kernels, bases, sums, …).
    associatedtype Layer: Sendable
    /// Builds the per-layer state from an N×D activation matrix.
    /// - Throws: `SimilarityError` when the layer is unusable for this measure.
    func prepareLayer(_ x: Matrix<Float>) throws -> Layer
    /// Compares two prepared layers: `x` is the row layer, `y` the column layer.
    func compareLayers(_ x: Layer, _ y: Layer) -> PairOutcome
}

extension TypedPairMeasure {
    public func prepare(_ x: Matrix<Float>) throws -> any Sendable {
        try prepareLayer(x)
    }

    public func compare(_ x: any Sendable, _ y: any Sendable) -> PairOutcome {
        guard let lx = x as? Layer, let ly = y as? Layer else {
            return PairOutcome(value: .undefined(reason: "internal: layer state of the wrong kind for \(metric.rawValue)"))
        }
        return compareLayers(lx, ly)
    }
}
