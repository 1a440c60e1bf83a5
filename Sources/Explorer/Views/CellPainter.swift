import Similarity

/// Draws single cells: what characters and styles one value gets at a cell width, on a
/// colour scale over a value range (a metric's viridis scale, or the baseline's diverging one).
struct CellPainter {
    let mode: ColorMode
    let glyphs: Glyphs
    let width: Int
    let scale: ColorScale
    let range: ClosedRange<Double>
    /// Whether the values zoom writes a `+` before positive values (for differences).
    let signed: Bool
    /// The most decimals the values zoom writes.
    let decimals: Int
    let colors: [TermColor]
    let theme: Theme

    /// A metric's grid: its scale over `range` (its display range unless the colour range
    /// says otherwise), with up to `decimals` decimals in the values zoom.
    init(metric: Metric, range: ClosedRange<Double>? = nil, decimals: Int = 3, mode: ColorMode, glyphs: Glyphs, width: Int) {
        self.init(scale: ColorScale.forMetric(metric), range: range ?? metric.displayRange, signed: false,
                  decimals: decimals, mode: mode, glyphs: glyphs, width: width)
    }

    init(scale: ColorScale, range: ClosedRange<Double>, signed: Bool, decimals: Int = 3, mode: ColorMode, glyphs: Glyphs,
         width: Int) {
        self.decimals = decimals
        self.mode = mode
        self.glyphs = glyphs
        self.width = width
        self.scale = scale
        self.range = range
        self.signed = signed
        self.colors = scale.terminalColors(mode)
        self.theme = Theme(mode)
    }

    /// The `width` cells for one outcome (`nil` = not computed yet).
    func cells(_ outcome: PairOutcome?, isCursor: Bool, isSelected: Bool, isBest: Bool) -> [Cell] {
        cells(outcome?.value, isCursor: isCursor, isSelected: isSelected, mark: isBest ? glyphs.best : nil)
    }

    /// The `width` cells for one value (`nil` = not computed yet). A `mark` (the best match,
    /// a significant difference) takes the first column in the values zoom, else the last.
    func cells(_ value: CellValue?, isCursor: Bool, isSelected: Bool, mark: Character?) -> [Cell] {
        var chars: [Character]
        var style: Style
        var isValue = false
        switch value {
        case nil:
            chars = placed(glyphs.pending)
            style = theme.dim
        case .undefined?:
            chars = placed(glyphs.undefined)
            style = theme.undefinedMark
        case .value(let v)?:
            isValue = true
            let t = ColorScale.position(of: v, in: range)
            let digits = width < 6 ? "" : signed ? NumberFormat.signedCompact(v, width: width - 1, maxDecimals: decimals)
                                                 : NumberFormat.compact(v, width: width - 1, maxDecimals: decimals)
            if mode.hasColor {
                let rgb = scale.rgb(at: t)
                style = Style(foreground: theme.text(on: rgb), background: colors[ColorScale.step(t)])
                chars = width >= 6 ? Array(" " + TextFit.padLeft(digits, width - 1))
                                   : Array(repeating: " ", count: width)
            } else {
                style = .plain
                let shade = glyphs.shade(t)
                chars = width >= 6 ? [shade] + Array(TextFit.padLeft(digits, width - 1))
                                   : Array(repeating: shade, count: width)
            }
            if let mark { chars[width >= 6 ? 0 : width - 1] = mark }
        }
        if isSelected && !isCursor {
            if mode.hasColor && width < 6 && isValue {
                chars = Array(repeating: glyphs.hatch, count: width)
                if let mark { chars[width - 1] = mark }
            } else {
                style.attributes.insert(.underline)
            }
        }
        if isCursor {
            if mode.hasColor && width == 2 {
                chars = [glyphs.cursorLeft, glyphs.cursorRight]
                style.attributes.insert(.bold)
                if style.foreground == .default { style.foreground = theme.basic(3) }
            } else {
                style.attributes.insert(.reverse)
                style.attributes.insert(.bold)
            }
        }
        return chars.map { Cell($0, style: style) }
    }

    /// A one-glyph mark, placed in the cell's first column (centred in the values zoom).
    private func placed(_ g: Character) -> [Character] {
        var chars = [Character](repeating: " ", count: width)
        chars[width >= 6 ? width / 2 : 0] = g
        return chars
    }
}
