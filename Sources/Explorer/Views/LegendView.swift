import Similarity

/// The colour legend, one line: the scale in segments between numeric ticks,
/// `0.00 ████ 0.25 ████ 0.50 ████ 0.75 ████ 1.00`, then what the marks mean
/// (`· pending  × undefined`) and, for a distance, that lower means more alike, as far as
/// the width allows.
enum LegendView {
    /// The tick values: 5 over the metric's display range when the line is wide, else 3.
    static func ticks(range: ClosedRange<Double>, width: Int) -> [Double] {
        let n = width >= 44 ? 5 : 3
        return (0..<n).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(n - 1) }
    }

    /// What the marks mean and, for a distance, which way is "alike", most important first.
    static func keyParts(_ state: AppState) -> [String] {
        let g = state.glyphs
        var parts: [String] = []
        if state.metric.orientation == .distance { parts.append("lower = more alike") }
        parts += ["\(g.pending) pending", "\(g.undefined) undefined"]
        if state.showBestMatch { parts.append("\(g.best) best") }
        return parts
    }

    /// The explanation after the scale: as many parts as leave the scale 34 columns.
    static func key(_ state: AppState, width: Int) -> String {
        var parts = keyParts(state)
        while !parts.isEmpty && width - parts.joined(separator: "  ").count - 2 < 34 { parts.removeLast() }
        return parts.joined(separator: "  ")
    }

    /// Decimals for tick labels `step` apart: 2, or more when the ticks would otherwise read
    /// alike (a robust range of 0.991…0.999 gets `0.9910 0.9930 …`), at most 6.
    static func tickDecimals(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 2 }
        var d = 2, s = step
        while s < 0.1 && d < 6 { s *= 10; d += 1 }
        return d
    }

    /// The tick labels over `range` in about `width` columns.
    static func tickLabels(range: ClosedRange<Double>, width: Int) -> [String] {
        let t = ticks(range: range, width: width)
        let decimals = tickDecimals(step: t.count > 1 ? t[1] - t[0] : 0)
        return t.map { NumberFormat.fixed($0, decimals) }
    }

    /// The scale over the colour range in use, after the range's name unless it is the
    /// measure's full range (`robust 2–98%  0.912 ████ …`), then the marks' key.
    static func draw(_ state: AppState, y: Int, into buffer: inout CellBuffer) {
        let width = buffer.width
        let explanation = key(state, width: width)
        let mode = state.colorRange == .full ? "" : state.colorRange.name(dash: state.session.supportsUnicode ? "–" : "-")
        let start = mode.isEmpty ? 0 : buffer.put(mode, x: 0, y: y, style: Theme(state.session.colorMode).title) + 1
        let scaleRoom = (explanation.isEmpty ? width : width - explanation.count - 2) - start
        let labels = tickLabels(range: state.colorRangeInUse, width: scaleRoom)
        drawScale(labels: labels, scale: ColorScale.forMetric(state.metric), state: state, room: scaleRoom, x: start, y: y,
                  into: &buffer)
        if !explanation.isEmpty {
            buffer.put(explanation, x: width - explanation.count, y: y, style: Theme(state.session.colorMode).dim)
        }
    }

    /// The scale from column 0 in about `room` columns: evenly spaced tick labels (at least
    /// two) with coloured segments (shade glyphs in monochrome) between them, the ticks at the
    /// ends of the scale.
    static func drawScale(labels: [String], scale: ColorScale, state: AppState, room: Int, x start: Int = 0, y: Int,
                          into buffer: inout CellBuffer) {
        let mode = state.session.colorMode
        let colors = scale.terminalColors(mode)
        let glyphs = state.glyphs
        let gaps = max(1, labels.count - 1)
        let fixedCols = labels.reduce(0) { $0 + $1.count } + 2 * gaps
        let segment = max(2, min(10, (room - fixedCols) / gaps))
        var x = start
        for (k, label) in labels.enumerated() {
            x = buffer.put(label, x: x, y: y)
            guard k < labels.count - 1 else { break }
            x += 1
            for j in 0..<segment {
                let t = (Double(k) + (Double(j) + 0.5) / Double(segment)) / Double(gaps)
                if mode.hasColor {
                    buffer[x, y] = Cell(" ", style: Style(background: colors[ColorScale.step(t)]))
                } else {
                    buffer[x, y] = Cell(glyphs.shade(t))
                }
                x += 1
            }
            x += 1
        }
    }
}
