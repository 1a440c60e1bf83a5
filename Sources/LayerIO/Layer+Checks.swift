/// Whole-layer scans: non-finite value counts and content fingerprints.
///
/// Both read every byte of the layer, so they are kept apart from opening a model (which must stay
/// header-only and fast). Call them when the user asks, or in the background.
extension Layer {
    /// The number of stored values that are NaN or ±infinity, decided from the raw bits of every
    /// element (before any reduction, so one NaN in a pooled group still counts once).
    ///
    /// - Complexity: O(elements); reads all the layer's data (inflating a compressed .npz member).
    public func countNonFinite() throws -> Int {
        try countNonFinite(rows: 0..<sampleCount)
    }

    /// The same count over the samples `rows` only (a shard's slice): one contiguous run of
    /// bytes in C order, one run per column in Fortran order.
    /// - Throws: `rowsOutOfRange` when `rows` is not inside `0..<sampleCount`.
    public func countNonFinite(rows: Range<Int>) throws -> Int {
        guard rows.lowerBound >= 0, rows.upperBound <= sampleCount else {
            throw LayerIOError.rowsOutOfRange(path: path, layer: name,
                                              detail: "rows \(rows.lowerBound)..<\(rows.upperBound) requested but the layer has \(sampleCount)")
        }
        let size = elementType.byteCount
        let perRow = originalShape.dropFirst().reduce(1, *)
        let runs = isFortranOrder
            ? (0..<perRow).map { c in (c * sampleCount + rows.lowerBound)..<(c * sampleCount + rows.upperBound) }
            : [(rows.lowerBound * perRow)..<(rows.upperBound * perRow)]
        return try data.withBytes { bytes in
            try runs.reduce(0) { total, run in
                let slice = UnsafeRawBufferPointer(rebasing: bytes[(run.lowerBound * size)..<(run.upperBound * size)])
                return total + (try elementType.accept(NonFiniteCounter(bytes: slice)))
            }
        }
    }

    /// A stable 64-bit FNV-1a digest, as 16 lowercase hex digits, of the layer's content: a format
    /// tag, the stored shape, the element type and byte order, the storage order, the reduce policy,
    /// the token mask's flags when one applies, and every raw data byte. Two layers with the same fingerprint read as the same N×D matrix
    /// (barring hash collisions), so it can key an on-disk cache of per-layer statistics; names and
    /// paths are deliberately left out.
    ///
    /// - Complexity: O(bytes); reads all the layer's data, so it costs as much as one full read.
    public func fingerprint() throws -> String {
        var hash = FNV1a64()
        hash.combine(Array("layermap-layer-v1".utf8))
        hash.combine(UInt64(originalShape.count))
        for d in originalShape { hash.combine(UInt64(d)) }
        hash.combine(Array(elementType.kind.rawValue.utf8))
        hash.combine(UInt64(elementType.isBigEndian ? 1 : 0))
        hash.combine(UInt64(isFortranOrder ? 1 : 0))
        hash.combine(Array(reduce.rawValue.utf8))
        // A 3-D mean averaged the last axis before token policies came; the tag keeps results
        // cached then from being taken for today's mean over tokens.
        if reduce.readsTokens(of: originalShape) { hash.combine(Array("tokens-v1".utf8)) }
        if let tokenMask { hash.combine(tokenMask.digest) }  // masked and unmasked rows differ
        try data.withBytes { bytes in hash.combine(bytes) }
        return hash.hexDigest
    }
}

/// Counts elements whose exponent bits are all ones.
struct NonFiniteCounter: CodecVisitor {
    let bytes: UnsafeRawBufferPointer

    func visit<C: ScalarCodec>(_ codec: C.Type) throws -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let size = C.byteCount
        let count = bytes.count / size
        var bad = 0
        for e in 0..<count where C.isNonFinite(base + e * size) { bad += 1 }
        return bad
    }
}

/// 64-bit FNV-1a (Fowler–Noll–Vo): `hash = (hash XOR byte) × 0x100000001b3`, starting from
/// `0xcbf29ce484222325`. Not cryptographic; chosen because it is tiny, stable across platforms and
/// runs, and needs no dependency. Integers are fed as 8 little-endian bytes.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for byte in bytes { h = (h ^ UInt64(byte)) &* Self.prime }
        value = h
    }

    mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
        // A length suffix separates adjacent strings ("ab"+"c" ≠ "a"+"bc").
        combine(UInt64(bytes.count))
    }

    mutating func combine(_ integer: UInt64) {
        withUnsafeBytes(of: integer.littleEndian) { combine($0) }
    }

    /// The digest as 16 lowercase hex digits.
    var hexDigest: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
