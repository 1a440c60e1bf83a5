import Palette

extension ColorScale {
    /// The 256 steps fitted to a terminal's colour mode (`nil` entries in monochrome), computed
    /// once per scale and mode so a frame costs one array look-up per cell.
    public func terminalColors(_ mode: ColorMode) -> [TermColor] {
        QuantizedScales.table(self, mode)
    }
}

/// Scales fitted to each colour mode, built on first use.
enum QuantizedScales {
    static let viridis: [ColorMode: [TermColor]] = build(.viridis)
    static let viridisReversed: [ColorMode: [TermColor]] = build(.viridisReversed)
    static let diverging: [ColorMode: [TermColor]] = build(.diverging)

    static func table(_ scale: ColorScale, _ mode: ColorMode) -> [TermColor] {
        let all: [ColorMode: [TermColor]]
        switch scale {
        case .viridis: all = viridis
        case .viridisReversed: all = viridisReversed
        case .diverging: all = diverging
        }
        return all[mode] ?? []
    }

    private static func build(_ scale: ColorScale) -> [ColorMode: [TermColor]] {
        var out: [ColorMode: [TermColor]] = [:]
        for mode in ColorMode.allCases {
            out[mode] = (0..<ColorScale.steps).map { mode.quantize(scale.rgb(step: $0), chromaticOnly: true) }
        }
        return out
    }
}
