/// Rows `range` of another source, as a source of their own (for `--samples START:END`).
public struct SampleSlice: ActivationSource {
    public let base: any ActivationSource
    public let range: Range<Int>

    public init(_ base: any ActivationSource, range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= base.sampleCount, "slice outside the source")
        self.base = base
        self.range = range
    }

    public var sampleCount: Int { range.count }
    public var width: Int { base.width }

    public func readRows(_ rows: Range<Int>) throws -> Matrix<Float> {
        try base.readRows((range.lowerBound + rows.lowerBound)..<(range.lowerBound + rows.upperBound))
    }

    public var spatialShape: SpatialShape? { base.spatialShape }

    public func readSpatialRows(_ rows: Range<Int>) throws -> Matrix<Float> {
        try base.readSpatialRows((range.lowerBound + rows.lowerBound)..<(range.lowerBound + rows.upperBound))
    }

    public func releaseRows(_ rows: Range<Int>) {
        base.releaseRows((range.lowerBound + rows.lowerBound)..<(range.lowerBound + rows.upperBound))
    }
}
