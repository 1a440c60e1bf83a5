import Similarity

/// The details panel of one cell of the difference view: which real layer pair, and how far
/// the panel is scrolled. Everything it shows is in the two grids already, so opening it
/// asks the engine for nothing.
public struct DifferenceDrillState: Sendable, Equatable {
    /// The real layers (under a layer filter too).
    public let row: Int
    public let col: Int
    /// The first panel line shown.
    public var scroll: Int = 0

    public init(row: Int, col: Int) { self.row = row; self.col = col }

    public var position: GridPosition { GridPosition(row: row, col: col) }
}

/// The panel's lines: the layer pair, the difference's title, then A, B and A − B at full
/// precision (or why each is missing), each operand with its metric, its pair and whether
/// higher means more alike; how to see each measure's own details.
enum DifferencePanel {
    static func lines(_ d: DifferenceDrillState, _ state: AppState, width: Int) -> [StyledLine] {
        guard let diff = state.difference,
              state.allRowLayers.indices.contains(d.row), state.allColLayers.indices.contains(d.col) else { return [] }
        let theme = Theme(state.session.colorMode)
        let g = state.glyphs
        let wrapWidth = max(20, width - 12)
        var out: [StyledLine] = []
        func line(_ s: String, _ style: Style = .plain) { out.append(StyledLine("  " + s, style)) }
        func paragraph(_ s: String, _ style: Style = .plain) { for l in TextFit.wrap(s, to: wrapWidth) { line(l, style) } }
        let p = d.position
        out.append(StyledLine("Difference  \(state.rowModel.name):\(state.allRowLayers[p.row].name) \(g.times) "
                              + "\(state.colModel.name):\(state.allColLayers[p.col].name)", theme.title))
        line(state.differenceTitle)
        out.append(.empty)

        let t = g.times
        func describe(_ k: GridKey) -> String {
            "\(k.metric.displayName), \(state.session.models[k.rowModel].name) \(t) \(state.session.models[k.colModel].name)"
        }
        func text(_ v: CellValue?) -> String {
            switch v {
            case nil: return "not computed yet"
            case .undefined(let r)?: return "undefined: \(r)"
            case .value(let x)?: return NumberFormat.full(x)
            }
        }
        let a = state.values(for: diff.minuend)[p.row, p.col]?.value
        let b = state.values(for: diff.subtrahend)[p.row, p.col]?.value
        let delta = state.differenceValue(real: p)
        let labels = ["A", "B", "A \(g.minus) B"]
        let pad = labels.map(\.count).max()! + 2
        out.append(StyledLine("Operands", theme.heading))
        line(TextFit.padRight(labels[0], pad) + text(a) + "   " + describe(diff.minuend))
        line(TextFit.padRight(labels[1], pad) + text(b) + "   " + describe(diff.subtrahend))
        let deltaText: String
        if case .value(let x)? = delta { deltaText = (x > 0 ? "+" : "") + NumberFormat.full(x) } else { deltaText = text(delta) }
        line(TextFit.padRight(labels[2], pad) + deltaText, delta?.reason == nil ? theme.title : theme.warning)
        out.append(.empty)
        out.append(StyledLine("Reading", theme.heading))
        let distance = state.metric.orientation == .distance
        paragraph("Both are \(distance ? "distances (lower = more alike)" : "similarities (higher = more alike)"): "
                  + "positive where A is higher\(distance ? " (more distant)" : " (more alike)"), on the colour scale centred on 0 "
                  + "over \(g.minus)\(NumberFormat.significant(diff.limit, 3))\(g.ellipsis)+\(NumberFormat.significant(diff.limit, 3)).")
        paragraph("Esc closes this panel; Esc again leaves the difference view, where Enter gives the measure's own details.",
                  theme.dim)
        return out
    }
}
