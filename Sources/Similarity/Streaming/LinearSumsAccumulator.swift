import CBlas
import Foundation

/// Computes `LinearSums` for a set of layers and pairs over a slice of samples, reading the
/// layers in row blocks, so memory holds one block per layer plus the sums — never an n×n
/// matrix nor a whole layer.
///
/// Per block of B rows: each layer's rows are widened to double and shifted (x̃ = x − s) and
/// their squared norms taken; then for each pair X̃_bᵀỸ_b is one `dgemm` (`dsyrk` for a layer
/// with itself), added to the pair's sums, with the norm-weighted vectors beside it. Every
/// product and sum is in double, so the sums (and the CKA made from them) agree with a float64
/// reference to about 1e-15 relative; single-precision block products lost about √B·2⁻²⁴.
/// Pairs are spread over `threads` threads, each product single-threaded (see `Parallel`), so
/// the sums do not depend on the thread count.
/// - Complexity: Σ_pairs 2·n·D_X·D_Y flops (half for self pairs); memory Σ_pairs 8·D_X·D_Y
///   bytes for the sums, 12·B·ΣD for the blocks (as read, and widened) and 8·D_X·D_Y per
///   thread for a product.
public struct LinearSumsAccumulator: Sendable {
    /// Rows read per block.
    public var blockRows: Int
    /// How many leading samples define each layer's shift.
    public static let shiftRows = 1024

    public init(blockRows: Int = 2048) {
        self.blockRows = blockRows
    }

    /// The shift of a layer: the mean of its first `shiftRows` samples (of the whole data set,
    /// so every shard uses the same one), rounded to `Float`.
    public static func shift(of source: any ActivationSource) throws -> [Float] {
        let m = min(source.sampleCount, shiftRows)
        guard m > 0 else { return [Float](repeating: 0, count: source.width) }
        let head = try source.readRows(0..<m)
        var sum = [Double](repeating: 0, count: head.cols)
        for i in 0..<head.rows { for j in 0..<head.cols { sum[j] += Double(head[i, j]) } }
        return sum.map { Float($0 / Double(m)) }
    }

    /// One pair's running sums, owned by one worker at a time.
    private final class PairSums: @unchecked Sendable {
        // @unchecked: within a block each instance is updated by exactly one worker thread,
        // and blocks are processed one after another.
        let x: Int, y: Int
        var cross: [Double]
        var normProducts = 0.0
        var normWeightedY: [Double]
        var normWeightedX: [Double]
        init(x: Int, y: Int, dx: Int, dy: Int) {
            self.x = x; self.y = y
            cross = [Double](repeating: 0, count: dx * dy)
            normWeightedY = [Double](repeating: 0, count: dy)
            normWeightedX = [Double](repeating: 0, count: dx)
        }
    }

    /// One layer's block: shifted rows, their squared norms, its column sums, NaN/Inf count.
    private struct Block: Sendable {
        let rows: Matrix<Double>
        let norms: [Double]
        let columnSums: [Double]
        let bad: Int
    }

    /// Sums over samples `range` for `sources`, for the pairs listed (by index into `sources`;
    /// list (k, k) for every layer whose self term is needed).
    /// - Throws: a source's read error or `.cancelled`. NaN and infinite values are counted per
    ///   layer (`LinearSums.Layer.nonFinite`), which makes that layer's cells undefined.
    public func accumulate(_ sources: [any ActivationSource], pairs: [(Int, Int)], range: Range<Int>,
                           threads: Int = Parallel.defaultThreads,
                           isCancelled: () -> Bool = { false },
                           progress: (Int) -> Void = { _ in }) throws -> LinearSums {
        BLAS.useSingleThread()
        let shifts = try sources.map(Self.shift)
        var layers = sources.indices.map { k in
            LinearSums.Layer(width: sources[k].width, shift: shifts[k],
                             sum: [Double](repeating: 0, count: sources[k].width), sumSquares: 0)
        }
        let sums = pairs.map { PairSums(x: $0.0, y: $0.1, dx: sources[$0.0].width, dy: sources[$0.1].width) }
        let used = Array(Set(pairs.flatMap { [$0.0, $0.1] })).sorted()
        var start = range.lowerBound
        while start < range.upperBound {
            if isCancelled() { throw SimilarityError.cancelled }
            // Blocks sit on global multiples of `blockRows`, so a shard that starts and ends on
            // such a multiple sums exactly the single run's single-precision blocks.
            let end = min((start / blockRows + 1) * blockRows, range.upperBound)
            let raw = try used.map { k -> Matrix<Float> in
                let m = try sources[k].readRows(start..<end)
                sources[k].releaseRows(start..<end)
                return m
            }
            let prepared = Parallel.map(used.count, threads: threads) { i in
                Self.shifted(raw[i], by: shifts[used[i]])
            }
            var blocks: [Int: Block] = [:]
            for (i, k) in used.enumerated() {
                let block = prepared[i]
                blocks[k] = block
                for j in block.columnSums.indices { layers[k].sum[j] += block.columnSums[j] }
                layers[k].sumSquares += block.norms.reduce(0, +)
                layers[k].nonFinite += block.bad
            }
            let shared = blocks
            _ = Parallel.map(sums.count, threads: threads) { p in
                Self.add(shared[sums[p].x]!, shared[sums[p].y]!, into: sums[p], selfPair: sums[p].x == sums[p].y)
            }
            progress(end - range.lowerBound)
            start = end
        }
        return LinearSums(sampleCount: range.count, layers: layers, pairs: sums.map {
            LinearSums.Pair(x: $0.x, y: $0.y, cross: $0.cross, normProducts: $0.normProducts,
                            normWeightedY: $0.normWeightedY, normWeightedX: $0.normWeightedX)
        })
    }

