/// Something that can hand over one layer's activations as an N×D `Float` matrix.
///
/// The engine reads layers only through this protocol, so a layer may live in a
/// memory-mapped file, an archive member or plain memory. `readRows` lets the
/// streaming estimators walk a layer in slices without holding it whole.
public protocol ActivationSource: Sendable {
    /// N: the number of samples (rows).
    var sampleCount: Int { get }
    /// D: the number of neurons (columns) after the reduce policy.
    var width: Int { get }
    /// Rows `range` of the reduced N×D matrix, as a `range.count × width` matrix.
    /// Throws when the underlying file can no longer be read.
    func readRows(_ range: Range<Int>) throws -> Matrix<Float>
    /// Says rows `range` will not be read again soon, so their memory may be given back
    /// (streaming passes call it after each block). Sources in plain memory ignore it.
    func releaseRows(_ range: Range<Int>)
    /// C×H×W when the layer is 4-D (N×C×H×W, channels first), whatever the reduce policy;
    /// nil otherwise (the default). See `SpatialActivations.swift`.
    var spatialShape: SpatialShape? { get }
    /// Rows `range` of the 4-D layer in flatten order, as a `range.count × (C·H·W)` matrix
    /// (example n's value (c, h, w) at column (c·H + h)·W + w), whatever the reduce policy.
    /// Throws when the layer has no `spatialShape`, or the file can no longer be read.
    func readSpatialRows(_ range: Range<Int>) throws -> Matrix<Float>
}

extension ActivationSource {
    /// The whole reduced N×D matrix, as a copy. The source's own memory for those rows (the
    /// pages of a memory-mapped file) is released afterwards: the copy is what callers keep,
    /// and the memory plan counts the copy only, so the mapped pages must not stay resident
    /// beside it (they doubled the resident set of an in-memory grid).
    public func readAll() throws -> Matrix<Float> {
        let all = try readRows(0..<sampleCount)
        releaseRows(0..<sampleCount)
        return all
    }

    public func releaseRows(_ range: Range<Int>) {}
}

/// An in-memory layer, for tests and for derived data (permuted or resampled samples).
/// `spatialBase`, when given, is the layer the matrix was read from: its channels-first view
/// (`spatialShape`, `readSpatialRows`) is read from there, not held here.
public struct InMemoryActivations: ActivationSource {
    public let matrix: Matrix<Float>
    public let spatialBase: (any ActivationSource)?
    public init(_ matrix: Matrix<Float>, spatialBase: (any ActivationSource)? = nil) {
        self.matrix = matrix
        self.spatialBase = spatialBase
    }
    public var sampleCount: Int { matrix.rows }
    public var width: Int { matrix.cols }
    public func readRows(_ range: Range<Int>) throws -> Matrix<Float> { matrix.rowSlice(range) }
    public var spatialShape: SpatialShape? { spatialBase?.spatialShape }
    public func readSpatialRows(_ range: Range<Int>) throws -> Matrix<Float> {
        guard let spatialBase else { throw SimilarityError.degenerate(ChannelMaps.notSpatial) }
        return try spatialBase.readSpatialRows(range)
    }
}
