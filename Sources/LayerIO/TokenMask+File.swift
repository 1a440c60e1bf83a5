extension TokenMask {
    /// Reads the N×T mask in the .npy file at `path`.
    ///
    /// Accepts bool (`|b1`), signed and unsigned integers of 1, 2, 4 or 8 bytes and float32/float64,
    /// in either byte order and either storage order, each value 0 or 1.
    ///
    /// - Throws: `badMask` for a shape other than 2-D, another dtype, a value other than 0 or 1
    ///   (naming it and its row and token), or a row with no real token; the .npy reader's errors
    ///   for a file that is not a well-formed .npy.
    public static func read(path: String) throws(LayerIOError) -> TokenMask {
        let file = try MappedFile(path: path)
        let (text, dataOffset) = try NpyHeader.headerText(file.bytes, path: path, layer: nil)
        let fields = try NpyHeader.parseFields(text, path: path, layer: nil)
        guard fields.shape.count == 2 else {
            throw .badMask(path: path, detail: "a mask is an N×T array of real-token flags, but this one has shape \(shapeText(fields.shape))")
        }
        let n = fields.shape[0], t = fields.shape[1]
        guard n > 0, t > 0 else {
            throw .badMask(path: path, detail: "shape \(shapeText(fields.shape)) has no samples or no tokens")
        }
        guard case .string(let descr) = fields.descr, let kind = MaskElement(descr: descr) else {
            let shown: String
            if case .string(let text) = fields.descr { shown = "'\(text)'" } else { shown = fields.descr.typeName }
            throw .badMask(path: path, detail: "dtype \(shown) is not bool, integer or float (a mask holds 0/1 flags)")
        }
        let (count, overflow) = n.multipliedReportingOverflow(by: t)
        let (bytes, overflow2) = count.multipliedReportingOverflow(by: kind.size)
        guard !overflow, !overflow2 else {
            throw .badMask(path: path, detail: "shape \(shapeText(fields.shape)) is too large")
        }
        guard file.size - dataOffset == bytes else {
            throw .sizeMismatch(path: path, layer: nil,
                                detail: "a \(shapeText(fields.shape)) \(descr) mask needs \(bytes) data bytes but the file holds \(file.size - dataOffset)")
        }
        var real = [Bool](repeating: false, count: count)
        guard let base = file.bytes.baseAddress else { throw .badMask(path: path, detail: "the file is empty") }
        for i in 0..<n {
            for j in 0..<t {
                let element = fields.isFortranOrder ? i + n * j : i * t + j
                let value = kind.value(at: base + dataOffset + element * kind.size)
                guard value == 0 || value == 1 else {
                    let shown = value.isNaN ? "NaN" : (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)")
                    throw .badMask(path: path, detail: "row \(i), token \(j) holds \(shown); a mask holds only 0/1 (or False/True)")
                }
                real[i * t + j] = value == 1
            }
        }
        if file.wasTruncated { throw .unreadableFile(path: path, detail: "the file was truncated while it was read") }
        return try TokenMask(path: path, sampleCount: n, tokenCount: t, real: real)
    }
}

/// One element type a mask may be stored in, decoded to `Double` for the 0/1 check.
struct MaskElement {
    enum Kind { case bool, signed, unsigned, float }
    let kind: Kind
    let size: Int
    let bigEndian: Bool

    /// The element type of a numpy descriptor such as `|b1`, `<i8`, `>u2` or `<f4`, or nil.
    init?(descr: String) {
        let s = Array(descr)
        guard s.count >= 3, let size = Int(String(s[2...])) else { return nil }
        switch s[0] { case "<", "|", "=": bigEndian = false; case ">": bigEndian = true; default: return nil }
        switch (s[1], size) {
        case ("b", 1): kind = .bool
        case ("i", 1), ("i", 2), ("i", 4), ("i", 8): kind = .signed
        case ("u", 1), ("u", 2), ("u", 4), ("u", 8): kind = .unsigned
        case ("f", 4), ("f", 8): kind = .float
        default: return nil
        }
        self.size = size
    }

    /// The element at `p` as a `Double` (integers beyond 2⁵³ are not 0 or 1 either way).
    func value(at p: UnsafeRawPointer) -> Double {
        var bits: UInt64 = 0
        for k in 0..<size {
            let byte = UInt64(p.load(fromByteOffset: bigEndian ? size - 1 - k : k, as: UInt8.self))
            bits |= byte << (8 * UInt64(k))
        }
        switch kind {
        case .bool, .unsigned: return Double(bits)
        case .signed:
            let shift = UInt64(64 - 8 * size)
            return Double(Int64(bitPattern: bits << shift) >> Int64(shift))
        case .float:
            return size == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))) : Double(bitPattern: bits)
        }
    }
}
