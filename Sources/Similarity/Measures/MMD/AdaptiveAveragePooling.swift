/// Average pooling of an H×W map to h×w by PyTorch's `adaptive_avg_pool2d` rule: output cell
/// (i, j) is the mean of the input rows ⌊i·H/h⌋ ..< ⌈(i+1)·H/h⌉ and columns
/// ⌊j·W/w⌋ ..< ⌈(j+1)·W/w⌉ (bins may overlap when H is not a multiple of h). Summed in double.
/// With h = H and w = W every bin is one cell: the map is copied.
public struct AdaptiveAveragePooling: Sendable, Equatable {
    public let inHeight: Int, inWidth: Int
    public let outHeight: Int, outWidth: Int
    let rowBins: [Range<Int>]
    let colBins: [Range<Int>]

    /// Pools `shape`'s H×W maps to h×w (each at least 1).
    public init(from shape: SpatialShape, toHeight h: Int, width w: Int) {
        precondition(h >= 1 && w >= 1 && shape.height >= 1 && shape.width >= 1, "pooling to an empty map")
        inHeight = shape.height
        inWidth = shape.width
        outHeight = h
        outWidth = w
        rowBins = Self.bins(from: shape.height, to: h)
        colBins = Self.bins(from: shape.width, to: w)
    }

    /// The bins of one axis: start = ⌊i·n/m⌋, end = ⌈(i+1)·n/m⌉ for i in 0..<m.
    public static func bins(from n: Int, to m: Int) -> [Range<Int>] {
        (0..<m).map { i in (i * n) / m ..< ((i + 1) * n + m - 1) / m }
    }

    public var isIdentity: Bool { inHeight == outHeight && inWidth == outWidth }

    /// The h·w pooled values (row-major) of the H·W row-major map at `map`, written to `out`.
    public func pool(_ map: UnsafePointer<Float>, into out: UnsafeMutablePointer<Double>) {
        if isIdentity {
            for k in 0..<(inHeight * inWidth) { out[k] = Double(map[k]) }
            return
        }
        var k = 0
        for rows in rowBins {
            for cols in colBins {
                var sum = 0.0
                for r in rows {
                    for c in cols { sum += Double(map[r * inWidth + c]) }
                }
                out[k] = sum / Double(rows.count * cols.count)
                k += 1
            }
        }
    }
}
