import Similarity

/// Where everything goes on a heatmap image, in pixels (PNG) or user units (SVG), so both
/// exporters draw the same figure:
///
///     ┌──────────────────────────────────────────────────────────────┐
///     │        linear CKA — relu-s0 × relu-s1 (n = 500)              │  title
///     │  r   conv1 ■■■■■■■■        ┌─┐─ 1.0   l                      │
///     │  e   conv2 ■■■■■■■■        │ │─ 0.8   i                      │  colour bar with
///     │  l     fc1 ■■■■■■■■        │ │─ …     n                      │  ticks and the
///     │  u     ⋮                   └─┘─ 0.0   …                      │  metric's name
///     │  -        c c f            ▨ undefined                       │  legend (only when needed)
///     │  s        o o c                                              │
///     │  0       relu-s1                                             │  column axis title
///     └──────────────────────────────────────────────────────────────┘
///
/// Cell (i, j) is row layer i (model A, labelled on the left, right-aligned) against column
/// layer j (model B, labelled below the grid, rotated to read bottom to top). Cells are
/// squares of 4–28 px: as large as 720 px of grid allows, at least 20 px while every label
/// still fits, so 1–150+ layers give a sensible picture. All text is drawn at font size 2
/// (20 px lines); when cells are smaller than a line, only every `labelStep`-th layer is
/// labelled. Names longer than 24 characters lose their middle to an ellipsis.
///
/// The colour bar is at least 160 px tall, spans the scale's range with the upper bound at
/// its top pixel row and the lower bound at its bottom row, and carries 3–6 ticks.
struct HeatmapLayout: Sendable {
    /// A pixel rectangle: columns x..<x+width, rows y..<y+height.
    struct Rect: Equatable, Sendable {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        var maxX: Int { x + width }
        var maxY: Int { y + height }
        var centreX: Int { x + width / 2 }
        var centreY: Int { y + height / 2 }
    }

    /// A colour-bar tick: its value, the image row its mark is drawn on, and its label.
    struct Tick: Equatable, Sendable {
        var value: Double
        var row: Int
        var label: HeatmapText
    }

    /// A legend entry explaining cells that have no colour from the scale.
    struct LegendEntry: Equatable, Sendable {
        enum Kind: Equatable, Sendable { case undefined, uncomputed }
        var kind: Kind
        var swatch: Rect
        var label: HeatmapText
    }

    // Spacing, in pixels.
    static let margin = 16
    static let textSize = 2
    static let labelGap = 8
    static let titleGap = 14
    static let axisTitleGap = 10
    static let barGap = 24
    static let barWidth = 20
    static let minBarHeight = 160
    static let tickLength = 5
    static let labelTickLength = 4
    static let tickGap = 4
    static let maxLabelCharacters = 24
    static let maxModelCharacters = 40
    static let maxTitleCharacters = 120

    let width: Int
    let height: Int
    let rowCount: Int
    let colCount: Int
    let cellSize: Int
    /// The whole grid: rowCount × colCount cells.
    let grid: Rect
    /// Every `labelStep`-th layer is labelled (1 when every label fits).
    let labelStep: Int
    let title: HeatmapText
    /// The drawn row labels, for rows 0, labelStep, 2·labelStep, …
    let rowLabels: [HeatmapText]
    /// The drawn column labels, for columns 0, labelStep, 2·labelStep, …
    let colLabels: [HeatmapText]
    /// Short marks outside the grid's frame at the labelled rows (left) and columns (below).
    let labelTicks: [Rect]
    let rowAxisTitle: HeatmapText
    let colAxisTitle: HeatmapText
    let bar: Rect
    let ticks: [Tick]
    let barTitle: HeatmapText
    let legend: [LegendEntry]
    let scale: HeatmapScale

