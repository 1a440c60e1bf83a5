/// An sRGB colour with 8-bit components: the one colour type of the terminal heatmap (before
/// it is fitted to what a terminal can show) and of the exported images (`#rrggbb` in SVG,
/// three bytes in PNG).
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    /// From components in 0…1 (clamped, rounded to the nearest 8-bit level).
    public init(unit r: Double, _ g: Double, _ b: Double) {
        func byte(_ v: Double) -> UInt8 { UInt8((min(1, max(0, v)) * 255).rounded()) }
        self.init(byte(r), byte(g), byte(b))
    }

    /// From a 24-bit `0xRRGGBB` literal.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    /// `#rrggbb`, lower case, the form SVG's `fill` takes.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for byte in [r, g, b] {
            s.append(digits[Int(byte >> 4)])
            s.append(digits[Int(byte & 0xF)])
        }
        return s
    }

    /// Relative luminance (Rec. 709 weights on the sRGB components), 0…1. Used to choose
    /// black or white text on a coloured cell.
    public var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    /// The colour `fraction` of the way from `self` to `other` (0 gives `self`, 1 gives `other`),
    /// each component rounded to the nearest byte.
    public func mixed(with other: RGB, _ fraction: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * fraction).rounded())
        }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    public var description: String { "rgb(\(r), \(g), \(b))" }
}
