import Similarity

/// The difference view's heatmap: the grid's axes, cursor, selection and zoom, each cell
/// A − B on the baseline's diverging scale over ±`DifferenceView.limit` (white at 0), signed
/// digits in the values zoom, `×` where either operand is undefined, `·` while either is
/// being computed.
enum DifferenceHeatmap {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        guard let diff = state.difference else { return }
        let rows = state.visibleRows, cols = state.visibleCols
        let selection = state.shownSelection
        let painter = CellPainter(scale: .diverging, range: diff.range, signed: true, decimals: state.precision.decimals,
                                  mode: state.session.colorMode, glyphs: state.glyphs, width: layout.cellWidth)
        HeatmapAxes.draw(state, layout, rows: rows, cols: cols, into: &buffer)
        let realCols = cols.map(state.realCol)
        for r in rows {
            let y = layout.cellY(row: r, top: state.scroll.row)
            let rr = state.realRow(r)
            for (c, rc) in zip(cols, realCols) {
                let p = GridPosition(row: r, col: c)
                let cells = painter.cells(state.differenceValue(real: GridPosition(row: rr, col: rc)), isCursor: p == state.cursor,
                                          isSelected: selection?.contains(p) ?? false, mark: nil)
                let x = layout.cellX(col: c, left: state.scroll.col)
                for (i, cell) in cells.enumerated() { buffer[x + i, y] = cell }
            }
        }
    }
}

/// The difference view's legend: the diverging scale over ±limit with its ticks, then
/// `+ = A > B` (A and B named when they fit) and the marks.
enum DifferenceLegend {
    static func keyParts(_ state: AppState) -> [String] {
        let g = state.glyphs
        let n = state.differenceNames
        return ["+ = \(n.a) > \(n.b)", "\(g.pending) pending", "\(g.undefined) undefined"]
    }

    static func draw(_ state: AppState, y: Int, into buffer: inout CellBuffer) {
        guard let diff = state.difference else { return }
        let width = buffer.width
        var parts = keyParts(state)
        func fits(_ p: [String]) -> Bool { width - p.joined(separator: "  ").count - 2 >= BaselineLegend.minimumScale }
        if !fits(parts) { parts[0] = "+ = A > B" }
        while !parts.isEmpty && !fits(parts) { parts.removeLast() }
        let explanation = parts.joined(separator: "  ")
        let room = explanation.isEmpty ? width : width - explanation.count - 2
        let labels = BaselineLegend.ticks(limit: diff.limit, width: room).map { BaselineLegend.label($0, limit: diff.limit) }
        LegendView.drawScale(labels: labels, scale: .diverging, state: state, room: room, y: y, into: &buffer)
        if !explanation.isEmpty {
            buffer.put(explanation, x: width - explanation.count, y: y, style: Theme(state.session.colorMode).dim)
        }
    }
}

/// The status lines of the difference view.
extension StatusBar {
    /// `layer1 × layer2 = +0.0113456789  (A linear CKA 0.9123456789 − B CKA(debiased) 0.901)`
    /// at full precision, or what is missing. The layers are real ones: the cursor's, or the
    /// open panel's.
    static func differenceCellLine(_ state: AppState, theme: Theme) -> (String, Style) {
        guard let diff = state.difference else { return ("", .plain) }
        let p = state.overlay?.panel?.differenceDrill?.position ?? state.realPosition(state.cursor)
        let rows = state.allRowLayers, cols = state.allColLayers
        guard rows.indices.contains(p.row), cols.indices.contains(p.col) else { return ("", .plain) }
        let g = state.glyphs
        let names = "\(rows[p.row].name) \(g.times) \(cols[p.col].name)"
        let n = state.differenceNames
        func text(_ v: CellValue?) -> String {
            switch v {
            case nil: return "not computed"
            case .undefined?: return "undefined"
            case .value(let x)?: return NumberFormat.full(x)
            }
        }
        let a = state.values(for: diff.minuend)[p.row, p.col]?.value
        let b = state.values(for: diff.subtrahend)[p.row, p.col]?.value
        let operands = "(\(n.a) \(text(a)) \(g.minus) \(n.b) \(text(b)))"
        switch state.differenceValue(real: p) {
        case nil:
            return ("\(names): not computed yet  \(operands)", .plain)
        case .undefined(let reason)?:
            return ("\(names): undefined: \(reason)", theme.warning)
        case .value(let d)?:
            return ("\(names) = \(d > 0 ? "+" : "")\(NumberFormat.full(d))  \(operands)", .plain)
        }
    }

    /// `A 144/144 · B 80/144 cells · ETA 3s`: both operands' progress.
    static func differenceProgressText(_ state: AppState) -> String {
        guard let diff = state.difference else { return "" }
        let dot = state.session.supportsUnicode ? "·" : "-"
        func part(_ name: String, _ key: GridKey) -> String {
            let v = state.values(for: key)
            var s = "\(name) \(v.knownCount)/\(v.totalCount)"
            if let job = state.jobs[key], !v.isComplete {
                switch job.phase {
                case .running: s += job.eta(now: state.now).map { " ETA \(NumberFormat.duration($0))" } ?? ""
                case .cancelling: s += " cancelling"
                case .cancelled: s += " cancelled (r)"
                case .finished: break
                }
            }
            return s
        }
        return part("A", diff.minuend) + " \(dot) " + part("B", diff.subtrahend) + " cells"
    }
}
