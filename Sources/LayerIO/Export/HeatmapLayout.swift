import Palette
import Similarity

/// Where everything goes on a heatmap image, in pixels (PNG) or user units (SVG), so both
/// exporters draw the same figure:
///
///     ┌──────────────────────────────────────────────────────────────┐
///     │        linear CKA — relu-s0 × relu-s1 (n = 500)              │  title (none when "")
///     │  r        1 ■■■■■■■■        ┌─┐─ 1.0   l                     │
///     │  e        2 ■■■■■■■■        │ │─ 0.8   i                     │  colour bar with
///     │  l        3 ■■■■■■■■        │ │─ …     n                     │  ticks and the
///     │  u        ⋮                 └─┘─ 0.0   …                     │  metric's name
///     │  -          1 2 3 4         ▨ undefined                      │  legend (when needed)
///     │  s0   relu-s1 (layer*)                                       │  column axis title
///     └──────────────────────────────────────────────────────────────┘
///
/// Cell (i, j) is row layer i (model A, labelled on the left, right-aligned) against column
/// layer j (model B, labelled below the grid: horizontally when the labels fit their
/// spacing, else rotated to read bottom to top).
///
/// **Labels** (`AxisLabels`) are the layer names without what they all share at the start
/// and at the end, as the terminal shows them (`encoder.layer.7.attention.output.dense` →
/// `7`); the axis title then names the pattern they fill in (`relu-s0 (encoder.layer.*.attention.output.dense)`).
/// A label is never cut in its middle: one longer than `maxLabelCharacters` keeps its end.
///
/// **Thinning**: every layer is labelled while a cell is at least a text line tall. Below
/// that, with k = ⌈line / cell⌉, the labelled layers are 0, k, 2k, … and the last one; a
/// multiple of k closer than k to the last is left out, so no two labels overlap
/// (`labelIndices`).
///
/// **Cells** are squares: by default as `cellSize(rows:cols:line:)` chooses (grown to hold
/// the values with `--annotate`); with `FigureOptions.size`, as large as fit that size
/// (`fitted`), the figure centred in it. Text is `FigureOptions.linePixels` tall and all
/// spacing scales with it (the constants below are for a 20 px line).
///
/// **The x-axis title** sits right under the column labels; the colour bar's column moves
/// right when a wide title would reach it. The colour bar is at least 160 px (at 20 px
/// text) tall, spans the scale's range with the upper bound at its top pixel row and the
/// lower bound at its bottom row, and carries 3–6 ticks.
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

    /// A legend entry explaining cells that have no colour from the scale, or the marks.
    struct LegendEntry: Equatable, Sendable {
        enum Kind: Equatable, Sendable { case undefined, uncomputed, significant }
        var kind: Kind
        var swatch: Rect
        var label: HeatmapText
    }

    /// A cell's value printed in it (`--annotate`); the exporter picks its ink (`CellInk`).
    struct Annotation: Equatable, Sendable {
        var row: Int
        var col: Int
        var text: HeatmapText
    }

    /// A significance mark: a dot at the centre of a seed-baseline cell with p ≤ alpha.
    struct Mark: Equatable, Sendable {
        var row: Int
        var col: Int
        var centreX: Double
        var centreY: Double
        var radius: Double
    }

    // Spacing for a 20 px line, in pixels; `Spacing` scales them to the figure's line.
    static let margin = 16
    static let labelGap = 8
    static let titleGap = 14
    static let axisTitleGap = 10
    static let barGap = 24
    static let barWidth = 20
    static let minBarHeight = 160
    static let tickLength = 5
    static let labelTickLength = 4
    static let tickGap = 4
    static let swatchSize = 16
    /// Labels longer than this keep their last characters after an ellipsis.
    static let maxLabelCharacters = 48
    static let maxModelCharacters = 48
    static let maxTitleCharacters = 140
    /// The smallest text a cell's value is printed in, in pixels.
    static let minAnnotationPixels = 8

    /// The spacing constants scaled to a line of `line` px (at least 1 px each).
    struct Spacing: Sendable {
        let line: Int
        func scaled(_ v: Int) -> Int { max(1, (v * line + 10) / 20) }
        var margin: Int { scaled(HeatmapLayout.margin) }
        var labelGap: Int { scaled(HeatmapLayout.labelGap) }
        var titleGap: Int { scaled(HeatmapLayout.titleGap) }
        var axisTitleGap: Int { scaled(HeatmapLayout.axisTitleGap) }
        var barGap: Int { scaled(HeatmapLayout.barGap) }
        var barWidth: Int { scaled(HeatmapLayout.barWidth) }
        var minBarHeight: Int { scaled(HeatmapLayout.minBarHeight) }
        var tickLength: Int { scaled(HeatmapLayout.tickLength) }
        var labelTickLength: Int { scaled(HeatmapLayout.labelTickLength) }
        var tickGap: Int { scaled(HeatmapLayout.tickGap) }
        var swatchSize: Int { scaled(HeatmapLayout.swatchSize) }
    }

    let width: Int
    let height: Int
    let rowCount: Int
    let colCount: Int
    let cellSize: Int
    /// The text's line height.
    let line: Int
    let spacing: Spacing
    /// The whole grid: rowCount × colCount cells.
    let grid: Rect
    /// The spacing k of the labelled layers (1 when every one is labelled), and which ones are.
    let labelStep: Int
    let rowLabelIndices: [Int]
    let colLabelIndices: [Int]
    let title: HeatmapText
    /// The drawn row labels, for the rows `rowLabelIndices`.
    let rowLabels: [HeatmapText]
    /// The drawn column labels, for the columns `colLabelIndices`.
    let colLabels: [HeatmapText]
    /// Short marks outside the grid's frame at the labelled rows (left) and columns (below).
    let labelTicks: [Rect]
    let rowAxisTitle: HeatmapText
    let colAxisTitle: HeatmapText
    let bar: Rect
    let ticks: [Tick]
    let barTitle: HeatmapText
    let legend: [LegendEntry]
    let annotations: [Annotation]
    let marks: [Mark]
    let scale: HeatmapScale

    /// The layout of `table`'s grid coloured by `scale`, titled `figure.title`, else `title`,
    /// else the metric, the two models and n (`""` for none), at the size the grid calls for.
    init(table: GridTable, scale: HeatmapScale, title: String? = nil, figure: FigureOptions = FigureOptions()) {
        let line = figure.linePixels
        var cell = Self.cellSize(rows: table.rows.count, cols: table.cols.count, line: line)
        if figure.annotate {
            cell = max(cell, CellAnnotations.cellNeeded(table, scale: scale, px: CellAnnotations.preferredPixels(line)))
        }
        self.init(table: table, scale: scale, title: title, figure: figure, cellSize: cell, offset: (0, 0), canvas: nil)
    }

    /// Lays everything out with cells of `cellSize` px, shifted by `offset`; the image is
    /// `canvas` when given, else just large enough. (`fitted` and the public-facing
    /// `init(table:scale:title:figure:)` choose the cell size.)
    init(table: GridTable, scale: HeatmapScale, title: String?, figure: FigureOptions,
                 cellSize cell: Int, offset: (x: Int, y: Int), canvas: (width: Int, height: Int)?) {
        let line = figure.linePixels
        let sp = Spacing(line: line)
        let centring = HeatmapText.centring(line)
        self.line = line
        self.spacing = sp
        self.scale = scale
        rowCount = table.rows.count
        colCount = table.cols.count
        cellSize = cell
        let step = max(1, (line + cell - 1) / cell)
        labelStep = step
        rowLabelIndices = Self.labelIndices(count: rowCount, step: step)
        colLabelIndices = Self.labelIndices(count: colCount, step: step)

        let rowNames = AxisLabels(table.rows, limit: Self.maxLabelCharacters)
        let colNames = AxisLabels(table.cols, limit: Self.maxLabelCharacters)
        func longest(_ names: AxisLabels, _ indices: [Int]) -> Int {
            let w = indices.map { HeatmapText.width(names.labels[$0], px: line) }.max() ?? 0
            return w + HeatmapText.slack(w)
        }
        let rowLabelWidth = longest(rowNames, rowLabelIndices)
        // Column labels read horizontally when each fits the room between labelled columns.
        let colWidest = colLabelIndices.map { HeatmapText.width(colNames.labels[$0], px: line) }.max() ?? 0
        let colsHorizontal = colWidest + HeatmapText.slack(colWidest) + sp.scaled(4) <= step * cell
        let colLabelHeight = colsHorizontal ? line : longest(colNames, colLabelIndices)

        // Title, then the grid with the row axis title and the row labels to its left.
        let m = sp.margin
        let left = m + offset.x, top = m + offset.y
        let titleText = HeatmapText.keepingStart(figure.title ?? title ?? Self.defaultTitle(table), to: Self.maxTitleCharacters)
        let gridTop = top + (titleText.isEmpty ? 0 : line + sp.titleGap)
        let gridLeft = left + line + sp.axisTitleGap + rowLabelWidth + sp.labelGap
        let grid = Rect(x: gridLeft, y: gridTop, width: colCount * cell, height: rowCount * cell)
        self.grid = grid
        let mark = sp.labelTickLength
        rowLabels = rowLabelIndices.map { i in
            HeatmapText(text: rowNames.labels[i], px: line, direction: .horizontal, anchor: .end,
                        x: gridLeft - sp.labelGap, y: gridTop + i * cell + cell / 2 - centring)
        }
        colLabels = colLabelIndices.map { j in
            colsHorizontal
                ? HeatmapText(text: colNames.labels[j], px: line, direction: .horizontal, anchor: .middle,
                              x: gridLeft + j * cell + cell / 2, y: grid.maxY + sp.labelGap)
                : HeatmapText(text: colNames.labels[j], px: line, direction: .up, anchor: .end,
                              x: gridLeft + j * cell + cell / 2 - centring, y: grid.maxY + sp.labelGap)
        }
        labelTicks = rowLabelIndices.map { i in
            Rect(x: gridLeft - 1 - mark, y: gridTop + i * cell + cell / 2, width: mark, height: 1)
        } + colLabelIndices.map { j in
            Rect(x: gridLeft + j * cell + cell / 2, y: grid.maxY + 1, width: 1, height: mark)
        }
        var rowAxis = HeatmapText(text: rowNames.axisTitle(model: table.rowModel), px: line, direction: .up,
                                  anchor: .middle, x: left, y: grid.centreY)
        if rowAxis.reservedBox.y < gridTop { rowAxis.y += gridTop - rowAxis.reservedBox.y }
        rowAxisTitle = rowAxis

        // The column axis title right under the column labels, kept inside the left margin.
        var colAxis = HeatmapText(text: colNames.axisTitle(model: table.colModel), px: line, direction: .horizontal,
                                  anchor: .middle, x: grid.centreX,
                                  y: grid.maxY + sp.labelGap + colLabelHeight + sp.axisTitleGap)
        // Right of the row axis title when that reaches down beside it (a short grid).
        let minX = rowAxis.reservedBox.maxY > colAxis.box.y ? rowAxis.reservedBox.maxX + sp.labelGap : left
        if colAxis.reservedBox.x < minX { colAxis.x += minX - colAxis.reservedBox.x }
        colAxisTitle = colAxis

        // Colour bar, its ticks and title, then the legend under it: right of the grid, and
        // right of everything drawn under the grid.
        let underGridRight = ([grid.maxX, colAxis.reservedBox.maxX] + colLabels.map(\.reservedBox.maxX)).max()!
        let bar = Rect(x: underGridRight + sp.barGap, y: gridTop, width: sp.barWidth,
                       height: max(grid.height, sp.minBarHeight))
        self.bar = bar
        let tickX = bar.maxX + sp.tickLength + sp.tickGap
        let lo = scale.range.lowerBound, hi = scale.range.upperBound
        ticks = scale.ticks.map { v in
            let r = hi > lo ? Int((((hi - v) / (hi - lo)) * Double(bar.height - 1)).rounded()) : (bar.height - 1) / 2
            let label = HeatmapText(text: scale.tickLabel(v), px: line, direction: .horizontal, anchor: .start,
                                    x: tickX, y: bar.y + r - centring)
            return Tick(value: v, row: bar.y + r, label: label)
        }
        let tickLabelWidth = ticks.map(\.label.reservedBox.width).max() ?? 0
        var barName = HeatmapText(text: HeatmapText.keepingStart(scale.label, to: Self.maxTitleCharacters), px: line,
                                  direction: .up, anchor: .middle,
                                  x: tickX + tickLabelWidth + sp.axisTitleGap, y: bar.centreY)
        if barName.reservedBox.y < bar.y { barName.y += bar.y - barName.reservedBox.y }
        barTitle = barName

        let baseline = table.seedBaseline
        var kinds: [LegendEntry.Kind] = []
        if table.values.contains(where: { $0.contains { $0?.reason != nil } }) { kinds.append(.undefined) }
        if table.values.contains(where: { $0.contains { $0 == nil } }) { kinds.append(.uncomputed) }
        if baseline != nil { kinds.append(.significant) }
        var legendTop = max(bar.maxY + centring, barName.reservedBox.maxY) + sp.axisTitleGap + sp.scaled(6)
        var legend: [LegendEntry] = []
        let swatchSize = sp.swatchSize
        for kind in kinds {
            let swatch = Rect(x: bar.x, y: legendTop, width: swatchSize, height: swatchSize)
            let text: String
            switch kind {
            case .undefined: text = "undefined"
            case .uncomputed: text = "not computed"
            case .significant:
                let alpha = NumberFormat.significant(baseline?.alpha ?? 0.05, 3)
                text = (figure.annotate ? "* " : "") + "p \u{2264} \(alpha)"
                    + ((baseline.map { $0.smallestP > $0.alpha } ?? false)
                       ? " (none can be: p \u{2265} \(NumberFormat.significant(baseline!.smallestP, 3)) with \(baseline!.members.map { "\($0.count)" }.joined(separator: " + ")) models)"
                       : "")
            }
            let label = HeatmapText(text: text, px: line, direction: .horizontal, anchor: .start,
                                    x: swatch.maxX + sp.labelGap, y: swatch.centreY - centring)
            legend.append(LegendEntry(kind: kind, swatch: swatch, label: label))
            legendTop += line + sp.scaled(6)
        }
        self.legend = legend

        // Title centred over the grid, kept inside the margin.
        var heading = HeatmapText(text: titleText, px: line, direction: .horizontal, anchor: .middle,
                                  x: grid.centreX, y: top)
        if heading.reservedBox.x < left { heading.x += left - heading.reservedBox.x }
        self.title = heading

        // What the cells carry: their values, or the baseline's marks.
        let cells = Rect(x: grid.x, y: grid.y, width: cell, height: cell)
        annotations = figure.annotate ? CellAnnotations.place(table, scale: scale, line: line, cells: cells) : []
        if let baseline, !figure.annotate {
            var marks: [Mark] = []
            let radius = max(1.5, Double(cell) * 0.16)
            for i in 0..<rowCount {
                for j in 0..<colCount where table.values[i][j]?.number != nil && baseline.isSignificant(i, j) {
                    marks.append(Mark(row: i, col: j, centreX: Double(grid.x + j * cell) + Double(cell) / 2,
                                      centreY: Double(grid.y + i * cell) + Double(cell) / 2, radius: radius))
                }
            }
            self.marks = marks
        } else {
            marks = []
        }

        let texts = [heading, rowAxis, colAxis, barName] + rowLabels + colLabels + ticks.map(\.label)
            + legend.map(\.label)
        let boxes = [grid, bar] + texts.map(\.reservedBox)
        width = canvas?.width ?? boxes.map(\.maxX).max()! + m
        height = canvas?.height ?? boxes.map(\.maxY).max()! + m
    }

    /// "linear CKA — relu-s0 × relu-s1 (n = 500)".
    static func defaultTitle(_ table: GridTable) -> String {
        let a = HeatmapText.keepingEnd(table.rowModel, to: maxModelCharacters)
        let b = HeatmapText.keepingEnd(table.colModel, to: maxModelCharacters)
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
