import Foundation

/// Reading float64 layers whose magnitudes lie outside float32's range.
///
/// layermap computes from float32 activations (products and sums in double precision). A
/// float64 layer with values near 1e300 would become ±∞ when narrowed, and one near 1e-300
/// would become 0, and its cells would be called "not finite" or "constant" when neither is
/// true. Such a layer is read multiplied by 2^shift, a power of two chosen from its largest
/// finite magnitude m so that m·2^shift lies in [1, 2). Scaling by a power of two is exact in
/// binary floating point, so the narrowed values carry the same relative rounding as an
/// ordinary layer's. Every measure layermap reports is invariant to isotropic scaling; only
/// the raw HSIC terms are of the scaled layer, and the CLI says so.
///
/// Layers whose m lies within 2^±64 (every real activation dump) are read unscaled, so their
/// values are unchanged to the last bit. float16, bfloat16 and float32 layers are never scaled:
/// their values fit float32 already.
extension Layer {
    /// Magnitudes within 2^±`unscaledRange` are read as stored.
    public static let unscaledRange = 64

    /// The power of two `readRows` multiplies this layer's values by: 0 unless the layer is
    /// float64 and its largest finite magnitude m lies outside 2^±`unscaledRange`; then
    /// −exponent(m). Scans the whole layer once (whatever rows are read, so every shard of a
    /// layer uses one scale) and remembers the result in the copies of this layer.
    /// - Throws: errors from producing the bytes.
    public func readScaleExponent() throws -> Int {
        try readScaleAndMagnitude().exponent
    }

    /// `readScaleExponent()` with the largest finite magnitude it was chosen from (0 and 0
    /// for layers that are not float64). One scan per layer, remembered.
    public func readScaleAndMagnitude() throws -> (exponent: Int, largest: Double) {
        guard elementType.kind == .float64 else { return (0, 0) }
        return try readScale.remembered {
            let m = try largestFiniteMagnitude()
            guard m > 0, m.isFinite else { return (0, m) }
            let e = Int(m.exponent)
            return (abs(e) > Self.unscaledRange ? -e : 0, m)
        }
    }

    /// The largest |x| over the layer's stored finite values (0 when there are none).
    /// - Complexity: O(elements); reads all the layer's data.
    public func largestFiniteMagnitude() throws -> Double {
        try data.withBytes { bytes in try elementType.accept(MagnitudeScanner(bytes: bytes)) }
    }
}

/// The per-layer memory of `readScaleExponent`, shared by the copies of a `Layer`.
final class ReadScale: @unchecked Sendable {
    private let lock = NSLock()
    private var known: (exponent: Int, largest: Double)?

    /// The remembered result, or `compute()`'s (remembered when it succeeds).
    func remembered(_ compute: () throws -> (exponent: Int, largest: Double)) rethrows -> (exponent: Int, largest: Double) {
        lock.lock()
        defer { lock.unlock() }
        if let known { return known }
        let e = try compute()
        known = e
        return e
    }
}

/// The largest finite magnitude among the elements of `bytes`.
struct MagnitudeScanner: CodecVisitor {
    let bytes: UnsafeRawBufferPointer

    func visit<C: ScalarCodec>(_ codec: C.Type) throws -> Double {
        guard let base = bytes.baseAddress else { return 0 }
        let size = C.byteCount
        var largest = 0.0
        for e in 0..<(bytes.count / size) {
            let v = abs(C.double(base + e * size))
            if v.isFinite && v > largest { largest = v }
        }
        return largest
    }
}
