import Similarity
import Testing

/// What a seed baseline can show at best, known before it is computed.
@Suite struct SmallestPValueTests {
    /// (group sizes, the smallest p): C(a+b, a) labellings, halved p-resolution for equal groups.
    static let cases: [(Int, Int, Double)] = [
        (3, 3, 0.1), (4, 4, 2.0 / 70), (2, 3, 0.1), (2, 2, 2.0 / 6), (3, 5, 1.0 / 56),
        (10, 10, 0.001), // C(20, 10) = 184,756 labellings: 999 random ones plus the observed
    ]

    @Test(arguments: cases)
    func smallestP(a: Int, b: Int, expected: Double) {
        #expect(abs(SeedBaseline.smallestPValue(groupA: a, groupB: b) - expected) < 1e-12)
    }
}
