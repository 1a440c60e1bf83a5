/// Where the elements of each output cell live in the stored array.
///
/// For element (i, rest) of a shape (N, s₁, …, s_k) array:
/// - C order: offset = i·(s₁⋯s_k) + C-flat(rest)
/// - Fortran order: offset = i + N·F-flat(rest), where F-flat runs the first axis fastest.
struct ReadPlan {
    let sampleCount: Int
    let width: Int
    /// Elements reduced into one output cell (1 for `flatten`).
    let groupSize: Int
    /// Offset (in elements) between consecutive rows' first elements.
    let rowStride: Int
    /// For `flatten` in Fortran order: the offset of column j relative to the row start.
    /// Nil when columns are contiguous (C order, or at most 2 axes handled by `columnStride`).
    let columnOffsets: [Int]?
    /// Offset between consecutive columns when `columnOffsets` is nil.
    let columnStride: Int
    /// Offset between consecutive elements of one reduced group (`mean`).
    let groupStride: Int

    init(shape: [Int], isFortranOrder: Bool, reduce: ReducePolicy, width: Int) {
        let n = shape[0]
        let rest = Array(shape.dropFirst())
        let perRow = rest.reduce(1, *)  // validated: fits
        sampleCount = n
        self.width = width
        if reduce == .mean && shape.count > 2 {
            // Cell (i, c) averages the trailing block of m = perRow / a elements.
            let a = rest[0]
            let m = perRow / a
            groupSize = m
            if isFortranOrder {
                rowStride = 1; columnStride = n; groupStride = n * a
            } else {
                rowStride = perRow; columnStride = m; groupStride = 1
            }
            columnOffsets = nil
        } else {
            groupSize = 1
            groupStride = 0
            if !isFortranOrder {
                rowStride = perRow; columnStride = 1; columnOffsets = nil
            } else if rest.count <= 1 {
                rowStride = 1; columnStride = n; columnOffsets = nil
            } else {
                // Walk the trailing index in C order, emitting its Fortran-order offset.
                rowStride = 1
                columnStride = 0
                var fortranStrides = [Int](repeating: n, count: rest.count)
                for axis in 1..<rest.count { fortranStrides[axis] = fortranStrides[axis - 1] * rest[axis - 1] }
                var index = [Int](repeating: 0, count: rest.count)
                var offsets = [Int]()
                offsets.reserveCapacity(width)
                var offset = 0
                for _ in 0..<width {
                    offsets.append(offset)
                    var axis = rest.count - 1
                    while axis >= 0 {
                        index[axis] += 1
                        offset += fortranStrides[axis]
                        if index[axis] < rest[axis] { break }
                        offset -= fortranStrides[axis] * index[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
                columnOffsets = offsets
            }
        }
    }
}

/// Reads rows of a layer into row-major `Float` storage, for one element codec.
///
/// Every offset it computes is below shape.product, and the byte buffer was checked to hold
/// exactly shape.product × itemsize bytes, so the unchecked pointer arithmetic stays in bounds.
struct RowReader: CodecVisitor {
    static let hostIsLittleEndian = 1.littleEndian == 1

    let bytes: UnsafeRawBufferPointer
    let plan: ReadPlan
    let rows: Range<Int>
    /// A power of two every value is multiplied by before narrowing (1 for almost every layer).
    var scale: Double = 1

    /// One stored element as a `Float`, scaled when `scale` is not 1.
    @inline(__always) func value<C: ScalarCodec>(_ codec: C.Type, _ p: UnsafeRawPointer) -> Float {
        scale == 1 ? C.float(p) : Float(C.double(p) * scale)
    }

    func visit<C: ScalarCodec>(_ codec: C.Type) throws -> [Float] {
        let width = plan.width
        let count = rows.count * width
        guard count > 0, let base = bytes.baseAddress else { return [Float](repeating: 0, count: count) }
        let size = C.byteCount
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            // Fast path: little-endian float32 rows stored contiguously are already the output.
            if C.self == Float32Codec<LittleEndianStorage>.self, Self.hostIsLittleEndian,
               plan.groupSize == 1, plan.columnOffsets == nil, plan.columnStride == 1, plan.rowStride == width,
               let destination = out.baseAddress {
                UnsafeMutableRawPointer(destination)
                    .copyMemory(from: base + rows.lowerBound * width * size, byteCount: count * size)
                initialized = count
                return
            }
            var k = 0
            for i in rows {
                let rowStart = i * plan.rowStride
                if plan.groupSize > 1 {
                    let divisor = Double(plan.groupSize)
                    for c in 0..<width {
                        var sum = 0.0
                        var e = rowStart + c * plan.columnStride
                        for _ in 0..<plan.groupSize {
                            sum += C.double(base + e * size) * scale
                            e += plan.groupStride
                        }
                        out[k] = Float(sum / divisor)
                        k += 1
                    }
                } else if let offsets = plan.columnOffsets {
                    for j in 0..<width {
                        out[k] = value(C.self, base + (rowStart + offsets[j]) * size)
                        k += 1
                    }
                } else {
                    var e = rowStart
                    for _ in 0..<width {
                        out[k] = value(C.self, base + e * size)
                        e += plan.columnStride
                        k += 1
                    }
                }
            }
            initialized = k
        }
    }
}
