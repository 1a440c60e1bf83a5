import CKernels
import Foundation

/// A layer's centred Gram matrix Kc = HKH (n×n, symmetric), kept as its upper triangle.
///
/// Row i's entries Kc_ii … Kc_i,n−1 are stored one row after another (n(n+1)/2 values, half the
/// memory of the full matrix), with the diagonal also kept apart. For two such matrices
///
///     ⟨Kc, Lc⟩_F = 2·⟨P_K, P_L⟩ − Σ_i Kc_ii·Lc_ii,
///
/// where ⟨P_K, P_L⟩ runs over the packed triangles. `GramInner` computes it in one fixed
/// summation order, whichever path asks (one cell at a time, or a whole grid at once), so the
/// two paths agree to the last bit.
public struct PackedGram: Sendable {
    public let sampleCount: Int
    /// The packed upper triangle, n(n+1)/2 values.
    public let packed: [Float]
    /// diag(Kc) as stored (n values).
    public let diagonal: [Float]

    /// Packs the upper triangle of a full row-major n×n matrix (only the upper triangle is read).
    public init(upperOf full: UnsafeBufferPointer<Float>, n: Int) {
        precondition(full.count >= n * n, "a \(n)×\(n) matrix needs \(n * n) values")
        var p = [Float](repeating: 0, count: n * (n + 1) / 2)
        var d = [Float](repeating: 0, count: n)
        p.withUnsafeMutableBufferPointer { out in
            var offset = 0
            for i in 0..<n {
                let len = n - i
                d[i] = full[i * n + i]
                (out.baseAddress! + offset).update(from: full.baseAddress! + i * n + i, count: len)
                offset += len
            }
        }
        self.sampleCount = n
        self.packed = p
        self.diagonal = d
    }

    /// The centred Gram of centred activations Xc (n×D): Kc = XcXcᵀ by one `ssyrk`, packed.
    /// - Complexity: n²·D flops; a temporary n×n buffer.
    public init(gramOf xc: Matrix<Float>) {
        let n = xc.rows
        var full = [Float](repeating: 0, count: n * n)
        if xc.cols > 0 && n > 0 {
            BLAS.syrkUpper(xc, into: &full)
        }
        self = full.withUnsafeBufferPointer { PackedGram(upperOf: $0, n: n) }
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
        let length = n * (n + 1) / 2
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
