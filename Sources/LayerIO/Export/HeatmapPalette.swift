import Palette

/// The colours of a heatmap image: a colour map from a normalised position t ∈ [0, 1] to a
/// colour, plus the fixed colours for cells without a number and for the page itself.
///
/// Where t comes from is `HeatmapScale`'s business (the value range, and the reversal for a
/// distance metric); the palette only maps positions to colours, so the same palette serves a
/// similarity grid, a distance grid and a diverging difference grid.
///
/// `viridis` and `diverging` take the terminal heatmap's colour scales (`ColorScale`), so an
/// exported figure has the explorer's colours. Use the *unreversed* `viridis` even for a
/// distance metric: `HeatmapScale(metric:)` already reverses positions for distances.
public struct HeatmapPalette: Sendable {
    /// The colour map; called only with t in [0, 1].
    public var map: @Sendable (Double) -> RGB
    /// The fill of an undefined cell (a degenerate pair); a cross in `undefinedMark` is drawn over it.
    public var undefined: RGB
    /// The cross drawn over an undefined cell, so it reads as "no value" even in greyscale print.
    public var undefinedMark: RGB
    /// The fill of a cell that was not computed (a partial export): blank or nearly so.
    public var uncomputed: RGB
    /// The page background.
    public var paper: RGB
    /// Text, frames and tick marks.
    public var ink: RGB

    public init(undefined: RGB = RGB(hex: 0xBDBDBD),
                undefinedMark: RGB = RGB(hex: 0x505050),
                uncomputed: RGB = RGB(hex: 0xFFFFFF),
                paper: RGB = RGB(hex: 0xFFFFFF),
                ink: RGB = RGB(hex: 0x1A1A1A),
                map: @escaping @Sendable (Double) -> RGB) {
        self.map = map
        self.undefined = undefined
        self.undefinedMark = undefinedMark
        self.uncomputed = uncomputed
        self.paper = paper
        self.ink = ink
    }

    /// The colour at position `t`, clamped to [0, 1]; NaN reads as 0.
    public func color(at t: Double) -> RGB {
        map(t.isNaN ? 0 : min(1, max(0, t)))
    }

    /// A piecewise-linear map through `stops`, evenly spaced over [0, 1] (the first at 0, the
    /// last at 1). Enough for a diverging map (three stops: blue, white, red) or to resample a
    /// 256-entry lookup table. `stops` must not be empty.
    public static func interpolating(_ stops: [RGB],
                                     undefined: RGB = RGB(hex: 0xBDBDBD),
                                     undefinedMark: RGB = RGB(hex: 0x505050),
                                     uncomputed: RGB = RGB(hex: 0xFFFFFF)) -> HeatmapPalette {
        precondition(!stops.isEmpty, "a palette needs at least one colour")
        return HeatmapPalette(undefined: undefined, undefinedMark: undefinedMark, uncomputed: uncomputed) { t in
            guard stops.count > 1 else { return stops[0] }
            let x = t * Double(stops.count - 1)
            let k = min(stops.count - 2, Int(x.rounded(.down)))
            return stops[k].mixed(with: stops[k + 1], x - Double(k))
        }
    }

    /// Viridis, for a metric's grid (the explorer's `ColorScale.viridis`).
    public static let viridis = HeatmapPalette { t in ColorScale.viridis.rgb(at: t) }

    /// Blue–white–red for signed differences (the seed baseline; `ColorScale.diverging`).
    public static let diverging = HeatmapPalette { t in ColorScale.diverging.rgb(at: t) }

    /// A grey ramp from near-black (t = 0) to light grey (t = 1): the default until a colour
    /// map is wired in, and the palette the tests use. Its light end (#d8d8d8) stays apart
    /// from the white of an uncomputed cell; its undefined fill is a pale blue-grey so that
    /// it differs from every grey of the ramp.
    public static let grey = HeatmapPalette.interpolating(
        [RGB(hex: 0x202020), RGB(hex: 0xD8D8D8)],
        undefined: RGB(hex: 0xC8D0E0), undefinedMark: RGB(hex: 0x4060A0))
}
