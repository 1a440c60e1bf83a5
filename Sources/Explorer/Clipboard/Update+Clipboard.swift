import LayerIO
import Similarity

/// `y`: copies what the screen shows to the clipboard through OSC 52 (`ClipboardRoute`):
/// the cursor cell's value at full precision (round-trip digits, as the CSV export writes
/// it), or with a selection its shown rows and columns as CSV (the export's layout and
/// names). The status line always says what was sent, or why nothing was.
extension AppState {
    mutating func copyToClipboard() -> [Effect] {
        let text: String
        let what: String
        if selectionAnchor != nil {
            let layers = selectedShownLayers
            text = CSVExporter.text(viewTable(rows: layers.rows, cols: layers.cols))
            what = "\(layers.rows.count)\(glyphs.times)\(layers.cols.count) cells as CSV"
        } else {
            switch shownValue(real: realPosition(cursor)) {
            case nil:
                say("copy refused: the cell is not computed yet", .error)
                return []
            case .undefined(let reason)?:
                say("copy refused: the cell is undefined (\(reason))", .error)
                return []
            case .value(let v)?:
                text = NumberFormat.exact(v)
                what = text
            }
        }
        switch session.clipboard {
        case .refused(let why):
            say("copy refused: \(why)", .error)
            return []
        case .osc52(let framing, let via):
            let copy = ClipboardCopy(text: text, framing: framing)
            guard copy.bytes.count <= OSC52.maxSequenceBytes else {
                say("copy refused: \(copy.bytes.count / 1000) kB is over the \(OSC52.maxSequenceBytes / 1000) kB terminals take "
                    + "through OSC 52; e exports it to a file", .error)
                return []
            }
            say("copied \(what) to the clipboard (\(via))", .success)
            return [.copyToClipboard(copy)]
        }
    }

    /// The value the screen shows at a real cell: the grid's, the difference's, or the
    /// baseline's difference.
    func shownValue(real p: GridPosition) -> CellValue? {
        if screen == .baseline {
            guard let result = baselineStatus?.result else { return nil }
            return Self.differenceValues(result, in: GridRect(rows: p.row..<(p.row + 1), cols: p.col..<(p.col + 1)))[0][0]
        }
        if difference != nil { return differenceValue(real: p) }
        return values[p.row, p.col]?.value
    }

    /// The real rows and columns shown in the selection (every shown one without a
    /// selection), in order: under a layer filter, only the layers on screen.
    var selectedShownLayers: (rows: [Int], cols: [Int]) {
        let shown = shownSelection ?? GridRect(rows: 0..<rowCount, cols: 0..<colCount)
        return (shown.rows.map(realRow), shown.cols.map(realCol))
    }

    /// What the screen shows over real `rows` × `cols`, as the table the exporters write:
    /// the grid's outcomes, the difference with both operands named, or the seed baseline's
    /// numbers. (Options and N are not the session's to know: the CSV writes neither.)
    func viewTable(rows: [Int], cols: [Int]) -> GridTable {
        let rowNames = rows.map { allRowLayers[$0].name }, colNames = cols.map { allColLayers[$0].name }
        if screen == .baseline, let b = session.baseline, let result = baselineStatus?.result,
           let r0 = rows.first, let c0 = cols.first {
            // The baseline view has no filter: its selection is one block.
            let rect = GridRect(rows: r0..<(rows.last! + 1), cols: c0..<(cols.last! + 1))
            return GridTable(metric: metric, rowModel: b.groupNames[0], colModel: b.groupNames[1], rows: rowNames, cols: colNames,
                             values: Self.differenceValues(result, in: rect), sampleCount: session.sampleCount,
                             reduce: session.reducePolicy, options: MetricOptions())
                .with(quantity: .seedBaseline(baselineCells(result, groups: b, in: rect)))
        }
        let values = rows.map { r in cols.map { c in shownValue(real: GridPosition(row: r, col: c)) } }
        let table = GridTable(metric: metric, rowModel: rowModel.name, colModel: colModel.name, rows: rowNames, cols: colNames,
                              values: values, sampleCount: session.sampleCount, reduce: session.reducePolicy, options: MetricOptions())
        guard let cells = differenceCells(rows: rows, cols: cols) else { return table }
        return table.with(quantity: .difference(cells))
    }

    /// Both operands of the difference over real `rows` × `cols`, named, or `nil` outside
    /// the difference view.
    func differenceCells(rows: [Int], cols: [Int]) -> GridTable.DifferenceCells? {
        guard let d = difference else { return nil }
        let names = differenceNames
        func operand(_ k: GridKey, _ label: String) -> GridTable.DifferenceCells.Operand {
            let v = values(for: k)
            return .init(metric: k.metric, rowModel: session.models[k.rowModel].name, colModel: session.models[k.colModel].name,
                         label: label, values: rows.map { r in cols.map { c in v[r, c]?.value.number } })
        }
        return GridTable.DifferenceCells(minuend: operand(d.minuend, names.a), subtrahend: operand(d.subtrahend, names.b),
                                         shared: names.shared)
    }
}
