import Palette

/// How large a heatmap's cells are and which layers are labelled (see `HeatmapLayout`).
extension HeatmapLayout {
    /// The layout of exactly `figure.size` pixels when it is given (cells as large as fit,
    /// the figure centred), else `init(table:scale:title:figure:)`.
    /// - Throws: `FigureError` when the grid and its labels do not fit, or `--annotate`'s
    ///   values would be smaller than `minAnnotationPixels`.
    static func fitted(table: GridTable, scale: HeatmapScale, title: String?, figure: FigureOptions) throws -> HeatmapLayout {
        guard let size = figure.size else { return HeatmapLayout(table: table, scale: scale, title: title, figure: figure) }
        let rows = table.rows.count, cols = table.cols.count
        func make(_ c: Int) -> HeatmapLayout {
            HeatmapLayout(table: table, scale: scale, title: title, figure: figure, cellSize: c, offset: (0, 0), canvas: nil)
        }
        func fits(_ l: HeatmapLayout) -> Bool { l.width <= size.width && l.height <= size.height }
        let probe = make(1)
        var c = max(1, min((size.width - (probe.width - cols)) / max(1, cols),
                           (size.height - (probe.height - rows)) / max(1, rows)))
        var layout = make(c)
        while !fits(layout) && c > 1 { c -= 1; layout = make(c) }
        var tries = 0
        while tries < 64, c < 4096 {
            let bigger = make(c + 1)
            guard fits(bigger) else { break }
            layout = bigger; c += 1; tries += 1
        }
        guard fits(layout) else {
            throw FigureError("--size \(size.width)x\(size.height) is too small for a \(rows)×\(cols) grid with its labels at \(NumberFormat.significant(figure.fontSize, 4)) pt: it needs at least \(layout.width)x\(layout.height) pixels (or a smaller --font-size)")
        }
        if figure.annotate, !layout.annotations.isEmpty, let px = layout.annotations.first?.text.px,
           px < minAnnotationPixels {
            let needed = CellAnnotations.cellNeeded(table, scale: scale, px: minAnnotationPixels)
            throw FigureError("--annotate: cells of \(c) px are too small for the values (they need \(needed) px at least); give a larger --size, or leave out --annotate")
        }
        return HeatmapLayout(table: table, scale: scale, title: title, figure: figure, cellSize: c,
                             offset: ((size.width - layout.width) / 2, (size.height - layout.height) / 2),
                             canvas: (size.width, size.height))
    }

    /// The side of a cell for a rows × cols grid with text `line` px tall: 720 px of grid
    /// (at a 20 px line), between 4 and 28 px a cell, and at least one line while that
    /// keeps the grid within 64 lines, so that grids of up to 64 layers label every layer.
    static func cellSize(rows: Int, cols: Int, line: Int = 20) -> Int {
        let n = max(1, rows, cols)
        let fitted = min(28 * line / 20, max(4, 36 * line / n))
        return fitted < line && n <= 64 ? line : fitted
    }

    /// The labelled indices of `count` layers at spacing `step`: 0, step, 2·step, … and the
    /// last, leaving out a multiple of `step` closer than `step` to the last.
    static func labelIndices(count: Int, step: Int) -> [Int] {
        guard count > 0 else { return [] }
        var indices = Array(stride(from: 0, to: count, by: max(1, step)))
        if indices.last != count - 1 {
            if let last = indices.last, last > 0, count - 1 - last < step { indices.removeLast() }
            indices.append(count - 1)
        }
        return indices
    }
}
