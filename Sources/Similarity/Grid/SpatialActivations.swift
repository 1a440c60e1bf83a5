/// The channels-first view of a 4-D layer, beside its reduced N×D rows.
///
/// The reduce policy (`mean`: N×C, `flatten`: N×(C·H·W)) decides what `readRows` gives every
/// measure; the measures that compare channel maps (`ChannelMapMMDMeasure`) read the layer's
/// N×C×H×W values through `readSpatialRows` instead, whatever the policy.
extension ActivationSource {
    /// No channels-first layout: a 2-D or 3-D layer (and a 5-D one).
    public var spatialShape: SpatialShape? { nil }

    /// Throws: the source has no channels-first layout.
    public func readSpatialRows(_ range: Range<Int>) throws -> Matrix<Float> {
        throw SimilarityError.degenerate(ChannelMaps.notSpatial)
    }
}

/// An in-memory 4-D layer, N×(C·H·W) in flatten order with its shape C×H×W: its rows under
/// `readRows` are the flattened maps (as `--reduce flatten` reads a 4-D file). For tests and
/// derived data.
public struct InMemorySpatialActivations: ActivationSource {
    public let matrix: Matrix<Float>
    public let shape: SpatialShape

    /// - Parameter matrix: N×(C·H·W), example n's value (c, h, w) at column (c·H + h)·W + w.
    public init(_ matrix: Matrix<Float>, shape: SpatialShape) {
        precondition(matrix.cols == shape.elementCount, "\(matrix.cols) columns for maps \(shape)")
        self.matrix = matrix
        self.shape = shape
    }

    public var sampleCount: Int { matrix.rows }
    public var width: Int { matrix.cols }
    public var spatialShape: SpatialShape? { shape }
    public func readRows(_ range: Range<Int>) throws -> Matrix<Float> { matrix.rowSlice(range) }
    public func readSpatialRows(_ range: Range<Int>) throws -> Matrix<Float> { matrix.rowSlice(range) }
}
