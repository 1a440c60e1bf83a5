/// The picker's view, over the body rows:
/// ```
/// Open a model pair  12 of 169 match
/// filter: r0t1█
///   relu-s0 × tanh-s1          ← the highlighted item in reverse video
/// • relu-s0 × relu-s1          ← the item shown now
/// ```
/// The list scrolls to keep the highlighted item in view; `↓ 5 more` says what is cut off.
enum PickerView {
    /// Rows above the list: the heading and the filter line.
    static let headerLines = 2

    static func draw(_ p: Picker, _ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let theme = Theme(state.session.colorMode)
        let width = layout.width
        let ellipsis = state.glyphs.ellipsis
        let top = layout.bodyTop
        let count = p.query.isEmpty ? "\(p.items.count) items" : "\(p.matches.count) of \(p.items.count) match"
        let x = buffer.put(p.title, x: 0, y: top, style: theme.heading)
        buffer.put("  " + count, x: x, y: top, style: theme.dim)
        let fx = buffer.put("filter: ", x: 0, y: top + 1, style: theme.title)
        let end = buffer.put(TextFit.truncateStart(p.query, to: max(0, width - fx - 1), ellipsis: ellipsis), x: fx, y: top + 1)
        buffer[end, top + 1] = Cell(" ", style: Style(attributes: .reverse))

        let rows = max(0, layout.bodyHeight - headerLines)
        guard rows > 0 else { return }
        if p.matches.isEmpty {
            buffer.put("nothing matches", x: 2, y: top + headerLines, style: theme.dim)
            return
        }
        let start = min(max(0, p.selected - rows + 1), max(0, p.matches.count - rows))
        let mark = state.session.supportsUnicode ? "•" : "*"
        for i in 0..<rows where start + i < p.matches.count {
            let item = p.items[p.matches[start + i]]
            let y = top + headerLines + i
            let line = TextFit.padRight((item.value == p.current ? mark : " ") + " " + item.label, min(width, 40))
            let style = start + i == p.selected ? theme.cursorLabel : Style.plain
            buffer.put(TextFit.truncate(line, to: width, ellipsis: ellipsis), x: 0, y: y, style: style)
        }
        let below = p.matches.count - start - rows
        if below > 0 {
            let s = "\(state.session.supportsUnicode ? "↓" : "v") \(below) more"
            buffer.put(s, x: width - s.count, y: layout.bodyBottom - 1, style: theme.dim)
        }
        if start > 0 {
            let s = "\(state.session.supportsUnicode ? "↑" : "^") \(start) more"
            buffer.put(s, x: width - s.count, y: top + headerLines, style: theme.dim)
        }
    }
}
