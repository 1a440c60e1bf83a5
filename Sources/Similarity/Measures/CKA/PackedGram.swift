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
    /// The stored values, in single or double precision (see `Precision`).
    public enum Values: Sendable {
        case single(FloatBuffer)
        case double([Double])
        /// How many values are stored.
        public var count: Int {
            switch self {
            case .single(let b): return b.count
            case .double(let a): return a.count
            }
        }
    }

    /// The precision of the stored values.
    public enum Precision: Sendable, Hashable {
        /// `Float` entries from single-precision `ssyrk` on the layer rounded to `Float` after
        /// centring: the benchmark's fast path. Each entry carries a relative rounding error
        /// of about 2⁻²⁴, so ⟨Kc, Lc⟩ and CKA are good to about 1e-8 (heavy-tailed layers) and
        /// usually far better.
        case single
        /// `Double` entries from `dsyrk` on the layer centred in double: CKA agrees with a
        /// float64 reference to about 1e-13. Twice the memory, about twice the Gram phase.
        case double

        /// Samples up to which Gram matrices are built in double precision: there a layer's
        /// Gram costs at most 8·2048² bytes = 32 MiB, and `dsyrk` takes well under a second
        /// even for a 2048-wide layer, so exactness costs nothing one would notice; above it,
        /// the large grids (the benchmark's N = 5000) keep the single-precision speed.
        public static let doubleSampleLimit = 2048

        /// The precision used for n samples.
        public static func forSampleCount(_ n: Int) -> Precision { n <= doubleSampleLimit ? .double : .single }

        /// Bytes per stored value.
        public var bytesPerValue: Int { self == .double ? 8 : 4 }
    }

    public let sampleCount: Int
    /// The stored values (`storedLength(n:)` of them).
    public let values: Values
    /// diag(Kc) as stored (n values; `Float` entries widened exactly to `Double`).
    public let diagonal: [Double]

    public var precision: Precision {
        if case .double = values { return .double } else { return .single }
    }

    /// Rows per block.
    public static let blockRows = 512

    /// The number of stored values for n samples.
    public static func storedLength(n: Int) -> Int {
        blocks(n: n).reduce(0) { $0 + $1.rows * $1.width }
    }

    /// The row blocks of the packed layout, in storage order: block b holds rows
    /// `start ..< start + rows` from the diagonal on (`width` = n − start values a row), and its
    /// values begin at `offset`.
    static func blocks(n: Int) -> [(start: Int, rows: Int, width: Int, offset: Int)] {
        var out: [(start: Int, rows: Int, width: Int, offset: Int)] = []
        var start = 0, offset = 0
        while start < n {
            let rows = min(blockRows, n - start), width = n - start
            out.append((start, rows, width, offset))
            offset += rows * width
            start += rows
        }
        return out
    }

    /// Packs the upper triangle of a full row-major n×n matrix (only the upper triangle is read).
    public init(upperOf full: UnsafeBufferPointer<Float>, n: Int) {
        precondition(full.count >= n * n, "a \(n)×\(n) matrix needs \(n * n) values")
        let p = FloatBuffer(count: Self.storedLength(n: n))
        var d = [Float](repeating: 0, count: n)
        p.withUnsafeMutableBufferPointer { out in
            for (i0, m, width, offset) in Self.blocks(n: n) {
                for r in 0..<m {
                    let row = out.baseAddress! + offset + r * width
                    row.update(repeating: 0, count: r)
                    (row + r).update(from: full.baseAddress! + (i0 + r) * n + i0 + r, count: width - r)
                    d[i0 + r] = full[(i0 + r) * n + i0 + r]
                }
            }
        }
        self.sampleCount = n
        self.values = .single(p)
        self.diagonal = d.map(Double.init)
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
                for (i0, m, width, offset) in Self.blocks(n: n) {
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
                }
            }
        }
        self.sampleCount = n
        self.values = .single(p)
        self.diagonal = diag.map(Double.init)
    }

    /// The centred Gram of a layer centred in double precision, in the precision that
    /// `Precision.forSampleCount` chooses for its n: `.double` builds it by `dsyrk`/`dgemm`
    /// from Xc in double; `.single` rounds Xc to `Float` (`CentredColumns.roundedCentred`)
    /// and uses `init(gramOf:)`.
    public init(gramOf c: CentredColumns, precision: Precision? = nil) {
        switch precision ?? Precision.forSampleCount(c.sampleCount) {
        case .single: self.init(gramOf: c.roundedCentred())
        case .double: self.init(doubleGramOf: c.centred())
        }
    }

    /// The centred Gram Kc = XcXcᵀ of Xc (n×D, double), in double precision, in the same
    /// block layout as `init(gramOf:)`.
    /// - Complexity: n(n+1)/2·D multiply-adds.
    public init(doubleGramOf xc: Matrix<Double>) {
        let n = xc.rows, d = xc.cols
        var p = [Double](repeating: 0, count: Self.storedLength(n: n))
        var diag = [Double](repeating: 0, count: n)
        xc.storage.withUnsafeBufferPointer { x in
            p.withUnsafeMutableBufferPointer { out in
                for (i0, m, width, offset) in Self.blocks(n: n) {
                    let block = out.baseAddress! + offset
                    if d > 0 {
                        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, Int32(m), Int32(d), 1,
                                    x.baseAddress! + i0 * d, Int32(d), 0, block, Int32(width))
                        if width > m {
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(width - m), Int32(d), 1,
                                        x.baseAddress! + i0 * d, Int32(d), x.baseAddress! + (i0 + m) * d, Int32(d),
                                        0, block + m, Int32(width))
                        }
                    }
                    for r in 0..<m {
                        block.advanced(by: r * width).update(repeating: 0, count: r) // below the diagonal
                        diag[i0 + r] = block[r * width + r]
                    }
                }
            }
        }
        self.sampleCount = n
        self.values = .double(p)
        self.diagonal = diag
    }

    /// Bytes held.
    public var bytes: Int { values.count * precision.bytesPerValue + diagonal.count * MemoryLayout<Double>.size }
}

