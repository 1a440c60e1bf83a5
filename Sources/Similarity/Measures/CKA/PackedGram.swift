import CBlas
import CKernels
import Foundation

/// A layer's centred Gram matrix Kc = HKH (n×n, symmetric), kept as its upper triangle in
/// row blocks that BLAS writes straight into.
///
/// Rows are grouped in blocks of B (`blockRows`); block k, rows i0..<i1, stores the rectangle
/// Kc[i0..<i1, i0..<n] row-major (m = i1 − i0 rows of n − i0 values), blocks one after another.
/// Inside the m×m diagonal square only the upper triangle is kept; its strict lower triangle is
/// zero. So every entry above the diagonal appears once, the diagonal once, and nothing below:
/// about n²/2 + n·B/2 values, half the full matrix. For two such matrices
///
///     ⟨Kc, Lc⟩_F = 2·⟨P_K, P_L⟩ − Σ_i Kc_ii·Lc_ii,
///
/// where ⟨P_K, P_L⟩ runs over the stored values (the zeros add nothing). `GramInner` computes
/// it in one fixed summation order, whichever path asks (one cell at a time, or a whole grid
/// at once), so the two paths agree to the last bit. Every layer with the same n has the same
/// layout.
public struct PackedGram: Sendable {
    public let sampleCount: Int
    /// The stored values (`storedLength(n:)` of them).
    public let packed: FloatBuffer
    /// diag(Kc) as stored (n values).
    public let diagonal: [Float]

    /// Rows per block.
    public static let blockRows = 512

    /// The number of stored values for n samples.
    public static func storedLength(n: Int) -> Int {
        var total = 0
        var i0 = 0
        while i0 < n {
            let m = min(blockRows, n - i0)
            total += m * (n - i0)
            i0 += m
        }
        return total
    }

    /// Packs the upper triangle of a full row-major n×n matrix (only the upper triangle is read).
    public init(upperOf full: UnsafeBufferPointer<Float>, n: Int) {
        precondition(full.count >= n * n, "a \(n)×\(n) matrix needs \(n * n) values")
        let p = FloatBuffer(count: Self.storedLength(n: n))
        var d = [Float](repeating: 0, count: n)
        p.withUnsafeMutableBufferPointer { out in
            var offset = 0
            var i0 = 0
            while i0 < n {
                let m = min(Self.blockRows, n - i0), width = n - i0
                for r in 0..<m {
                    let row = out.baseAddress! + offset + r * width
                    row.update(repeating: 0, count: r)
                    (row + r).update(from: full.baseAddress! + (i0 + r) * n + i0 + r, count: width - r)
                    d[i0 + r] = full[(i0 + r) * n + i0 + r]
                }
                offset += m * width
                i0 += m
            }
        }
        self.sampleCount = n
        self.packed = p
        self.diagonal = d
    }

    /// The centred Gram of centred activations Xc (n×D), Kc = XcXcᵀ, written by BLAS straight
    /// into the block layout: per block of rows, the diagonal square by `ssyrk` (upper
    /// triangle) and the rest of the rows by `sgemm` against Xc[i1..<n]. No n×n scratch, no
    /// copy, no flop spent below the diagonal.
    /// - Complexity: n(n+1)/2·D multiply-adds.
    public init(gramOf xc: Matrix<Float>) {
        let n = xc.rows, d = xc.cols
        let p = FloatBuffer(count: Self.storedLength(n: n))
        var diag = [Float](repeating: 0, count: n)
        xc.storage.withUnsafeBufferPointer { x in
            p.withUnsafeMutableBufferPointer { out in
                var offset = 0
                var i0 = 0
                while i0 < n {
                    let m = min(Self.blockRows, n - i0), width = n - i0
                    let block = out.baseAddress! + offset
                    if d == 0 {
                        block.update(repeating: 0, count: m * width)
                    } else {
                        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(d), 1,
                                    x.baseAddress! + i0 * d, Int32(d), 0, block, Int32(width))
                        if width > m {
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(width - m), Int32(d), 1,
                                        x.baseAddress! + i0 * d, Int32(d), x.baseAddress! + (i0 + m) * d, Int32(d),
                                        0, block + m, Int32(width))
                        }
                    }
                    for r in 0..<m {
                        block.advanced(by: r * width).update(repeating: 0, count: r) // below the diagonal
                        diag[i0 + r] = block[r * width + r]
                    }
                    offset += m * width
                    i0 += m
                }
            }
        }
        self.sampleCount = n
        self.packed = p
        self.diagonal = diag
    }

    /// Bytes held.
    public var bytes: Int { (packed.count + diagonal.count) * MemoryLayout<Float>.size }
}

