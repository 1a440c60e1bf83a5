import Similarity

/// The heatmap: row labels, the column header, and one coloured block per visible cell.
///
/// A cell is `Layout.cellWidth` columns: the value's colour as background (with shade
/// glyphs in monochrome), the value's digits in the `values` zoom, `·` while not computed,
/// `×` when undefined, `*` on the row's best match, brackets (or reverse video) on the
/// cursor, and a hatch (or underline in monochrome) on selected cells.
enum HeatmapView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let theme = Theme(state.session.colorMode)
        let glyphs = state.glyphs
        let values = state.values
        let rows = state.visibleRows, cols = state.visibleCols
        let selection = state.selection
        let painter = CellPainter(metric: state.metric, mode: state.session.colorMode, glyphs: glyphs,
                                  width: layout.cellWidth)
        let sameModel = state.pair.rowModel == state.pair.colModel

        drawHeader(state, layout, cols: cols, into: &buffer)
        for r in rows {
            let y = layout.cellY(row: r, top: state.scroll.row)
            drawRowLabel(state, layout, row: r, y: y, theme: theme, into: &buffer)
            let best = state.showBestMatch
                ? values.bestColumn(inRow: r, orientation: state.metric.orientation, skipping: sameModel ? r : nil)
                : nil
            for c in cols {
                let p = GridPosition(row: r, col: c)
                let cells = painter.cells(values[r, c], isCursor: p == state.cursor,
                                          isSelected: selection?.contains(p) ?? false, isBest: best == c)
                let x = layout.cellX(col: c, left: state.scroll.col)
                for (i, cell) in cells.enumerated() { buffer[x + i, y] = cell }
            }
        }
    }

    /// `index name`, the index right-aligned, the name cut in the middle; reverse video on
    /// the cursor's row.
    static func rowLabel(_ state: AppState, _ layout: Layout, row: Int) -> String {
        let index = TextFit.padLeft(String(row), layout.rowIndexWidth)
        let room = layout.labelWidth - layout.rowIndexWidth - 1
        let name = TextFit.truncateMiddle(state.rowLayers[row].name, to: room, ellipsis: state.glyphs.ellipsis)
        return TextFit.padRight(index + " " + name, layout.labelWidth)
    }

    static func drawRowLabel(_ state: AppState, _ layout: Layout, row: Int, y: Int, theme: Theme,
                             into buffer: inout CellBuffer) {
        let style = row == state.cursor.row ? theme.cursorLabel : .plain
        buffer.put(rowLabel(state, layout, row: row), x: 0, y: y, style: style, maxWidth: layout.labelWidth)
    }

    /// The spacing of numbered columns in the index ruler: every k-th column is numbered,
    /// k the smallest of 1, 2, 5, 10, … leaving a blank between numbers.
    static func rulerStep(cellWidth: Int, digits: Int) -> Int {
        for k in [1, 2, 5, 10, 20, 50, 100, 200, 500] where k * cellWidth >= digits + 1 { return k }
        return 1000
    }

    /// Header: an index ruler (`0    5    10`), and in the values zoom every index and a
    /// second row with the names cut to the cell. The cursor's column is in reverse video.
    static func drawHeader(_ state: AppState, _ layout: Layout, cols: Range<Int>, into buffer: inout CellBuffer) {
        let theme = Theme(state.session.colorMode)
        let y = layout.bodyTop
        let digits = String(max(0, state.colCount - 1)).count
        let step = rulerStep(cellWidth: layout.cellWidth, digits: digits)
        let right = layout.cellX(col: cols.upperBound, left: state.scroll.col)
        for c in cols where c % step == 0 {
            let x = layout.cellX(col: c, left: state.scroll.col)
            buffer.put(String(c), x: x, y: y, maxWidth: right - x)
        }
        if cols.contains(state.cursor.col) {
            let x = layout.cellX(col: state.cursor.col, left: state.scroll.col)
            let label = TextFit.padRight(String(state.cursor.col), layout.cellWidth)
            buffer.put(label, x: x, y: y, style: theme.cursorLabel, maxWidth: max(0, right - x))
        }
        guard layout.headerHeight > 1 else { return }
        for c in cols {
            let x = layout.cellX(col: c, left: state.scroll.col)
            let name = TextFit.truncateMiddle(state.colLayers[c].name, to: layout.cellWidth - 1, ellipsis: state.glyphs.ellipsis)
            let style = c == state.cursor.col ? theme.cursorLabel : Style.plain
            buffer.put(TextFit.padRight(name, layout.cellWidth - 1), x: x, y: y + 1, style: style)
        }
    }
}

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
    let colors: [TermColor]
    let theme: Theme

    /// A metric's grid: its scale over its display range.
    init(metric: Metric, mode: ColorMode, glyphs: Glyphs, width: Int) {
        self.init(scale: ColorScale.forMetric(metric), range: metric.displayRange, signed: false,
                  mode: mode, glyphs: glyphs, width: width)
    }

    init(scale: ColorScale, range: ClosedRange<Double>, signed: Bool, mode: ColorMode, glyphs: Glyphs, width: Int) {
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
            let digits = width < 6 ? "" : signed ? NumberFormat.signedCompact(v, width: width - 1)
                                                 : NumberFormat.compact(v, width: width - 1)
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
