import Testing
@testable import LayerIO

@Suite("half-precision conversion")
struct HalfFloatTests {
    @Test("known binary16 values")
    func knownValues() {
        #expect(HalfFloat.float(fromHalfBits: 0x3C00) == 1)
        #expect(HalfFloat.float(fromHalfBits: 0xC000) == -2)
        #expect(HalfFloat.float(fromHalfBits: 0x7BFF) == 65504)           // largest finite
        #expect(HalfFloat.float(fromHalfBits: 0x0001) == 0x1p-24)         // smallest subnormal
        #expect(HalfFloat.float(fromHalfBits: 0x03FF) == 1023 * 0x1p-24)  // largest subnormal
        #expect(HalfFloat.float(fromHalfBits: 0x0400) == 0x1p-14)         // smallest normal
        #expect(HalfFloat.float(fromHalfBits: 0x8000).bitPattern == (-0.0 as Float).bitPattern)
        #expect(HalfFloat.float(fromHalfBits: 0x7C00) == .infinity)
        #expect(HalfFloat.float(fromHalfBits: 0xFC00) == -.infinity)
        #expect(HalfFloat.float(fromHalfBits: 0x7E00).isNaN)
        #expect(HalfFloat.halfIsNonFinite(0x7C00) && HalfFloat.halfIsNonFinite(0xFE01))
        #expect(!HalfFloat.halfIsNonFinite(0x7BFF))
    }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test("all 65536 bit patterns agree with Swift's Float16")
    func exhaustiveAgainstFloat16() {
        var mismatches = 0
        for raw in 0...UInt16.max {
            let mine = HalfFloat.float(fromHalfBits: raw)
            let reference = Float(Float16(bitPattern: raw))
            let same = mine.isNaN ? reference.isNaN : mine.bitPattern == reference.bitPattern
            if !same { mismatches += 1 }
            if HalfFloat.halfIsNonFinite(raw) != !reference.isFinite { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
    #endif
}
