/// Fitting 24-bit colours to the terminal's palette.
extension ColorMode {
    /// The closest colour this mode can show to `rgb`:
    /// - `trueColor`: `.rgb` unchanged;
    /// - `palette256`: the nearest of the xterm 6×6×6 cube (16…231) and grey ramp (232…255);
    /// - `palette16` / `palette8`: the nearest of xterm's default basic colours (0…15 / 0…7);
    /// - `monochrome`: `.default` (cells then carry shade glyphs instead).
    ///
    /// "Nearest" is the squared Euclidean distance in sRGB, the rule xterm and tmux use.
    ///
    /// With `chromaticOnly` the 16/8-colour modes skip the greys (7, 8, 15): colour scales
    /// use this, because on viridis a grey is nearest to mid-scale purples *and* greens and
    /// would break the scale's order (black, blue, cyan, green, yellow stays monotone).
    public func quantize(_ rgb: RGB, chromaticOnly: Bool = false) -> TermColor {
        switch self {
        case .trueColor: return .rgb(rgb.r, rgb.g, rgb.b)
        case .palette256: return .indexed(XtermPalette.nearest256(rgb))
        case .palette16: return .indexed(XtermPalette.nearest(rgb, among: 16, skippingGreys: chromaticOnly))
        case .palette8: return .indexed(XtermPalette.nearest(rgb, among: 8, skippingGreys: chromaticOnly))
        case .monochrome: return .default
        }
    }
}

/// The xterm palette: the 16 basic colours (xterm's defaults), the 6×6×6 cube and the
/// 24-step grey ramp.
public enum XtermPalette {
    /// xterm's default colours 0…15 (black, red, green, yellow, blue, magenta, cyan, white,
    /// then the bright versions).
    public static let basic: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    /// The six levels of each cube axis.
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The colour of palette index `i` (0…255).
    public static func rgb(_ i: UInt8) -> RGB {
        let n = Int(i)
        if n < 16 { return basic[n] }
        if n >= 232 { let v = UInt8(8 + 10 * (n - 232)); return RGB(v, v, v) }
        let c = n - 16
        return RGB(UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
    }

    /// The nearest cube or grey-ramp index (16…255) to `rgb`.
    public static func nearest256(_ rgb: RGB) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            // The cube level closest to v (levels are not evenly spaced below 95).
            var best = 0
            for k in 1..<cubeLevels.count where abs(cubeLevels[k] - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = k }
            return best
        }
        let cube = UInt8(16 + 36 * level(rgb.r) + 6 * level(rgb.g) + level(rgb.b))
        let mean = (Int(rgb.r) + Int(rgb.g) + Int(rgb.b)) / 3
        let greyStep = min(23, max(0, (mean - 8 + 5) / 10))
        let grey = UInt8(232 + greyStep)
        return distance(rgb, self.rgb(grey)) < distance(rgb, self.rgb(cube)) ? grey : cube
    }

    /// The greys among the basic colours (white, grey, bright white).
    public static let basicGreys: Set<Int> = [7, 8, 15]

    /// The nearest of the first `count` basic colours, optionally leaving out the greys.
    public static func nearest(_ rgb: RGB, among count: Int, skippingGreys: Bool = false) -> UInt8 {
        var best = 0
        for i in 1..<min(count, basic.count) where !(skippingGreys && basicGreys.contains(i)) {
            if distance(rgb, basic[i]) < distance(rgb, basic[best]) { best = i }
        }
        return UInt8(best)
    }

    /// Squared Euclidean distance in sRGB.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}