    /// Widens a block's rows to double, shifts them by `shift` and takes row norms and column
    /// sums, all in double.
    private static func shifted(_ block: Matrix<Float>, by shift: [Float]) -> Block {
        let b = block.rows, d = block.cols
        var m = Matrix<Double>(rows: b, cols: d)
        var rowNorms = [Double](repeating: 0, count: b)
        var columnSums = [Double](repeating: 0, count: d)
        var bad = 0
        block.storage.withUnsafeBufferPointer { src in
            m.storage.withUnsafeMutableBufferPointer { p in
                for i in 0..<b {
                    var acc = 0.0
                    for j in 0..<d {
                        let v = src[i * d + j]
                        if !v.isFinite { bad += 1 }
                        let s = Double(v) - Double(shift[j])
                        p[i * d + j] = s
                        columnSums[j] += s
                        acc += s * s
                    }
                    rowNorms[i] = acc
                }
            }
        }
        return Block(rows: m, norms: rowNorms, columnSums: columnSums, bad: bad)
    }

    /// Adds one block's contribution to a pair's sums: X̃ᵀỸ (one single-threaded double BLAS
    /// call), Σa·e, Σa·ỹ and Σe·x̃.
    private static func add(_ x: Block, _ y: Block, into s: PairSums, selfPair: Bool) {
        let b = x.rows.rows, dx = x.rows.cols, dy = y.rows.cols
        // Every element is written by the BLAS call (and the mirroring), so no zeroing.
        var product = [Double](unsafeUninitializedCapacity: dx * dy) { _, count in count = dx * dy }
        product.withUnsafeMutableBufferPointer { c in
            x.rows.storage.withUnsafeBufferPointer { px in
                y.rows.storage.withUnsafeBufferPointer { py in
                    if selfPair {
                        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(dx), Int32(b), 1,
                                    px.baseAddress, Int32(dx), 0, c.baseAddress, Int32(dx))
                        for i in 0..<dx { for j in 0..<i { c[i * dx + j] = c[j * dx + i] } }
                    } else {
                        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(dx), Int32(dy), Int32(b), 1,
                                    px.baseAddress, Int32(dx), py.baseAddress, Int32(dy), 0, c.baseAddress, Int32(dy))
                    }
                }
            }
            s.cross.withUnsafeMutableBufferPointer { acc in
                for k in 0..<(dx * dy) { acc[k] += c[k] }
            }
        }
        var ae = 0.0
        for i in 0..<b { ae += x.norms[i] * y.norms[i] }
        s.normProducts += ae
        addWeightedRows(y.rows, weights: x.norms, into: &s.normWeightedY)
        addWeightedRows(x.rows, weights: y.norms, into: &s.normWeightedX)
    }

    /// acc += Σ_i w_i · m_i (the rows of `m` weighted), in double precision.
    static func addWeightedRows(_ m: Matrix<Double>, weights: [Double], into acc: inout [Double]) {
        let d = m.cols
        m.storage.withUnsafeBufferPointer { p in
            acc.withUnsafeMutableBufferPointer { a in
                for i in 0..<m.rows {
                    let w = weights[i]
                    let row = p.baseAddress! + i * d
                    for j in 0..<d { a[j] += w * row[j] }
                }
            }
        }
    }

    /// Bytes the sums of `pairs` take (for planning passes within a memory budget).
    public static func sumBytes(widths: [Int], pairs: [(Int, Int)]) -> Int {
        pairs.reduce(0) { $0 + 8 * (widths[$1.0] * widths[$1.1] + widths[$1.0] + widths[$1.1]) }
    }
}
