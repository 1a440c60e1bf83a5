import Similarity

/// One layer of one model: an array of shape (N, …) in a file, read as an N×D `Float` matrix.
///
/// Creating a `Layer` reads only its header; the data stays in the (mapped) file until `readRows`
/// asks for it. Conversions happen on the fly: element type (float16/bfloat16/float32/float64) to
/// `Float`, big-endian to native, Fortran to C order, and the `reduce` policy from (N, a, b, …) to
/// N×D. `Layer` is a value type and `Sendable`; copies share the mapping.
public struct Layer: ActivationSource, Sendable {
    /// Display name of the model this layer belongs to.
    public let modelName: String
    /// Layer name: the .npy file name or .npz member name without `.npy`, or the safetensors key.
    public let name: String
    /// The file the data lives in (.npy file, .npz archive or .safetensors file).
    public let path: String
    /// Shape as stored, axis 0 = samples. Never empty (0-d arrays are rejected).
    public let originalShape: [Int]
    /// Element type and byte order as stored.
    public let elementType: ElementType
    /// True when stored in Fortran (column-major) order.
    public let isFortranOrder: Bool
    /// How axes after the first are reduced to D columns.
    public let reduce: ReducePolicy
    /// Which tokens are real, for a 3-D layer under a token policy (`masked(by:)`); nil: all are.
    public private(set) var tokenMask: TokenMask?
    /// N, the number of samples: `originalShape[0]`, always ≥ 1.
    public let sampleCount: Int
    /// D, the number of columns after `reduce`, always ≥ 1.
    public let width: Int

    let data: any LayerData
    /// The remembered `readScaleExponent()` (shared by copies).
    let readScale = ReadScale()

    /// Display name of the element type: `float32`, `float16`, `bfloat16` or `float64`.
    public var dtype: String { elementType.kind.rawValue }

    /// The stored shape as text, e.g. `500×64×8×8`.
    public var shapeDescription: String { shapeText(originalShape) }

    /// Validates `header` for use as an activation matrix and wraps `data`.
    ///
    /// Rejects 0-d arrays (no sample axis), N = 0, any zero-size axis (which would leave no
    /// columns, or nothing to average), and `first`, `last` or `max` on a layer of four or more
    /// axes. `data` must already have been checked to hold exactly `header.byteCount` bytes.
    init(modelName: String, name: String, path: String, header: TensorHeader,
         reduce: ReducePolicy, data: any LayerData) throws(LayerIOError) {
        let shape = header.shape
        guard let n = shape.first else {
            throw .badLayerShape(path: path, layer: name,
                                 detail: "a 0-d array has no sample axis; a layer needs shape (N,) or (N, …)")
        }
        guard n > 0 else {
            throw .badLayerShape(path: path, layer: name, detail: "shape \(shapeText(shape)) has zero samples")
        }
        if let axis = shape.firstIndex(of: 0) {
            throw .badLayerShape(path: path, layer: name,
                                 detail: "shape \(shapeText(shape)) has a zero-size axis \(axis), so there is nothing to compare")
        }
        if let refusal = reduce.refusal(of: shape) {
            throw .badLayerShape(path: path, layer: name, detail: refusal)
        }
        guard let width = reduce.width(of: shape), header.elementCount != nil else {
            throw .badLayerShape(path: path, layer: name, detail: "shape \(shapeText(shape)) is too large")
        }
        self.modelName = modelName
        self.name = name
        self.path = path
        self.originalShape = shape
        self.elementType = header.elementType
        // Order is irrelevant for 1-d arrays; normalising helps the fast path.
        self.isFortranOrder = header.isFortranOrder && shape.count > 1
        self.reduce = reduce
        self.sampleCount = n
        self.width = width
        self.data = data
    }

    /// Rows `range` of the reduced N×D matrix, as a `range.count × width` row-major matrix
    /// (a float64 layer beyond float32's range is scaled by a power of two: `readScaleExponent`).
    ///
    /// - Throws: `rowsOutOfRange` if `range` is not inside `0..<sampleCount`; errors from producing
    ///   the bytes (a compressed .npz member is inflated on first use).
    /// - Complexity: O(range.count × D) for `flatten`, O(range.count × elements per row) for `mean`
    ///   and the token policies.
    ///   C-order rows are contiguous; Fortran-order rows are gathered with a stride of N elements.
    public func readRows(_ range: Range<Int>) throws -> Matrix<Float> {
        guard range.lowerBound >= 0, range.upperBound <= sampleCount else {
            throw LayerIOError.rowsOutOfRange(path: path, layer: name,
                                              detail: "rows \(range.lowerBound)..<\(range.upperBound) requested but the layer has \(sampleCount)")
        }
        return try read(range, reduce: reduce, width: width)
    }

