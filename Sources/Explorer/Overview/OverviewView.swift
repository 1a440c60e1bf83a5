import Palette
import Similarity

/// Draws the overview (`OverviewState`): the header line, one tile per visible pair, the
/// colour scale, and in the status lines the selected pair's numbers and the overview's
/// progress.
///
/// A thumbnail is `innerWidth` columns by `innerHeight` lines; with Unicode each line holds
/// two pixel rows (an upper half block: its colour above, the background below). Pixel
/// (x, y) covers the shown rows ⌊y·R/H⌋ ..< ⌊(y+1)·R/H⌋ (at least one) and the columns
/// likewise, and takes the mean of their known values: stretched when the grid is smaller
/// than the thumbnail, averaged when larger. A pixel with nothing known is dark (`·` in
/// monochrome), one with only undefined cells red (`×`). The colour scale is the metric's,
/// over its full range, or the fixed range of `s` (auto and robust are per grid).
enum OverviewView {
    static func range(_ state: AppState) -> ClosedRange<Double> {
        if case .fixed = state.colorRange { return state.colorRangeInUse }
        return state.metric.displayRange
    }

    static func draw(_ o: OverviewState, _ state: AppState, into buffer: inout CellBuffer) {
        let l = OverviewLayout(state)
        let theme = Theme(state.session.colorMode)
        let g = state.glyphs
        let n = state.session.models.count
        let vis = l.visible(o.scroll, models: n)
        buffer.fill(x: 0, y: 0, width: buffer.width, height: 1, with: Cell(" "))
        let filter = o.pattern.map { " \(g.dash) filter \(g.openQuote)\($0)\(g.closeQuote)" } ?? ""
        buffer.put(TextFit.truncate("Overview: \(n * n) model pairs \(g.dash) \(state.metric.displayName)" + filter + TitleBar.reduceText(state),
                                    to: buffer.width, ellipsis: g.ellipsis), x: 0, y: 0, style: theme.title)
        let header = "tile = rows \(g.times) columns, layer order; numbers: same-depth mean, best match at same depth"
            + "  tiles \(vis.rows.lowerBound + 1)-\(vis.rows.upperBound)\(g.times)\(vis.cols.lowerBound + 1)-\(vis.cols.upperBound) of \(n)\(g.times)\(n)"
        buffer.put(TextFit.truncate(header, to: buffer.width, ellipsis: g.ellipsis), x: 0, y: l.headerY, style: theme.dim)
        let painter = Thumbnail(state: state, range: range(state), width: l.innerWidth, height: l.innerHeight)
        let short = shortNames(state.session.models.map(\.name), room: (l.innerWidth - 1) / 2)
        for a in vis.rows {
            for b in vis.cols {
                let x = (b - vis.cols.lowerBound) * l.tileWidth
                let y = l.top + (a - vis.rows.lowerBound) * l.tileHeight
                let p = ModelPair(rowModel: a, colModel: b)
                let isSelected = p == o.selected
                let full = "\(state.session.models[a].name)\(g.times)\(state.session.models[b].name)"
                let title = full.count <= l.innerWidth ? full : "\(short[a])\(g.times)\(short[b])"
                let titleStyle = isSelected ? theme.cursorLabel : (p == state.pair ? theme.heading : theme.title)
                buffer.put(TextFit.padRight(TextFit.truncateMiddle(title, to: l.innerWidth, ellipsis: g.ellipsis), l.innerWidth),
                           x: x, y: y, style: titleStyle)
                let key = state.overviewKey(p)
                let values = state.values(for: key)
                let shown = o.shownLayers(p, state.session)
                painter.draw(values, rows: shown.rows, cols: shown.cols, x: x, y: y + 1, into: &buffer)
                let s = PairSummary(values: values, rows: shown.rows, cols: shown.cols, orientation: state.metric.orientation)
                let line = summaryText(s, computing: o.computing == key, glyphs: g)
                buffer.put(TextFit.truncate(line, to: l.innerWidth, ellipsis: g.ellipsis), x: x, y: y + 1 + l.innerHeight,
                           style: isSelected ? theme.title : theme.dim)
            }
        }
        let labels = LegendView.tickLabels(range: range(state), width: buffer.width / 2)
        LegendView.drawScale(labels: labels, scale: ColorScale.forMetric(state.metric), state: state, room: buffer.width / 2,
                             y: state.layout.legendY, into: &buffer)
    }

    /// `0.812 7/9`, or while cells are missing `41/81 …` (`computing` adds a mark).
    static func summaryText(_ s: PairSummary, computing: Bool, glyphs g: Glyphs) -> String {
        if s.total == 0 { return "no layer shown" }
        guard s.known == s.total else { return "\(s.known)/\(s.total)" + (computing ? " \(g.ellipsis)" : " pending") }
        let mean = s.sameDepthMean.map { NumberFormat.fixed($0, 3) } ?? "undef."
        let hits = s.bestMatchHits.map { "\($0)/\(s.rowCount)" } ?? ""
        return "\(mean) \(hits)"
    }

    /// The selected pair, for the status bar's cell line.
    static func selectedLine(_ o: OverviewState, _ state: AppState) -> String {
        let p = o.selected
        let g = state.glyphs
        let shown = o.shownLayers(p, state.session)
        let s = PairSummary(values: state.values(for: state.overviewKey(p)), rows: shown.rows, cols: shown.cols,
                            orientation: state.metric.orientation)
        var text = "\(state.session.models[p.rowModel].name) \(g.times) \(state.session.models[p.colModel].name): "
            + "\(shown.rows.count)\(g.times)\(shown.cols.count) layers"
        if s.known < s.total { return text + ", \(s.known)/\(s.total) cells known" }
        if let m = s.sameDepthMean { text += ", same-depth mean \(NumberFormat.significant(m, 4))" }
        if let h = s.bestMatchHits, s.rowCount > 0 {
            text += ", best match at same depth \(h)/\(s.rowCount) rows (\(Int((100 * Double(h) / Double(s.rowCount)).rounded()))%)"
        }
        return text
    }

