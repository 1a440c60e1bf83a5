/// Conversions from the 16-bit float formats to `Float`, written out bit by bit.
///
/// Swift's `Float16` exists on x86_64 Linux, but not on every platform Swift targets (it is
/// unavailable on macOS/x86_64), and bfloat16 has no standard type at all, so both are decoded
/// here from their bit patterns. Both conversions are exact: every half and every bfloat16 value
/// is representable as a `Float`.
enum HalfFloat {
    /// IEEE 754 binary16 (1 sign bit, 5 exponent bits with bias 15, 10 fraction bits) → `Float`.
    ///
    /// Normal numbers re-bias the exponent (15 → 127); subnormals (exponent 0) are scaled as
    /// `fraction · 2⁻²⁴`; exponent 31 maps to infinity or NaN (the NaN payload is kept in the top
    /// fraction bits, so a signalling/quiet distinction survives).
    @inline(__always)
    static func float(fromHalfBits bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let fraction = UInt32(bits & 0x03FF)
        switch exponent {
        case 0:
            // Zero or subnormal: value = fraction × 2^-24, exact in Float.
            let magnitude = Float(fraction) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            // Infinity (fraction 0) or NaN.
            return Float(bitPattern: sign | 0x7F80_0000 | (fraction << 13))
        default:
            return Float(bitPattern: sign | ((exponent + 112) << 23) | (fraction << 13))
        }
    }

    /// bfloat16 → `Float`: a bfloat16 is the upper 16 bits of a binary32, so the conversion is a shift.
    @inline(__always)
    static func float(fromBFloat16Bits bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }

    /// True when a binary16 bit pattern is NaN or ±infinity (all exponent bits set).
    @inline(__always)
    static func halfIsNonFinite(_ bits: UInt16) -> Bool { bits & 0x7C00 == 0x7C00 }

    /// True when a bfloat16 bit pattern is NaN or ±infinity (all exponent bits set).
    @inline(__always)
    static func bfloat16IsNonFinite(_ bits: UInt16) -> Bool { bits & 0x7F80 == 0x7F80 }
}