    /// C×H×W for a 4-D layer N×C×H×W (channels first), whatever `reduce` is; nil otherwise.
    public var spatialShape: SpatialShape? {
        guard originalShape.count == 4 else { return nil }
        return SpatialShape(channels: originalShape[1], height: originalShape[2], width: originalShape[3])
    }

    /// Rows `range` of a 4-D layer as `flatten` reads them, `range.count × (C·H·W)`, whatever
    /// `reduce` is: the channel maps of each example, in C order of the logical array (a
    /// Fortran-order file gives the same matrix). Scaled as `readRows` scales.
    /// - Throws: `.degenerate` (as `SimilarityError`) when the layer is not 4-D; `rowsOutOfRange`
    ///   and read errors as `readRows`.
    public func readSpatialRows(_ range: Range<Int>) throws -> Matrix<Float> {
        guard let shape = spatialShape else { throw SimilarityError.degenerate(ChannelMaps.notSpatial) }
        guard range.lowerBound >= 0, range.upperBound <= sampleCount else {
            throw LayerIOError.rowsOutOfRange(path: path, layer: name,
                                              detail: "rows \(range.lowerBound)..<\(range.upperBound) requested but the layer has \(sampleCount)")
        }
        return try read(range, reduce: .flatten, width: shape.elementCount)
    }

    /// Rows `range` (checked by the caller) read under `policy`, `range.count × width`.
    private func read(_ range: Range<Int>, reduce policy: ReducePolicy, width: Int) throws -> Matrix<Float> {
        do {
            let scale = Double(sign: .plus, exponent: try readScaleExponent(), significand: 1)
            let storage = try data.withBytes { bytes in
                if policy.readsTokens(of: originalShape) {
                    return try elementType.accept(TokenReader(bytes: bytes, shape: originalShape, isFortranOrder: isFortranOrder,
                                                              policy: policy, mask: tokenMask, rows: range, scale: scale))
                }
                let plan = ReadPlan(shape: originalShape, isFortranOrder: isFortranOrder, reduce: policy, width: width)
                return try elementType.accept(RowReader(bytes: bytes, plan: plan, rows: range, scale: scale))
            }
            return Matrix(rows: range.count, cols: width, storage: storage)
        } catch let error as LayerIOError {
            throw error.layer == nil ? error.attributed(to: name) : error
        }
    }

    /// This layer with its tokens masked by `mask`: a 3-D layer under a token policy pools or
    /// picks only the tokens `mask` marks real. Any other layer is returned unchanged (a 2-D or
    /// 4-D layer has no token axis; `flatten` keeps every token).
    ///
    /// - Throws: `badMask` naming this layer when it is 3-D and its N or T differs from the mask's.
    public func masked(by mask: TokenMask) throws(LayerIOError) -> Layer {
        guard reduce.readsTokens(of: originalShape) else { return self }
        try mask.check(self)
        var copy = self
        copy.tokenMask = mask
        return copy
    }

    /// Lets the kernel drop the pages holding rows `range` from memory (see
    /// `LayerData.release`). Streaming passes call it after each block, so resident memory stays
    /// bounded by the block size however large N is. Fortran-order data is laid out by column,
    /// so nothing is released for it.
    public func releaseRows(_ range: Range<Int>) {
        guard !isFortranOrder, range.lowerBound >= 0, range.upperBound <= sampleCount, sampleCount > 0 else { return }
        let rowBytes = originalShape.dropFirst().reduce(1, *) * elementType.byteCount
        data.release((range.lowerBound * rowBytes)..<(range.upperBound * rowBytes))
    }
}

extension Layer: CustomStringConvertible {
    /// `model/layer 500×64×8×8 float32 → 500×4096 (flatten)`.
    public var description: String {
        "\(modelName)/\(name) \(shapeDescription) \(dtype) → \(sampleCount)×\(width) (\(reduce.rawValue)\(tokenMask == nil ? "" : ", masked"))"
    }
}
