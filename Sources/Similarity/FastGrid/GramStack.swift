import CBlas

/// The centred Gram matrices of several layers, stored back to back as packed upper
/// triangles, so all pairs' inner products are one stacked product (`StackedProducts`).
///
/// Layer k's HKH = XcXcᵀ (n×n, symmetric) is kept as its upper triangle, row by row
/// (n(n+1)/2 values), in `storage[k·p ..< (k+1)·p]` with p = `packedLength`. For two such
/// packed triangles P_K, P_L,
///
///     ⟨Kc, Lc⟩_F = 2·⟨P_K, P_L⟩ − Σ_i Kc_ii·Lc_ii,
///
/// so half the memory and half the reading of full matrices. The diagonal of each stored
/// Gram (as rounded to `Float`) is kept for that correction; diag(HKH) and tr(HKH) in double
/// precision are kept for the unbiased estimator.
///
/// Memory: 2·n² bytes per layer (n = 5000: 50 MB).
public struct GramStack: Sendable {
    public let sampleCount: Int
    public private(set) var storage: [Float]
    /// diag of each stored Gram, as stored (Float, widened).
    public private(set) var storedDiagonals: [[Double]]
    /// diag(HKH) per layer, from the centring, in double.
    public private(set) var diagonals: [[Double]]
    /// tr(HKH) per layer.
    public private(set) var traces: [Double]
    /// D per layer.
    public private(set) var widths: [Int]
    private var scratch: [Float]

    /// n(n+1)/2, the length of one packed triangle.
    public var packedLength: Int { sampleCount * (sampleCount + 1) / 2 }

    /// An empty stack with room for `capacity` layers (the memory is taken now).
    public init(sampleCount: Int, capacity: Int) {
        self.sampleCount = sampleCount
        self.storage = [Float](repeating: 0, count: capacity * sampleCount * (sampleCount + 1) / 2)
        self.storedDiagonals = []
        self.diagonals = []
        self.traces = []
        self.widths = []
        self.scratch = []
    }

    public var count: Int { traces.count }

    /// Layers the stack has room for.
    public var capacity: Int { packedLength == 0 ? 0 : storage.count / packedLength }

    /// Appends the centred Gram of `c` (n×D): one `ssyrk` into a scratch n×n buffer (reused
    /// between layers), then its upper triangle is packed onto the stack.
    /// - Complexity: n²·D flops.
    public mutating func append(_ c: CenteredActivations) {
        let n = sampleCount
        precondition(c.sampleCount == n, "X has \(c.sampleCount) rows while the stack has \(n)")
        if scratch.count != n * n { scratch = [Float](repeating: 0, count: n * n) }
        if c.width > 0 {
            c.matrix.storage.withUnsafeBufferPointer { pa in
                scratch.withUnsafeMutableBufferPointer { pc in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(n), Int32(c.width),
                                1, pa.baseAddress, Int32(c.width), 0, pc.baseAddress, Int32(n))
                }
            }
        } else {
            for k in scratch.indices { scratch[k] = 0 }
        }
        precondition(count < capacity, "the stack holds \(capacity) layers")
        var diag = [Double](repeating: 0, count: n)
        let base = count * packedLength
        scratch.withUnsafeBufferPointer { s in
            storage.withUnsafeMutableBufferPointer { out in
                var offset = base
                for i in 0..<n {
                    diag[i] = Double(s[i * n + i])
                    let len = n - i
                    (out.baseAddress! + offset).update(from: s.baseAddress! + i * n + i, count: len)
                    offset += len
                }
            }
        }
        storedDiagonals.append(diag)
        diagonals.append(c.rowSquaredNorms)
        traces.append(c.squaredNorm)
        widths.append(c.width)
    }

    /// The full-matrix inner products ⟨Kc_i, Lc_j⟩ for every layer i of `self` and j of
    /// `other` (or of `self` when `other` is nil, using symmetry), in double.
    public func innerProducts(with other: GramStack?, threads: Int) -> Matrix<Double> {
        let b = other ?? self
        precondition(b.sampleCount == sampleCount, "stacks of \(sampleCount) and \(b.sampleCount) samples")
        let p = packedLength
        precondition(count == capacity && b.count == b.capacity, "inner products of a partly filled stack")
        var packed = storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                StackedProducts.innerProducts(pa, rows: count, pb, rows: b.count, length: p,
                                              symmetric: other == nil, threads: threads)
            }
        }
        for i in 0..<count {
            for j in 0..<b.count {
                packed[i, j] = 2 * packed[i, j] - BLAS.dot(storedDiagonals[i], b.storedDiagonals[j])
            }
        }
        return packed
    }
}
