import Similarity

/// The baseline view's legend, one line: the diverging scale symmetric around 0 with its
/// range, `-0.070 ████ 0 ████ +0.070` (five ticks when wide), then what positive means and
/// what the marks mean: `+ = within > across: groups differ  * p ≤ 0.05  × undefined`.
/// Until the baseline is known the ticks are `-`, `0`, `+`.
enum BaselineLegend {
    /// The scale keeps at least this many columns; key parts are dropped to make room.
    static let minimumScale = 24

    /// The tick values over `-limit...limit`: five when the scale has room, else three.
    static func ticks(limit: Double, width: Int) -> [Double] {
        width >= 44 ? [-limit, -limit / 2, 0, limit / 2, limit] : [-limit, 0, limit]
    }

    /// A tick label: `0`, or signed with 3 decimals below 0.1 (where 2 would lose the
    /// range: ±0.012) and 2 above.
    static func label(_ v: Double, limit: Double) -> String {
        v == 0 ? "0" : NumberFormat.signed(v, limit < 0.1 ? 3 : 2)
    }

    /// What positive means, the significance mark, and the other marks, most important
    /// first; `short` names the first part only by what it means.
    static func keyParts(_ state: AppState, short: Bool = false) -> [String] {
        let g = state.glyphs
        let within = state.metric.orientation == .distance ? "within < across" : "within > across"
        var parts = [short ? "+ = groups differ" : "+ = \(within): groups differ",
                     "\(g.significant) p \(g.atMost) \(NumberFormat.fixed(BaselineResult.alpha, 2))"]
        if state.baselineStatus?.result == nil { parts.append("\(g.pending) pending") }
        parts.append("\(g.undefined) undefined")
        return parts
    }

    /// The explanation after the scale: as many parts as leave the scale `minimumScale`
    /// columns. What positive means and the significance mark are kept together as long as
    /// they fit, the first in its short form if need be; then the first part alone.
    static func key(_ state: AppState, width: Int) -> String {
        func fits(_ parts: [String]) -> Bool { width - parts.joined(separator: "  ").count - 2 >= minimumScale }
        let long = keyParts(state), short = keyParts(state, short: true)
        for (parts, keep) in [(long, 2), (short, 2), (long, 1), (short, 1)] {
            var p = parts
            while p.count > keep && !fits(p) { p.removeLast() }
            if fits(p) { return p.joined(separator: "  ") }
        }
        return ""
    }

    static func draw(_ state: AppState, y: Int, into buffer: inout CellBuffer) {
        let width = buffer.width
        let explanation = key(state, width: width)
        let scaleRoom = explanation.isEmpty ? width : width - explanation.count - 2
        let labels: [String]
        if let result = state.baselineStatus?.result {
            labels = ticks(limit: result.limit, width: scaleRoom).map { label($0, limit: result.limit) }
        } else {
            labels = ["-", "0", "+"]
        }
        LegendView.drawScale(labels: labels, scale: .diverging, state: state, room: scaleRoom, y: y, into: &buffer)
        if !explanation.isEmpty {
            buffer.put(explanation, x: width - explanation.count, y: y, style: Theme(state.session.colorMode).dim)
        }
    }
}
