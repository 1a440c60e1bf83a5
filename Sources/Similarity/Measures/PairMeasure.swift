/// A measure computed in two steps: once per layer (`prepare`), then once per pair (`compare`).
///
/// The per-layer step holds everything that does not depend on the partner layer (centred
/// kernels, orthonormal bases, …), so an a×b grid costs a + b preparations and a·b cheap
/// comparisons. Measures that share a `preparationKey` share the prepared state through
/// `PreparedLayerCache` (linear and debiased CKA share one centred Gram matrix).
public protocol PairMeasure: Sendable {
    /// The metric this measure reports.
    var metric: Metric { get }
    /// Identifies the per-layer state; equal keys mean interchangeable state.
    var preparationKey: String { get }
    /// Builds the per-layer state from an N×D activation matrix.
    /// - Throws: `SimilarityError` when the layer is unusable for this measure.
    func prepare(_ x: Matrix<Float>) throws -> any Sendable
    /// Builds the per-layer state from the layer's source. The default reads the whole layer
    /// and calls `prepare(_:)`; streaming measures read it in blocks instead.
    func prepare(source: any ActivationSource) throws -> any Sendable
    /// Compares two prepared layers: `x` is the row layer, `y` the column layer.
    func compare(_ x: any Sendable, _ y: any Sendable) -> PairOutcome
    /// An upper estimate of the bytes preparing one n×d layer takes at its peak (the state
    /// kept plus the scratch while it is built), for the engine's memory plan: it decides
    /// whether a measure runs within `--memory` and sizes the prepared-layer cache. Each
    /// measure states its own, so the engine never enumerates measures.
    func preparedBytes(sampleCount n: Int, width d: Int) -> Double
    /// The same estimate for one source. The default asks `preparedBytes(sampleCount:width:)`
    /// with the source's reduced width; a measure that reads more than the reduced rows (the
    /// channel maps of a 4-D layer) counts what it reads.
    func preparedBytes(source: any ActivationSource) -> Double
}

extension PairMeasure {
    public func preparedBytes(source: any ActivationSource) -> Double {
        preparedBytes(sampleCount: source.sampleCount, width: source.width)
    }

    public func prepare(source: any ActivationSource) throws -> any Sendable {
        try prepare(source.readAll())
    }
}

/// The result of comparing one layer pair under one measure.
public struct PairOutcome: Sendable, Equatable {
    /// The number shown in the grid, or why there is none.
    public var value: CellValue
    /// The CKA terms behind the value, for measures of the CKA family.
    public var cka: CKAResult?
    /// Further numbers a measure reports beside its value, by JSON key (e.g. SVCCA's
    /// `svcca_k_x`, Procrustes' `procrustes_distance`). Keys are stable: scripts read them.
    public var extras: [String: Double]

    public init(value: CellValue, cka: CKAResult? = nil, extras: [String: Double] = [:]) {
        self.value = value
        self.cka = cka
        self.extras = extras
    }

    /// The same outcome with the roles of row and column swapped (for symmetric measures).
    /// Extras whose key ends in `_x` / `_y` swap too, and so does the wording of a reason
    /// (`CellValue.transposed`): the cell (j, i) of the swapped grid must not blame "the row
    /// layer" for what its column layer did.
    public var transposed: PairOutcome {
        var swapped: [String: Double] = [:]
        for (k, v) in extras {
            if k.hasSuffix("_x") { swapped[String(k.dropLast(2)) + "_y"] = v }
            else if k.hasSuffix("_y") { swapped[String(k.dropLast(2)) + "_x"] = v }
            else { swapped[k] = v }
        }
        return PairOutcome(value: value.transposed, cka: cka?.transposed, extras: swapped)
    }
}
