/// Reads rows of an N×T×D layer reduced over its tokens (`first`, `last`, `mean`, `max`) into
/// row-major N×D `Float` storage, for one element codec.
///
/// Element (i, t, d) lies at i·T·D + t·D + d in C order and at i + N·t + N·T·d in Fortran order.
/// Without a mask every token is real; with one, row i uses only the tokens it marks real (the
/// mask was checked to give every row one). Means are summed in `Double`; a NaN among the pooled
/// values makes a `max` cell NaN, as it does a `mean` cell.
struct TokenReader: CodecVisitor {
    let bytes: UnsafeRawBufferPointer
    let shape: [Int]
    let isFortranOrder: Bool
    let policy: ReducePolicy
    let mask: TokenMask?
    let rows: Range<Int>
    /// A power of two every value is multiplied by (see `RowReader.scale`).
    var scale: Double = 1

    func visit<C: ScalarCodec>(_ codec: C.Type) throws -> [Float] {
        let n = shape[0], t = shape[1], d = shape[2]
        let count = rows.count * d
        guard count > 0, let base = bytes.baseAddress else { return [Float](repeating: 0, count: count) }
        let size = C.byteCount
        let rowStride = isFortranOrder ? 1 : t * d
        let tokenStride = isFortranOrder ? n : d
        let featureStride = isFortranOrder ? n * t : 1
        let everyToken = Array(0..<t)
        var out = [Float](repeating: 0, count: count)
        // One row's D accumulators; tokens outer and features inner, so a C-order row is read in
        // storage order.
        var acc = [Double](repeating: 0, count: d)
        var k = 0
        for i in rows {
            var tokens = mask?.realTokens(row: i) ?? everyToken
            switch policy {
            case .first: tokens = [tokens[0]]
            case .last: tokens = [tokens[tokens.count - 1]]
            default: break
            }
            let rowStart = i * rowStride
            let pooledMax = policy == .max
            for f in 0..<d { acc[f] = pooledMax ? -.infinity : 0 }
            for token in tokens {
                let tokenStart = rowStart + token * tokenStride
                for f in 0..<d {
                    let v = C.double(base + (tokenStart + f * featureStride) * size)
                    if pooledMax {
                        // NaN wins: once a cell is NaN it stays NaN.
                        if v.isNaN || acc[f].isNaN { acc[f] = .nan } else if v > acc[f] { acc[f] = v }
                    } else {
                        acc[f] += v
                    }
                }
            }
            let divisor = pooledMax ? 1 : Double(tokens.count)
            for f in 0..<d {
                out[k] = Float(acc[f] / divisor * scale)
                k += 1
            }
        }
        return out
    }
}
