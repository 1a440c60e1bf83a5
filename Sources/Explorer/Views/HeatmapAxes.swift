/// The heatmap's axes, shared by the grid and the seed-baseline view: the row labels on the
/// left and the column header on top.
///
/// ```
///                  0     1     2     3         index ruler (every k-th index; the cursor's reversed)
///           layer*  1     2     3     4_l…ts   values zoom: the names without what they share,
///  0 layer1        0.929 0.881 0.821 0.778     which stands once in the corner as a pattern, dim
/// ```
///
/// Row labels are `index name`, the index right-aligned, the name cut in the middle; when
/// the full names do not fit (`Layout.shortRowNames`) they lose their shared prefix, whose
/// pattern (`encoder.layer.*`) is written in the corner above them. Column names lose the
/// shared prefix, and the shared ending too when they still do not fit (`AxisNames`). In the
/// values zoom the header's text sits over the cell's digits (the first column of a cell is
/// the blank between values).
enum HeatmapAxes {
    /// The names each axis shows, worked out once per frame.
    struct Names {
        /// The row labels' names, and the pattern they fill in (`encoder.layer.*`; `nil`
        /// when showing full names).
        let rows: [String]
        let rowPattern: String?
        /// The column header's names (values zoom only: else empty), and their pattern.
        let cols: [String]
        let colPattern: String?

        init(_ state: AppState, _ layout: Layout) {
            if layout.shortRowNames {
                let names = state.rowAxisNames
                rows = names.short
                rowPattern = names.shortPattern
            } else {
                rows = state.rowLayers.map(\.name)
                rowPattern = nil
            }
            if layout.headerHeight > 1 {
                // Without the prefix when that fits the cell, else without the ending too.
                // Outside the values zoom names are written where they fit (`drawNameRow`),
                // so the shortest form is best unless the short names fit a cell.
                let names = state.colAxisNames
                let fits = names.longestShort <= layout.cellWidth - HeatmapAxes.textInset(layout)
                cols = fits ? names.short : names.core
                colPattern = fits ? names.shortPattern : names.corePattern
            } else {
                cols = []
                colPattern = nil
            }
        }
    }

    /// Draws the header over `cols` and the labels of `rows`.
    static func draw(_ state: AppState, _ layout: Layout, rows: Range<Int>, cols: Range<Int>,
                     into buffer: inout CellBuffer) {
        let names = Names(state, layout)
        let theme = Theme(state.session.colorMode)
        drawHeader(state, layout, names: names, cols: cols, theme: theme, into: &buffer)
        for r in rows {
            let style = r == state.cursor.row ? theme.cursorLabel : .plain
            buffer.put(rowLabel(names.rows[r], row: state.realRow(r), layout, ellipsis: state.glyphs.ellipsis),
                       x: 0, y: layout.cellY(row: r, top: state.scroll.row), style: style, maxWidth: layout.labelWidth)
        }
    }

    /// `index name` padded to the label column; the index is the real layer index (under a
    /// layer filter too).
    static func rowLabel(_ name: String, row: Int, _ layout: Layout, ellipsis: Character) -> String {
        let index = TextFit.padLeft(String(row), layout.rowIndexWidth)
        let room = layout.labelWidth - layout.rowIndexWidth - 1
        return TextFit.padRight(index + " " + TextFit.truncateMiddle(name, to: room, ellipsis: ellipsis), layout.labelWidth)
    }

    /// The spacing of numbered columns in the index ruler: every k-th column is numbered,
    /// k the smallest of 1, 2, 5, 10, … leaving a blank between numbers.
    static func rulerStep(cellWidth: Int, digits: Int) -> Int {
        for k in [1, 2, 5, 10, 20, 50, 100, 200, 500] where k * cellWidth >= digits + 1 { return k }
        return 1000
    }

    /// Where a cell's header text starts: over the digits in the values zoom.
    static func textInset(_ layout: Layout) -> Int { layout.cellWidth >= 6 ? 1 : 0 }

