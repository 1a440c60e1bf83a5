/// An 8-bit sRGB colour as the image exporters write it (`#rrggbb` in SVG, three bytes in PNG).
///
/// Named apart from the explorer's `RGB` so that code importing both modules stays unambiguous.
public struct ImageColor: Sendable, Hashable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r; self.g = g; self.b = b
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

    public var description: String { hex }

    /// The colour `fraction` of the way from `self` to `other` (0 gives `self`, 1 gives `other`),
    /// each component rounded to the nearest byte.
    public func mixed(with other: ImageColor, _ fraction: Double) -> ImageColor {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * fraction).rounded())
        }
        return ImageColor(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }
}

/// The colours of a heatmap image: a colour map from a normalised position t ∈ [0, 1] to a
/// colour, plus the fixed colours for cells without a number and for the page itself.
///
/// Where t comes from is `HeatmapScale`'s business (the value range, and the reversal for a
/// distance metric); the palette only maps positions to colours, so the same palette serves a
/// similarity grid, a distance grid and a diverging difference grid.
///
/// To plug in the explorer's colour scales (in the `layermap` target, which sees both
/// modules), wrap them in a closure:
///
///     let viridis = HeatmapPalette { t in
///         let c = ColorScale.viridis.rgb(at: t)
///         return ImageColor(c.r, c.g, c.b)
///     }
///
/// Pass the *unreversed* scale even for a distance metric: `HeatmapScale(metric:)` already
/// reverses positions for distances.
public struct HeatmapPalette: Sendable {
    /// The colour map; called only with t in [0, 1].
    public var map: @Sendable (Double) -> ImageColor
    /// The fill of an undefined cell (a degenerate pair); a cross in `undefinedMark` is drawn over it.
    public var undefined: ImageColor
    /// The cross drawn over an undefined cell, so it reads as "no value" even in greyscale print.
    public var undefinedMark: ImageColor
    /// The fill of a cell that was not computed (a partial export): blank or nearly so.
    public var uncomputed: ImageColor
    /// The page background.
    public var paper: ImageColor
    /// Text, frames and tick marks.
    public var ink: ImageColor

    public init(undefined: ImageColor = ImageColor(hex: 0xBDBDBD),
                undefinedMark: ImageColor = ImageColor(hex: 0x505050),
                uncomputed: ImageColor = ImageColor(hex: 0xFFFFFF),
                paper: ImageColor = ImageColor(hex: 0xFFFFFF),
                ink: ImageColor = ImageColor(hex: 0x1A1A1A),
                map: @escaping @Sendable (Double) -> ImageColor) {
        self.map = map
        self.undefined = undefined
        self.undefinedMark = undefinedMark
        self.uncomputed = uncomputed
        self.paper = paper
        self.ink = ink
    }

    /// The colour at position `t`, clamped to [0, 1]; NaN reads as 0.
    public func color(at t: Double) -> ImageColor {
        map(t.isNaN ? 0 : min(1, max(0, t)))
    }

    /// A piecewise-linear map through `stops`, evenly spaced over [0, 1] (the first at 0, the
    /// last at 1). Enough for a diverging map (three stops: blue, white, red) or to resample a
    /// 256-entry lookup table. `stops` must not be empty.
    public static func interpolating(_ stops: [ImageColor],
                                     undefined: ImageColor = ImageColor(hex: 0xBDBDBD),
                                     undefinedMark: ImageColor = ImageColor(hex: 0x505050),
                                     uncomputed: ImageColor = ImageColor(hex: 0xFFFFFF)) -> HeatmapPalette {
        precondition(!stops.isEmpty, "a palette needs at least one colour")
        return HeatmapPalette(undefined: undefined, undefinedMark: undefinedMark, uncomputed: uncomputed) { t in
            guard stops.count > 1 else { return stops[0] }
            let x = t * Double(stops.count - 1)
            let k = min(stops.count - 2, Int(x.rounded(.down)))
            return stops[k].mixed(with: stops[k + 1], x - Double(k))
        }
    }

    /// A grey ramp from near-black (t = 0) to light grey (t = 1): the default until a colour
    /// map is wired in, and the palette the tests use. Its light end (#d8d8d8) stays apart
    /// from the white of an uncomputed cell; its undefined fill is a pale blue-grey so that
    /// it differs from every grey of the ramp.
    public static let grey = HeatmapPalette.interpolating(
        [ImageColor(hex: 0x202020), ImageColor(hex: 0xD8D8D8)],
        undefined: ImageColor(hex: 0xC8D0E0), undefinedMark: ImageColor(hex: 0x4060A0))
}
