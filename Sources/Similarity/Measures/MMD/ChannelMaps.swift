/// A 4-D layer N×C×H×W as the channel maps Neuron Selectivity Transfer compares
/// (`ChannelMapMMDMeasure`): the raw float32 values in flatten order — example n's map c
/// starts at (n·C + c)·H·W — read through `ActivationSource.readSpatialRows`, so whatever the
/// reduce policy. Unit-length points are made per example when a pair is compared, because
/// the map size they are pooled to depends on the partner layer.
public struct ChannelMaps: Sendable {
    /// C, H and W.
    public let shape: SpatialShape
    /// N, the number of examples.
    public let sampleCount: Int
    /// N·C·H·W values, flatten order.
    let values: [Float]

    /// Why a layer that is not 4-D has no maps (the reason of its undefined cells).
    public static let notSpatial = "is not 4-D (N×C×H×W), so it has no channel maps for nst-* to compare"
    /// Why an N×D matrix without its source cannot be prepared.
    public static let matrixHasNoMaps =
        "nst-* reads each layer's channel maps from its file; the permutation test and the bootstrap resample N×D rows, which have none, so they are not available for it"

    /// - Throws: `.degenerate` when the source has no channels-first shape or every map is zero
    ///   in every example; `.nonFinite` when it holds NaN or ±Inf; read errors as `.unreadable`.
    public init(source: any ActivationSource) throws {
        guard let shape = source.spatialShape else { throw SimilarityError.degenerate(Self.notSpatial) }
        let n = source.sampleCount
        let rows: Matrix<Float>
        do {
            rows = try source.readSpatialRows(0..<n)
        } catch let e as SimilarityError {
            throw e
        } catch {
            throw SimilarityError.unreadable("\(error)")
        }
        source.releaseRows(0..<n)
        var nonFinite = 0, nonZero = false
        for v in rows.storage {
            if !v.isFinite { nonFinite += 1 } else if v != 0 { nonZero = true }
        }
        if nonFinite > 0 { throw SimilarityError.nonFinite(count: nonFinite) }
        if !nonZero { throw SimilarityError.degenerate("has no non-zero channel map: all \(n * shape.channels) maps are zero") }
        self.init(shape: shape, sampleCount: n, values: rows.storage)
    }

    /// Wraps N·C·H·W values in flatten order.
    public init(shape: SpatialShape, sampleCount: Int, values: [Float]) {
        precondition(values.count == sampleCount * shape.elementCount, "\(values.count) values for \(sampleCount)×\(shape)")
        self.shape = shape
        self.sampleCount = sampleCount
        self.values = values
    }

    /// One example's maps pooled and scaled to unit length.
    struct UnitPoints {
        /// C × (h·w), row c the unit map (zero when the pooled map is zero).
        let points: Matrix<Double>
        /// ‖row‖²: 1, or 0 for a zero map.
        let squaredNorms: [Double]
        var zeroCount: Int { squaredNorms.count - liveCount }
        let liveCount: Int
    }

    /// Example `n`'s C maps, pooled by `pooling` and each scaled to unit length.
    func unitPoints(example n: Int, pooling: AdaptiveAveragePooling) -> UnitPoints {
        let c = shape.channels, size = shape.mapSize
        let p = pooling.outHeight * pooling.outWidth
        var points = Matrix<Double>(rows: c, cols: p)
        var norms = [Double](repeating: 0, count: c)
        var live = 0
        values.withUnsafeBufferPointer { v in
            points.storage.withUnsafeMutableBufferPointer { out in
                for ch in 0..<c {
                    let row = out.baseAddress! + ch * p
                    pooling.pool(v.baseAddress! + (n * c + ch) * size, into: row)
                    var s = 0.0
                    for k in 0..<p { s += row[k] * row[k] }
                    if s > 0 {
                        let inverse = 1 / s.squareRoot()
                        for k in 0..<p { row[k] *= inverse }
                        norms[ch] = 1
                        live += 1
                    }
                }
            }
        }
        return UnitPoints(points: points, squaredNorms: norms, liveCount: live)
    }

    /// The bytes a prepared layer takes: the float32 maps (4·N·C·H·W), plus one example's
    /// scratch while a pair is compared (its unit maps and C×C Gram in double).
    public static func preparedBytes(sampleCount n: Int, shape: SpatialShape) -> Double {
        let c = Double(shape.channels), hw = Double(shape.mapSize)
        return 4 * Double(n) * c * hw + 8 * (c * hw + 2 * c * c)
    }
}