/// ⟨Kc, Lc⟩_F of packed centred Gram matrices, in double precision and one fixed order:
/// the packed triangles are cut into chunks of `chunk` values; each chunk's dot product is
/// `layermap_dot_f32_f64` (a fixed-order double-precision kernel); chunk results are added in
/// chunk order; then 2·that − Σ_i diag_K[i]·diag_L[i] (added in index order).
public enum GramInner {
    /// Values per chunk: small enough that a chunk of every layer of a grid stays in cache.
    public static let chunk = 4096

    /// ⟨Kc, Lc⟩_F for one pair.
    public static func inner(_ a: PackedGram, _ b: PackedGram) -> Double {
        precondition(a.sampleCount == b.sampleCount, "X has \(a.sampleCount) rows while Y has \(b.sampleCount)")
        let total = a.packed.withUnsafeBufferPointer { pa in
            b.packed.withUnsafeBufferPointer { pb in
                var t = 0.0
                var c = 0
                while c < pa.count {
                    let len = min(chunk, pa.count - c)
                    t += layermap_dot_f32_f64(pa.baseAddress! + c, pb.baseAddress! + c, len)
                    c += len
                }
                return t
            }
        }
        return 2 * total - diagonalDot(a, b)
    }

    /// ⟨Kc_i, Lc_j⟩ for every i in `rows` and j in `cols` (or i ≤ j of `rows` with itself when
    /// `cols` is nil), identical to `inner` pair by pair. Walks the chunks once for all pairs,
    /// so each layer's matrix is read from memory once; rows are shared between `threads`
    /// worker threads, each pair's chunks still added in order.
    public static func allPairs(_ rows: [PackedGram], _ cols: [PackedGram]?, threads: Int) -> Matrix<Double> {
        let b = cols ?? rows
        let symmetric = cols == nil
        let n = rows.first?.sampleCount ?? b.first?.sampleCount ?? 0
        precondition((rows + b).allSatisfy { $0.sampleCount == n }, "every layer must have the same samples")
        let length = PackedGram.storedLength(n: n)
        let workers = max(1, min(threads, rows.count))
        let result = SharedTotals(rows: rows.count, cols: b.count)
        // Pointers stay valid: `rows` and `b` are alive until concurrentPerform returns.
        let pa = rows.map { g in g.packed.withUnsafeBufferPointer { ReadOnlyFloats(base: $0.baseAddress) } }
        let pb = symmetric ? pa : b.map { g in g.packed.withUnsafeBufferPointer { ReadOnlyFloats(base: $0.baseAddress) } }
        withExtendedLifetime((rows, b)) {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let mine = Array(stride(from: w, to: rows.count, by: workers))
                var totals = [Double](repeating: 0, count: mine.count * b.count)
                var c = 0
                while c < length {
                    let len = min(chunk, length - c)
                    for (slot, i) in mine.enumerated() {
                        for j in (symmetric ? i : 0)..<b.count {
                            totals[slot * b.count + j] += layermap_dot_f32_f64(pa[i].base! + c, pb[j].base! + c, len)
                        }
                    }
                    c += len
                }
                for (slot, i) in mine.enumerated() {
                    result.set(row: i, values: Array(totals[(slot * b.count)..<((slot + 1) * b.count)]))
                }
            }
        }
        var out = result.matrix
        for i in 0..<rows.count {
            for j in (symmetric ? i : 0)..<b.count {
                out[i, j] = 2 * out[i, j] - diagonalDot(rows[i], b[j])
                if symmetric { out[j, i] = out[i, j] }
            }
        }
        return out
    }

    static func diagonalDot(_ a: PackedGram, _ b: PackedGram) -> Double {
        var s = 0.0
        for i in 0..<a.diagonal.count { s += Double(a.diagonal[i]) * Double(b.diagonal[i]) }
        return s
    }

    /// A read-only pointer handed to the workers (the arrays outlive them and nobody writes).
    private struct ReadOnlyFloats: @unchecked Sendable {
        let base: UnsafePointer<Float>?
    }

    /// Rows of results written by the workers, each row by one worker.
    private final class SharedTotals: @unchecked Sendable {
        // @unchecked: writes go through `lock`; the matrix is read after the workers join.
        private let lock = NSLock()
        private(set) var matrix: Matrix<Double>
        init(rows: Int, cols: Int) { matrix = Matrix(rows: rows, cols: cols) }
        func set(row i: Int, values: [Double]) {
            lock.lock()
            for (j, v) in values.enumerated() { matrix[i, j] = v }
            lock.unlock()
        }
    }
}