    /// The index ruler with the cursor's index in reverse video (numbers that would touch it
    /// are left out, so `4 5 6` never reads as `456`), the row names' pattern in the corner, and in
    /// the values zoom a row of column names with theirs.
    static func drawHeader(_ state: AppState, _ layout: Layout, names: Names, cols: Range<Int>, theme: Theme,
                           into buffer: inout CellBuffer) {
        let y = layout.bodyTop
        let inset = textInset(layout)
        let ellipsis = state.glyphs.ellipsis
        let digits = String(max(0, state.realCol(state.colCount - 1))).count
        let step = rulerStep(cellWidth: layout.cellWidth, digits: digits)
        let right = layout.cellX(col: cols.upperBound, left: state.scroll.col)
        let cursorX = layout.cellX(col: state.cursor.col, left: state.scroll.col)
        let cursorText = String(state.realCol(state.cursor.col))
        let showsCursor = cols.contains(state.cursor.col)
        for c in cols where c % step == 0 && c != state.cursor.col {
            let x = layout.cellX(col: c, left: state.scroll.col) + inset
            let text = String(state.realCol(c))
            if showsCursor && x < cursorX + inset + cursorText.count + 1 && x + text.count > cursorX + inset - 1 { continue }
            buffer.put(text, x: x, y: y, maxWidth: right - x)
        }
        if showsCursor {
            let label = TextFit.padRight(String(repeating: " ", count: inset) + cursorText, layout.cellWidth)
            buffer.put(label, x: cursorX, y: y, style: theme.cursorLabel, maxWidth: max(0, right - cursorX))
        }
        if let pattern = names.rowPattern {
            let x = layout.rowIndexWidth + 1
            buffer.put(TextFit.truncateStart(pattern, to: layout.labelWidth - x, ellipsis: ellipsis), x: x, y: y, style: theme.dim)
        }
        guard layout.headerHeight > 1 else { return }
        if let pattern = names.colPattern {
            let text = TextFit.truncateStart(pattern, to: layout.labelWidth, ellipsis: ellipsis)
            buffer.put(text, x: layout.labelWidth - text.count, y: y + 1, style: theme.dim)
        }
        guard layout.cellWidth >= 6 else {
            drawNameRow(state, layout, names: names, cols: cols, right: right, theme: theme, into: &buffer)
            return
        }
        for c in cols {
            let x = layout.cellX(col: c, left: state.scroll.col)
            let name = TextFit.truncateMiddle(names.cols[c], to: layout.cellWidth - inset, ellipsis: ellipsis)
            let label = TextFit.padRight(String(repeating: " ", count: inset) + name, layout.cellWidth)
            if c == state.cursor.col {
                buffer.put(label, x: x, y: y + 1, style: theme.cursorLabel)
            } else {
                buffer.put(name, x: x + inset, y: y + 1)
            }
        }
    }

    /// The longest a name is written in the names row of the narrow zooms.
    static let nameRowLimit = 12

    /// The names row under the ruler in the normal and compact zooms, where a cell is too
    /// narrow for a name: each column's name starts over its cell and is written when it
    /// clears the name before it by a blank (so `3 4_l…ts` never reads as one name), the
    /// last ones running on past the grid into the free columns on its right; the
    /// cursor column's name is always written, in reverse video, and the names it would
    /// touch are left out. Names longer than `nameRowLimit` are cut in the middle.
    static func drawNameRow(_ state: AppState, _ layout: Layout, names: Names, cols: Range<Int>, right: Int, theme: Theme,
                            into buffer: inout CellBuffer) {
        let y = layout.bodyTop + 1
        let ellipsis = state.glyphs.ellipsis
        func text(_ c: Int) -> String { TextFit.truncateMiddle(names.cols[c], to: nameRowLimit, ellipsis: ellipsis) }
        let showsCursor = cols.contains(state.cursor.col)
        let cursorX = layout.cellX(col: state.cursor.col, left: state.scroll.col)
        let cursorEnd = showsCursor ? cursorX + text(state.cursor.col).count : 0
        var free = layout.gridX
        for c in cols where c != state.cursor.col {
            let x = layout.cellX(col: c, left: state.scroll.col)
            let t = text(c)
            let end = x + t.count
            guard x >= free, x < right, end <= layout.width else { continue }
            if showsCursor && x < cursorEnd + 1 && end + 1 > cursorX { continue }  // a blank each side of the cursor's
            buffer.put(t, x: x, y: y)
            free = end + 1
        }
        if showsCursor {
            let label = TextFit.padRight(text(state.cursor.col), layout.cellWidth)
            buffer.put(label, x: cursorX, y: y, style: theme.cursorLabel, maxWidth: max(0, layout.width - cursorX))
        }
    }
}