/// ⟨Kc, Lc⟩_F of packed centred Gram matrices, in double precision and one fixed order:
/// the packed triangles are cut into chunks of `chunk` values; each chunk's dot product is
/// `layermap_dot_f32_f64` or `layermap_dot_f64` (fixed-order double-precision kernels, by the
/// Grams' precision); chunk results are added in
/// chunk order; then 2·that − Σ_i diag_K[i]·diag_L[i] (added in index order).
public enum GramInner {
    /// Values per chunk: small enough that a chunk of every layer of a grid stays in cache.
    public static let chunk = 4096

    /// ⟨Kc, Lc⟩_F for one pair (both in the same precision).
    public static func inner(_ a: PackedGram, _ b: PackedGram) -> Double {
        precondition(a.sampleCount == b.sampleCount, "X has \(a.sampleCount) rows while Y has \(b.sampleCount)")
        let pa = ReadOnlyValues(a), pb = ReadOnlyValues(b)
        let total = withExtendedLifetime((a, b)) { () -> Double in
            var t = 0.0
            var c = 0
            let count = a.values.count
            while c < count {
                let len = min(chunk, count - c)
                t += pa.dot(pb, from: c, count: len)
                c += len
            }
            return t
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
        let pa = rows.map(ReadOnlyValues.init)
        let pb = symmetric ? pa : b.map(ReadOnlyValues.init)
        withExtendedLifetime((rows, b)) {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let mine = Array(stride(from: w, to: rows.count, by: workers))
                var totals = [Double](repeating: 0, count: mine.count * b.count)
                var c = 0
                while c < length {
                    let len = min(chunk, length - c)
                    for (slot, i) in mine.enumerated() {
                        for j in (symmetric ? i : 0)..<b.count {
                            totals[slot * b.count + j] += pa[i].dot(pb[j], from: c, count: len)
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
        for i in 0..<a.diagonal.count { s += a.diagonal[i] * b.diagonal[i] }
        return s
    }

    /// A read-only pointer to a Gram's values, handed to the workers (the Grams outlive them
    /// and nobody writes).
    private struct ReadOnlyValues: @unchecked Sendable {
        let single: UnsafePointer<Float>?
        let double: UnsafePointer<Double>?
        init(_ g: PackedGram) {
            switch g.values {
            case .single(let buffer):
                single = buffer.withUnsafeBufferPointer { $0.baseAddress }
                double = nil
            case .double(let array):
                single = nil
                double = array.withUnsafeBufferPointer { $0.baseAddress }
            }
        }
        /// The fixed-order dot product of `count` values from `offset` (same precision).
        func dot(_ other: ReadOnlyValues, from offset: Int, count: Int) -> Double {
            if let x = single, let y = other.single { return layermap_dot_f32_f64(x + offset, y + offset, count) }
            if let x = double, let y = other.double { return layermap_dot_f64(x + offset, y + offset, count) }
            precondition(count == 0, "a pair's Gram matrices must share one precision")
            return 0
        }
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