    /// The layout of `table`'s grid coloured by `scale`, titled `title` (by default the
    /// metric, the two models and n).
    init(table: GridTable, scale: HeatmapScale, title: String? = nil) {
        let s = Self.textSize
        let line = HeatmapText.lineHeight * s
        // Offset from a label's centre line to its line top: the capitals' middle is 4.5·s down.
        let centring = 9 * s / 2
        self.scale = scale
        rowCount = table.rows.count
        colCount = table.cols.count
        cellSize = Self.cellSize(rows: rowCount, cols: colCount)
        let step = max(1, (line + cellSize - 1) / cellSize)
        labelStep = step

        let rowNames = table.rows.map { HeatmapText.shortened($0, to: Self.maxLabelCharacters) }
        let colNames = table.cols.map { HeatmapText.shortened($0, to: Self.maxLabelCharacters) }
        // The room the labels take, with the slack kept for a wider SVG font.
        func room(_ names: [String]) -> Int {
            let longest = stride(from: 0, to: names.count, by: step)
                .map { HeatmapText.width(names[$0], size: s) }.max() ?? 0
            return longest + HeatmapText.slack(longest)
        }
        let rowLabelWidth = room(rowNames)
        let colLabelHeight = room(colNames)

        // Grid, with the row axis title and the row labels to its left.
        let m = Self.margin
        let gridTop = m + line + Self.titleGap
        let gridLeft = m + line + Self.axisTitleGap + rowLabelWidth + Self.labelGap
        let grid = Rect(x: gridLeft, y: gridTop, width: colCount * cellSize, height: rowCount * cellSize)
        self.grid = grid
        let cell = cellSize
        rowLabels = stride(from: 0, to: rowCount, by: labelStep).map { i in
            HeatmapText(text: rowNames[i], size: s, direction: .horizontal, anchor: .end,
                        x: gridLeft - Self.labelGap, y: gridTop + i * cell + cell / 2 - centring)
        }
        colLabels = stride(from: 0, to: colCount, by: labelStep).map { j in
            HeatmapText(text: colNames[j], size: s, direction: .up, anchor: .end,
                        x: gridLeft + j * cell + cell / 2 - centring, y: grid.maxY + Self.labelGap)
        }
        let mark = Self.labelTickLength
        labelTicks = stride(from: 0, to: rowCount, by: labelStep).map { i in
            Rect(x: gridLeft - 1 - mark, y: gridTop + i * cell + cell / 2, width: mark, height: 1)
        } + stride(from: 0, to: colCount, by: labelStep).map { j in
            Rect(x: gridLeft + j * cell + cell / 2, y: grid.maxY + 1, width: 1, height: mark)
        }
        let rowModel = HeatmapText.shortened(table.rowModel, to: Self.maxModelCharacters)
        var rowAxis = HeatmapText(text: rowModel, size: s, direction: .up, anchor: .middle,
                                  x: m, y: grid.centreY)
        if rowAxis.reservedBox.y < gridTop { rowAxis.y += gridTop - rowAxis.reservedBox.y }
        rowAxisTitle = rowAxis

        // Colour bar, its ticks and title, then the legend under it.
        let bar = Rect(x: grid.maxX + Self.barGap, y: gridTop, width: Self.barWidth,
                       height: max(grid.height, Self.minBarHeight))
        self.bar = bar
        let tickX = bar.maxX + Self.tickLength + Self.tickGap
        let lo = scale.range.lowerBound, hi = scale.range.upperBound
        ticks = scale.ticks.map { v in
            let r = hi > lo ? Int((((hi - v) / (hi - lo)) * Double(bar.height - 1)).rounded()) : (bar.height - 1) / 2
            let label = HeatmapText(text: scale.tickLabel(v), size: s, direction: .horizontal, anchor: .start,
                                    x: tickX, y: bar.y + r - centring)
            return Tick(value: v, row: bar.y + r, label: label)
        }
        let tickLabelWidth = ticks.map(\.label.reservedBox.width).max() ?? 0
        var barName = HeatmapText(text: HeatmapText.shortened(scale.label, to: Self.maxModelCharacters), size: s,
                                  direction: .up, anchor: .middle,
                                  x: tickX + tickLabelWidth + Self.axisTitleGap, y: bar.centreY)
        if barName.reservedBox.y < bar.y { barName.y += bar.y - barName.reservedBox.y }
        barTitle = barName

        var kinds: [LegendEntry.Kind] = []
        if table.values.contains(where: { $0.contains { $0?.reason != nil } }) { kinds.append(.undefined) }
        if table.values.contains(where: { $0.contains { $0 == nil } }) { kinds.append(.uncomputed) }
        var legendTop = max(bar.maxY + centring, barName.reservedBox.maxY) + Self.axisTitleGap + 6
        var legend: [LegendEntry] = []
        let swatchSize = 16
        for kind in kinds {
            let swatch = Rect(x: bar.x, y: legendTop, width: swatchSize, height: swatchSize)
            let label = HeatmapText(text: kind == .undefined ? "undefined" : "not computed", size: s,
                                    direction: .horizontal, anchor: .start,
                                    x: swatch.maxX + Self.labelGap, y: swatch.centreY - centring)
            legend.append(LegendEntry(kind: kind, swatch: swatch, label: label))
            legendTop += line + 6
        }
        self.legend = legend
        let rightColumnBottom = ([bar.maxY + centring, barName.reservedBox.maxY] + legend.map(\.label.box.maxY)).max()!

        // Column axis title under the column labels, moved below the colour bar's column if
        // it would run into it (a wide name under a narrow grid).
        let colModel = HeatmapText.shortened(table.colModel, to: Self.maxModelCharacters)
        var colAxis = HeatmapText(text: colModel, size: s, direction: .horizontal, anchor: .middle,
                                  x: grid.centreX, y: grid.maxY + Self.labelGap + colLabelHeight + Self.axisTitleGap)
        if colAxis.reservedBox.x < m { colAxis.x += m - colAxis.reservedBox.x }
        if colAxis.reservedBox.maxX > bar.x - Self.labelGap && colAxis.box.y < rightColumnBottom {
            colAxis.y = rightColumnBottom + Self.axisTitleGap
        }
        colAxisTitle = colAxis

        // Title centred over the grid, kept inside the margin.
        let titleText = HeatmapText.shortened(title ?? Self.defaultTitle(table), to: Self.maxTitleCharacters)
        var heading = HeatmapText(text: titleText, size: s, direction: .horizontal, anchor: .middle,
                                  x: grid.centreX, y: m)
        if heading.reservedBox.x < m { heading.x += m - heading.reservedBox.x }
        self.title = heading

        let texts = [heading, rowAxis, colAxis, barName] + rowLabels + colLabels + ticks.map(\.label)
            + legend.map(\.label)
        let boxes = [grid, bar] + texts.map(\.reservedBox)
        width = boxes.map(\.maxX).max()! + m
        height = boxes.map(\.maxY).max()! + m
    }

