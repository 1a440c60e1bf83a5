import Similarity

/// The `?` screen, the help overlay's view, generated from the key table: every binding
/// with its keys and help text, in sections, laid out in two columns when the terminal is
/// wide enough. It covers the whole terminal. It scrolls (j/k, wheel) only when it does not
/// fit; any other key closes it (`HelpOverlay.update`).
enum HelpScreen {
    /// Width of the key column.
    static let keyWidth = 11
    /// A column narrower than this is not split in two.
    static let minColumnWidth = 48

    /// One entry per line: section headings, then `keys  help` rows, blank between sections.
    static func entries(unicode: Bool) -> [(keys: String, help: String, isHeading: Bool)] {
        var out: [(String, String, Bool)] = []
        for group in KeyMap.standard.groups {
            if !out.isEmpty { out.append(("", "", false)) }
            out.append((group.name, "", true))
            for b in group.bindings { out.append((b.keyLabel(unicode: unicode), b.help, false)) }
        }
        return out.map { (keys: $0.0, help: $0.1, isHeading: $0.2) }
    }

    /// The screen's lines at `width`: sections flowed into one or two columns (a section
    /// is never split), each column's text cut to its width.
    static func lines(width: Int, height: Int, unicode: Bool) -> [StyledLine] {
        let all = entries(unicode: unicode)
        let columns = width >= 2 * minColumnWidth + 2 ? 2 : 1
        let colWidth = columns == 2 ? (width - 2) / 2 : width
        let ellipsis: Character = unicode ? "…" : "~"
        func render(_ e: (keys: String, help: String, isHeading: Bool)) -> StyledLine {
            if e.isHeading { return StyledLine(TextFit.truncate(e.keys, to: colWidth, ellipsis: ellipsis), Style(attributes: [.bold, .underline])) }
            if e.keys.isEmpty { return .empty }
            let keys = TextFit.padRight(" " + e.keys, keyWidth)
            let help = TextFit.truncate(" " + e.help, to: max(0, colWidth - keys.count), ellipsis: ellipsis)
            return StyledLine([(keys, Style(attributes: .bold)), (help, .plain)])
        }
        guard columns == 2 else { return all.map(render) }
        // Break between sections at the first blank line past the middle.
        let middle = (all.count + 1) / 2
        let split = all.indices.first { $0 >= middle && all[$0].keys.isEmpty && !all[$0].isHeading } ?? all.count
        let left = all[..<split].map(render)
        let right = all[min(all.count, split + 1)...].map(render)
        return (0..<max(left.count, right.count)).map { i in
            var line = StyledLine()
            let l = i < left.count ? left[i] : .empty
            for run in l.runs { line.append(run.text, run.style) }
            line.append(String(repeating: " ", count: max(1, colWidth + 2 - l.text.count)))
            if i < right.count { for run in right[i].runs { line.append(run.text, run.style) } }
            return line
        }
    }

    /// Rows available for the help text (title and hint line excluded).
    static func bodyHeight(_ size: TerminalSize) -> Int { max(0, size.height - 2) }

    /// How many lines do not fit (the largest scroll).
    static func overflow(_ state: AppState) -> Int {
        max(0, lines(width: state.size.width, height: state.size.height, unicode: state.session.supportsUnicode).count
            - bodyHeight(state.size))
    }

    /// Draws `help` over the whole terminal.
    static func draw(_ help: HelpOverlay, _ state: AppState, into buffer: inout CellBuffer) {
        let size = state.size
        let theme = Theme(state.session.colorMode)
        let g = state.glyphs
        buffer.put("layermap keys \(g.dash) any key closes", x: 0, y: 0, style: theme.title)
        let lines = lines(width: size.width, height: size.height, unicode: state.session.supportsUnicode)
        let start = min(help.scroll, max(0, lines.count - bodyHeight(size)))
        for i in 0..<bodyHeight(size) where start + i < lines.count {
            lines[start + i].draw(into: &buffer, x: 0, y: 1 + i, width: size.width)
        }
        let more = lines.count - start - bodyHeight(size)
        var hint = "any key closes"
        if more > 0 || start > 0 {
            hint = "j/k:scroll (lines \(start + 1)-\(min(lines.count, start + bodyHeight(size))) of \(lines.count))  any other key closes"
        }
        buffer.fill(x: 0, y: size.height - 1, width: size.width, height: 1, with: Cell(" ", style: theme.hintBar))
        buffer.put(hint, x: 0, y: size.height - 1, style: theme.hintBar)
    }
}