    /// `relu-s0 × tanh-s3 …: 42/169 grids complete`, the overview's progress.
    static func progressText(_ state: AppState) -> String {
        let n = state.session.models.count
        var done = 0
        for a in 0..<n { for b in 0..<n where state.values(for: state.overviewKey(ModelPair(rowModel: a, colModel: b))).isComplete { done += 1 } }
        return "\(done)/\(n * n) grids complete"
    }

    /// Each model name cut to `room` characters for the tile titles, in the middle (the
    /// shared prefix of all names taken off first when that is enough).
    static func shortNames(_ names: [String], room: Int) -> [String] {
        let axis = AxisNames(names)
        return names.indices.map { i in
            let n = names[i].count <= room ? names[i] : axis.short[i]
            return TextFit.truncateMiddle(n, to: room)
        }
    }

    /// The status bar over the overview: the selected pair's numbers and the message with
    /// the overview's progress (the hint line is the status bar's).
    static func drawStatus(_ o: OverviewState, _ state: AppState, into buffer: inout CellBuffer) {
        let layout = state.layout
        let theme = Theme(state.session.colorMode)
        let width = layout.width
        let g = state.glyphs
        buffer.fill(x: 0, y: layout.cellLineY, width: width, height: 2, with: Cell(" "))
        buffer.put(TextFit.truncate(selectedLine(o, state), to: width, ellipsis: g.ellipsis), x: 0, y: layout.cellLineY)
        let progress = progressText(state)
        if let (text, style) = StatusBar.infoText(state, theme: theme) {
            buffer.put(TextFit.truncate(text, to: width - progress.count - 2, ellipsis: g.ellipsis), x: 0, y: layout.infoLineY, style: style)
        }
        buffer.put(progress, x: max(0, width - progress.count), y: layout.infoLineY, style: theme.dim)
    }
}

/// One thumbnail's pixels (see `OverviewView`).
struct Thumbnail {
    let mode: ColorMode
    let glyphs: Glyphs
    let scale: ColorScale
    let colors: [TermColor]
    let range: ClosedRange<Double>
    let width: Int
    let height: Int
    let theme: Theme
    /// Two pixel rows per line with half blocks (Unicode and colour), else one.
    let halves: Bool

    init(state: AppState, range: ClosedRange<Double>, width: Int, height: Int) {
        mode = state.session.colorMode
        glyphs = state.glyphs
        scale = ColorScale.forMetric(state.metric)
        colors = scale.terminalColors(mode)
        self.range = range
        self.width = width
        self.height = height
        theme = Theme(mode)
        halves = state.session.supportsUnicode && mode.hasColor
    }

    /// What a pixel holds.
    enum Pixel: Equatable { case pending, undefined, value(Double) }

    /// The pixel over shown rows `rs` and columns `cs` of the grid.
    static func pixel(_ v: GridValues, rows: ArraySlice<Int>, cols: ArraySlice<Int>) -> Pixel {
        var sum = 0.0, count = 0, undefined = false
        for r in rows {
            for c in cols {
                guard let o = v[r, c] else { continue }
                if let x = o.value.number, x.isFinite { sum += x; count += 1 } else { undefined = true }
            }
        }
        if count > 0 { return .value(sum / Double(count)) }
        return undefined ? .undefined : .pending
    }

    /// The indices of `n` items pixel `k` of `pixels` covers.
    static func span(_ k: Int, of pixels: Int, items n: Int) -> Range<Int> {
        let lo = k * n / pixels
        return lo..<max(lo + 1, (k + 1) * n / pixels)
    }

    func color(_ p: Pixel) -> TermColor {
        switch p {
        case .pending: return theme.basic(8)
        case .undefined: return theme.basic(1)
        case .value(let x): return colors[ColorScale.step(ColorScale.position(of: x, in: range))]
        }
    }

    func draw(_ v: GridValues, rows: [Int], cols: [Int], x: Int, y: Int, into buffer: inout CellBuffer) {
        guard !rows.isEmpty, !cols.isEmpty else { return }
        let pixelRows = height * (halves ? 2 : 1)
        let colSpans = (0..<width).map { Thumbnail.span($0, of: width, items: cols.count) }
        func pixel(_ py: Int, _ px: Int) -> Pixel {
            Thumbnail.pixel(v, rows: rows[Thumbnail.span(py, of: pixelRows, items: rows.count)], cols: cols[colSpans[px]])
        }
        for line in 0..<height {
            for px in 0..<width {
                let cell: Cell
                if halves {
                    cell = Cell("\u{2580}", style: Style(foreground: color(pixel(2 * line, px)), background: color(pixel(2 * line + 1, px))))
                } else {
                    let p = pixel(line, px)
                    switch p {
                    case .pending: cell = Cell(glyphs.pending, style: theme.dim)
                    case .undefined: cell = Cell(glyphs.undefined, style: theme.undefinedMark)
                    case .value(let t):
                        cell = mode.hasColor ? Cell(" ", style: Style(background: color(p)))
                                             : Cell(glyphs.shade(ColorScale.position(of: t, in: range)))
                    }
                }
                buffer[x + px, y + line] = cell
            }
        }
    }
}
