import CBlas
import Foundation

/// Computes `LinearSums` for a set of layers and pairs over a slice of samples, reading the
/// layers in row blocks, so memory holds one block per layer plus the sums — never an n×n
/// matrix nor a whole layer.
///
/// Per block of B rows: each layer's rows are shifted (x̃ = x − s) and their squared norms
/// taken; then for each pair X̃_bᵀỸ_b is one `sgemm` (`ssyrk` for a layer with itself),
/// added in double precision to the pair's sums, with the norm-weighted vectors beside it.
/// - Complexity: Σ_pairs 2·n·D_X·D_Y flops (half for self pairs); memory Σ_pairs 8·D_X·D_Y
///   bytes for the sums plus 4·B·ΣD for the blocks.
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

    /// Sums over samples `range` for `sources`, for the pairs listed (by index into `sources`;
    /// list (k, k) for every layer whose self term is needed).
    /// - Throws: a source's read error or `.cancelled`. NaN and infinite values are counted per
    ///   layer (`LinearSums.Layer.nonFinite`), which makes that layer's cells undefined.
    public func accumulate(_ sources: [any ActivationSource], pairs: [(Int, Int)], range: Range<Int>,
                           isCancelled: () -> Bool = { false },
                           progress: (Int) -> Void = { _ in }) throws -> LinearSums {
        BLAS.useSingleThread()
        let shifts = try sources.map(Self.shift)
        var layers = sources.indices.map { k in
            LinearSums.Layer(width: sources[k].width, shift: shifts[k],
                             sum: [Double](repeating: 0, count: sources[k].width), sumSquares: 0)
        }
        var sums = pairs.map { p in
            LinearSums.Pair(x: p.0, y: p.1,
                            cross: [Double](repeating: 0, count: sources[p.0].width * sources[p.1].width),
                            normProducts: 0,
                            normWeightedY: [Double](repeating: 0, count: sources[p.1].width),
                            normWeightedX: [Double](repeating: 0, count: sources[p.0].width))
        }
        let used = Set(pairs.flatMap { [$0.0, $0.1] })
        var scratch: [Float] = []
        var start = range.lowerBound
        while start < range.upperBound {
            if isCancelled() { throw SimilarityError.cancelled }
            // Blocks sit on global multiples of `blockRows`, so a shard that starts and ends on
            // such a multiple sums exactly the single run's single-precision blocks.
            let end = min((start / blockRows + 1) * blockRows, range.upperBound)
            let b = end - start
            // Shifted rows and their squared norms, per layer used.
            var blocks: [Int: Matrix<Float>] = [:]
            var norms: [Int: [Double]] = [:]
            for k in used.sorted() {
                var m = try sources[k].readRows(start..<end)
                sources[k].releaseRows(start..<end)
                let d = m.cols
                var rowNorms = [Double](repeating: 0, count: b)
                var bad = 0
                m.storage.withUnsafeMutableBufferPointer { p in
                    for i in 0..<b {
                        var acc = 0.0
                        for j in 0..<d {
                            let v = p[i * d + j]
                            if !v.isFinite { bad += 1 }
                            let s = v - shifts[k][j]
                            p[i * d + j] = s
                            layers[k].sum[j] += Double(s)
                            acc += Double(s) * Double(s)
                        }
                        rowNorms[i] = acc
                    }
                }
                layers[k].nonFinite += bad
                layers[k].sumSquares += rowNorms.reduce(0, +)
                blocks[k] = m
                norms[k] = rowNorms
            }
            for (index, p) in pairs.enumerated() {
                let x = blocks[p.0]!, y = blocks[p.1]!
                let ax = norms[p.0]!, ey = norms[p.1]!
                let dx = x.cols, dy = y.cols
                if scratch.count < dx * dy { scratch = [Float](repeating: 0, count: dx * dy) }
                scratch.withUnsafeMutableBufferPointer { c in
                    x.storage.withUnsafeBufferPointer { px in
                        y.storage.withUnsafeBufferPointer { py in
                            if p.0 == p.1 {
                                cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(dx), Int32(b), 1,
                                            px.baseAddress, Int32(dx), 0, c.baseAddress, Int32(dx))
                                for i in 0..<dx { for j in 0..<i { c[i * dx + j] = c[j * dx + i] } }
                            } else {
                                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(dx), Int32(dy), Int32(b), 1,
                                            px.baseAddress, Int32(dx), py.baseAddress, Int32(dy), 0, c.baseAddress, Int32(dy))
                            }
                        }
                    }
                    sums[index].cross.withUnsafeMutableBufferPointer { acc in
                        for k in 0..<(dx * dy) { acc[k] += Double(c[k]) }
                    }
                }
                var ae = 0.0
                for i in 0..<b { ae += ax[i] * ey[i] }
                sums[index].normProducts += ae
                Self.addWeightedRows(y, weights: ax, into: &sums[index].normWeightedY)
                Self.addWeightedRows(x, weights: ey, into: &sums[index].normWeightedX)
            }
            progress(end - range.lowerBound)
            start = end
        }
        return LinearSums(sampleCount: range.count, layers: layers, pairs: sums)
    }

    /// acc += Σ_i w_i · m_i (the rows of `m` weighted), in double precision.
    static func addWeightedRows(_ m: Matrix<Float>, weights: [Double], into acc: inout [Double]) {
        let d = m.cols
        m.storage.withUnsafeBufferPointer { p in
            acc.withUnsafeMutableBufferPointer { a in
                for i in 0..<m.rows {
                    let w = weights[i]
                    let row = p.baseAddress! + i * d
                    for j in 0..<d { a[j] += w * Double(row[j]) }
                }
            }
        }
    }

    /// Bytes the sums of `pairs` take (for planning passes within a memory budget).
    public static func sumBytes(widths: [Int], pairs: [(Int, Int)]) -> Int {
        pairs.reduce(0) { $0 + 8 * (widths[$1.0] * widths[$1.1] + widths[$1.0] + widths[$1.1]) }
    }
}
