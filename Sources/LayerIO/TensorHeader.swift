/// What a file's header says about one stored array: element type, shape and memory order.
///
/// Produced by the .npy and safetensors header parsers and validated once
/// (`validatedByteCount`), so that later reads may index without further checks.
struct TensorHeader: Equatable, Sendable {
    /// Element type and byte order.
    var elementType: ElementType
    /// The logical shape, outermost axis first (axis 0 = samples).
    var shape: [Int]
    /// True when the elements are stored in Fortran (column-major) order: axis 0 varies fastest.
    var isFortranOrder: Bool

    /// Number of elements, the product of `shape` (1 for a 0-d array), or nil on overflow.
    var elementCount: Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// `elementCount × itemsize`, or nil on overflow.
    var byteCount: Int? {
        guard let count = elementCount else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: elementType.byteCount)
        return overflow ? nil : bytes
    }

    /// The byte count, checking that it fits and equals `available` (the bytes the file holds for
    /// this array). Too few bytes and too many are both errors: trailing bytes usually mean the
    /// header and the data disagree, and silently ignoring them would hide that.
    func validatedByteCount(available: Int, path: String, layer: String?) throws(LayerIOError) -> Int {
        guard let needed = byteCount else {
            throw .sizeMismatch(path: path, layer: layer,
                                detail: "shape \(shapeText(shape)) of \(elementType) overflows the address space")
        }
        if needed != available {
            let tail = needed < available ? " (trailing bytes are not allowed)" : ""
            throw .sizeMismatch(path: path, layer: layer,
                                detail: "shape \(shapeText(shape)) needs \(needed) bytes but the data holds \(available)\(tail)")
        }
        return needed
    }
}

/// A shape as text: `500×64×8×8`; `()` for a 0-d array.
func shapeText(_ shape: [Int]) -> String {
    shape.isEmpty ? "()" : shape.map(String.init).joined(separator: "×")
}
