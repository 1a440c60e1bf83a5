import Testing
import Palette

/// The number formatter's export and report forms (the explorer's are in ExplorerTests'
/// ColorScaleTests): round-trip text for files, C's rounding for the text reports and images.
@Suite struct NumberFormatTests {
    @Test func exactReadsBackAsTheSameDouble() {
        for v in [0.0, 1, -2, 0.1, 1.0 / 3, 1e-5, 123456.789, -0.000123, 1e300] {
            #expect(Double(NumberFormat.exact(v)) == v, "\(v)")
        }
        #expect(NumberFormat.exact(1) == "1")
        #expect(NumberFormat.exact(-0.0) == "0")
        #expect(NumberFormat.exact(0.25) == "0.25")
    }

    @Test func decimalAndSignificantAreCsPrintf() {
        #expect(NumberFormat.decimal(0.8726, 3) == "0.873")
        #expect(NumberFormat.decimal(-0.0001, 3) == "-0.000")
        #expect(NumberFormat.decimal(1, 6) == "1.000000")
        #expect(NumberFormat.significant(0.87312345, 4) == "0.8731")
        #expect(NumberFormat.significant(1, 4) == "1")
        #expect(NumberFormat.significant(1234567, 6) == "1.23457e+06")
        #expect(NumberFormat.significant(.nan, 6) == "nan")
    }
}
