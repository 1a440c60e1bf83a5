import Explorer

/// How the started terminfo entry reads ncurses colour numbers.
public enum ColorNumbering: Hashable, Sendable {
    /// No colour at all (monochrome): every cell uses pair 0.
    case none
    /// Palette indices `0..<size`.
    case palette(size: Int)
    /// Direct colour: a colour number is `r << 16 | g << 8 | b`.
    case direct

    /// The numbering for `mode` on an entry that is (or is not) a direct-colour one. A direct
    /// entry always takes packed RGB, even when a smaller mode was forced.
    public static func forMode(_ mode: ColorMode, directEntry: Bool) -> ColorNumbering {
        switch mode {
        case .monochrome: return .none
        case _ where directEntry: return .direct
        case .trueColor, .palette256: return .palette(size: 256)
        case .palette16: return .palette(size: 16)
        case .palette8: return .palette(size: 8)
        }
    }
}

/// Maps `TermColor` to the colour numbers ncurses takes (`init_extended_pair`). `render`
/// already picks colours for the mode; this is exact for those and degrades gracefully
/// (nearest palette colour) for any that don't fit.
public enum ColorNumbers {
    /// The ncurses colour number for `color`. `.default` is -1 when `use_default_colors`
    /// succeeded, else the palette's white (foreground) or black (background).
    public static func number(for color: TermColor, numbering: ColorNumbering,
                              defaultColors: Bool, foreground: Bool) -> Int32 {
        switch numbering {
        case .none:
            return -1
        case .palette(let size):
            switch color {
            case .default:
                return defaultColors ? -1 : (foreground ? 7 : 0)
            case .indexed(let i):
                if Int(i) < size { return Int32(i) }
                let (r, g, b) = xtermRGB(i)
                return Int32(nearestIndex(r, g, b, paletteSize: size))
            case .rgb(let r, let g, let b):
                return Int32(nearestIndex(r, g, b, paletteSize: size))
            }
        case .direct:
            switch color {
            case .default:
                if defaultColors { return -1 }
                return foreground ? packRGB(229, 229, 229) : packRGB(0, 0, 0)
            case .indexed(let i):
                let (r, g, b) = xtermRGB(i)
                return packRGB(r, g, b)
            case .rgb(let r, let g, let b):
                return packRGB(r, g, b)
            }
        }
    }

    /// Packs RGB into an ncurses direct-colour number: `r << 16 | g << 8 | b`.
    ///
    /// ncurses' `*-direct` entries send colour numbers below 8 as the ANSI palette colours
    /// (`setaf`: `%p1%{8}%<%t3%p1%d%e38;2;…` in ours, `38:2::…` in ncurses' own), so such numbers (r = g = 0, b < 8) are raised
    /// to 8 (RGB 0,0,8): visually the same near-black, but a real RGB colour.
    public static func packRGB(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        let packed = Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        return packed < 8 ? 8 : packed
    }

    /// Inverse of `packRGB` (for numbers ≥ 8).
    public static func unpackRGB(_ n: Int32) -> (UInt8, UInt8, UInt8) {
        (UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF))
    }

    /// The 16 system colours as xterm shows them by default.
    static let systemColors: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six levels of each axis of the 6×6×6 cube (indices 16–231).
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The RGB of xterm palette index `i`: system colours, the cube, then the grey ramp
    /// 232–255 (8, 18, …, 238).
    public static func xtermRGB(_ i: UInt8) -> (UInt8, UInt8, UInt8) {
        switch i {
        case 0..<16: return systemColors[Int(i)]
        case 16..<232:
            let n = Int(i) - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let v = UInt8(8 + 10 * (Int(i) - 232))
            return (v, v, v)
        }
    }

    /// The palette index nearest to (r, g, b) among the first `paletteSize` xterm colours
    /// (squared RGB distance). For 256 it searches the cube and grey ramp (the system colours
    /// vary by theme), for 16 or 8 the system colours.
    public static func nearestIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8, paletteSize: Int) -> UInt8 {
        if paletteSize >= 256 {
            let cube = 16 + 36 * nearestLevel(r) + 6 * nearestLevel(g) + nearestLevel(b)
            let mean = (Int(r) + Int(g) + Int(b)) / 3
            let grey = 232 + max(0, min(23, (mean - 8 + 5) / 10))
            return distance(UInt8(cube), r, g, b) <= distance(UInt8(grey), r, g, b) ? UInt8(cube) : UInt8(grey)
        }
        let count = max(1, min(16, paletteSize))
        var best = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let d = distance(UInt8(i), r, g, b)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }

    private static func nearestLevel(_ v: UInt8) -> Int {
        var best = 0
        for (i, level) in cubeLevels.enumerated() where abs(Int(level) - Int(v)) < abs(Int(cubeLevels[best]) - Int(v)) {
            best = i
        }
        return best
    }

    private static func distance(_ index: UInt8, _ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let (pr, pg, pb) = xtermRGB(index)
        let dr = Int(pr) - Int(r), dg = Int(pg) - Int(g), db = Int(pb) - Int(b)
        return dr * dr + dg * dg + db * db
    }
}