    /// The side of a cell for a rows × cols grid: 720 px of grid, between 4 and 28 px a cell,
    /// and at least 20 px (one label line) while that keeps the grid within 1020 px, so that
    /// grids of up to 51 layers label every layer.
    static func cellSize(rows: Int, cols: Int) -> Int {
        let n = max(1, rows, cols)
        let fitted = min(28, max(4, 720 / n))
        let line = HeatmapText.lineHeight * textSize
        return fitted < line && n * line <= 1020 ? line : fitted
    }

    /// "linear CKA — relu-s0 × relu-s1 (n = 500)".
    static func defaultTitle(_ table: GridTable) -> String {
        let a = HeatmapText.shortened(table.rowModel, to: maxModelCharacters)
        let b = HeatmapText.shortened(table.colModel, to: maxModelCharacters)
        return "\(table.metric.displayName) \u{2014} \(a) \u{00D7} \(b) (n = \(table.sampleCount))"
    }

    /// The square of cell (i, j).
    func cell(_ i: Int, _ j: Int) -> Rect {
        Rect(x: grid.x + j * cellSize, y: grid.y + i * cellSize, width: cellSize, height: cellSize)
    }

    /// The value the colour bar shows on its pixel row `r` (0 = top = the range's upper bound,
    /// bar.height − 1 = the lower bound).
    func barValue(row r: Int) -> Double {
        let lo = scale.range.lowerBound, hi = scale.range.upperBound
        return hi - (hi - lo) * Double(r) / Double(max(1, bar.height - 1))
    }

    /// The width of the lines of the cross over an undefined cell of side `side`.
    static func crossWidth(side: Int) -> Int { max(1, side / 12) }
}
