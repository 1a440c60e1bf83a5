import Similarity

/// How the grid is drawn: the colour range (`s`), the cells' decimals (`d`), the row
/// labels' width (`w`), and transposing (`t`).
extension AppState {
    /// `s`: full → auto → robust → fixed → full. Entering fixed opens a prompt with the range
    /// shown until then, already in force (Esc keeps it; Enter takes the edited one).
    mutating func cycleColorRange() {
        let shown = colorRangeInUse
        let next = colorRange.next(current: shown)
        colorRange = next
        if case .fixed = next {
            let text = NumberFormat.significant(shown.lowerBound, 6) + ":" + NumberFormat.significant(shown.upperBound, 6)
            overlay = .prompt(Prompt(kind: .range, text: text))
            message = nil
            return
        }
        say("colour range \(rangeDescription)")
    }

    /// `auto (min–max): 0.912–0.998`, for the status line (6 significant digits: the
    /// legend's ticks are rounder).
    var rangeDescription: String {
        let r = colorRangeInUse
        let dash = session.supportsUnicode ? "–" : "-"
        func num(_ v: Double) -> String { NumberFormat.full(Double(NumberFormat.significant(v, 6)) ?? v) }
        let span = "\(num(r.lowerBound))\(dash)\(num(r.upperBound))"
        let sorted = values.sortedValues
        switch colorRange {
        case .full: return "full (the measure's): \(span)"
        case .fixed: return "fixed: \(span)"
        case .auto, .robust:
            let name = colorRange == .auto ? "auto (min\(dash)max)" : colorRange.name(dash: dash)
            if sorted.first == sorted.last { return "\(name): no spread in the known values yet, full \(span)" }
            return "\(name): \(span)"
        }
    }

    /// Enter on the range prompt: `MIN:MAX` fixes the range; a wrong text keeps the prompt
    /// open with the reason.
    mutating func applyFixedRange(_ text: String) {
        switch ColorRange.parseFixed(text) {
        case .success(let r):
            colorRange = r
            overlay = nil
            say("colour range \(rangeDescription)")
        case .failure(let e):
            say("\(e)", .error)
        }
    }

    /// `d`: 3 → 4 → 6 → 3 decimals in the values zoom's cells.
    mutating func cyclePrecision() {
        precision = precision.next
        keepCursorInView()
        say("cells show \(precision.decimals) decimals" + (zoom == .values ? "" : " in the values zoom (+)"))
    }

    /// `w`: the row labels up to a quarter or up to half of the screen.
    mutating func toggleLabelWidth() {
        labelWidth = labelWidth.toggled
        keepCursorInView()
        say(labelWidth == .wide ? "row labels up to half the screen wide" : "row labels up to a quarter of the screen")
    }

    /// `t`: shows the swapped pair, columns × rows: the pair `Tab` also reaches, so its
    /// values are those of computing the models the other way round (the same grid mirrored
    /// for a symmetric metric). The cursor stays on the same two layers, now swapped; the
    /// layer filter's pattern applies to the new rows and columns.
    mutating func transpose() -> [Effect] {
        let real = realPosition(cursor)
        let swapped = ModelPair(rowModel: pair.colModel, colModel: pair.rowModel)
        let index = session.pairIndex(of: swapped)
        let same = swapped == pair
        let before = message
        let effects = changeGrid(pairIndex: index, metricIndex: metricIndex,
                                 cursorAt: GridPosition(row: real.col, col: real.row))
        if same {
            say("\(rowModel.name) against itself: its transpose is the same grid; the cursor moved across the diagonal")
        } else if message == before {
            // (A filter that keeps nothing of the new pair has said so instead.)
            say("transposed: rows \(rowModel.name), columns \(colModel.name)")
        }
        return effects
    }
}
