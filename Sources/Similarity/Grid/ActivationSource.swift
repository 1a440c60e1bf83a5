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
public struct InMemoryActivations: ActivationSource {
    public let matrix: Matrix<Float>
    public init(_ matrix: Matrix<Float>) { self.matrix = matrix }
    public var sampleCount: Int { matrix.rows }
    public var width: Int { matrix.cols }
    public func readRows(_ range: Range<Int>) throws -> Matrix<Float> { matrix.rowSlice(range) }
}
