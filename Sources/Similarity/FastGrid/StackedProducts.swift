import CBlas
import Foundation

/// Inner products between many long vectors at once, as one matrix product per chunk.
///
/// Each layer's centred Gram matrix (n×n) is one row of length n² in a stacked matrix; the
/// a×b matrix of ⟨Kc_i, Lc_j⟩ is then G_A · G_Bᵀ. The n² axis is walked in chunks: each
/// chunk's product is one single-precision `sgemm` (or `ssyrk` when G_A = G_B), and the chunk
/// results are summed in double precision, so the float rounding never accumulates over more
/// than `chunk` terms. Chunks are shared between `threads` worker threads, each running
/// single-threaded BLAS (set by the caller), because a product with only a×b outputs gives
/// OpenBLAS little to split.
public enum StackedProducts {
    /// Elements per chunk of the long axis.
    public static let chunk = 1 << 16

    /// ⟨a_i, b_j⟩ for every row i of `a` (count × length) and row j of `b`, in double.
    /// When `a` and `b` are the same buffer pass `symmetric: true` to halve the work.
    /// - Complexity: O(count_a · count_b · length) flops, reading each input once.
    public static func innerProducts(_ a: UnsafeBufferPointer<Float>, rows ra: Int,
                                     _ b: UnsafeBufferPointer<Float>, rows rb: Int,
                                     length: Int, symmetric: Bool, threads: Int) -> Matrix<Double> {
        precondition(a.count >= ra * length && b.count >= rb * length, "stacked buffers too short")
        let chunks = (length + chunk - 1) / chunk
        let workers = max(1, min(threads, chunks))
        let partials = PartialSums(count: workers, size: ra * rb)
        let pa = SharedReadOnly(base: a.baseAddress!), pb = SharedReadOnly(base: b.baseAddress!)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var block = [Float](repeating: 0, count: ra * rb)
            var acc = [Double](repeating: 0, count: ra * rb)
            var c = w
            while c < chunks {
                let start = c * chunk
                let len = min(chunk, length - start)
                block.withUnsafeMutableBufferPointer { pc in
                    if symmetric {
                        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(ra), Int32(len), 1,
                                    pa.base + start, Int32(length), 0, pc.baseAddress, Int32(rb))
                    } else {
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(ra), Int32(rb), Int32(len), 1,
                                    pa.base + start, Int32(length), pb.base + start, Int32(length),
                                    0, pc.baseAddress, Int32(rb))
                    }
                }
                for k in 0..<(ra * rb) { acc[k] += Double(block[k]) }
                c += workers
            }
            partials.store(acc, at: w)
        }
        var out = Matrix<Double>(rows: ra, cols: rb, storage: partials.sum())
        if symmetric {
            for i in 0..<ra { for j in 0..<i { out[i, j] = out[j, i] } }
        }
        return out
    }

    /// A read-only pointer shared by the workers. Safe: the buffers outlive
    /// `concurrentPerform` (which returns only when every worker is done) and nobody writes them.
    private struct SharedReadOnly: @unchecked Sendable {
        let base: UnsafePointer<Float>
    }

    /// Per-worker partial sums, written once each from `concurrentPerform`.
    private final class PartialSums: @unchecked Sendable {
        // @unchecked: each worker writes only its own slot, and reads happen after the join.
        private var slots: [[Double]]
        private let lock = NSLock()
        init(count: Int, size: Int) { slots = Array(repeating: [Double](repeating: 0, count: size), count: count) }
        func store(_ v: [Double], at i: Int) { lock.lock(); slots[i] = v; lock.unlock() }
        func sum() -> [Double] {
            var total = [Double](repeating: 0, count: slots.first?.count ?? 0)
            for s in slots { for k in total.indices { total[k] += s[k] } }
            return total
        }
    }
}
