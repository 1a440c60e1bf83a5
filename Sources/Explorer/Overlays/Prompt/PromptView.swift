import LayerIO

/// The prompt's view, in the status bar's bottom two lines: the label and the text with a
/// reverse-video cursor on the hint line (the end of a long text, where typing happens),
/// and the prompt's keys (with the export formats) on the line above when no message is
/// shown.
enum PromptView {
    /// The label, the text and the cursor on row `y`, `width` columns.
    static func draw(_ p: Prompt, y: Int, width: Int, theme: Theme, ellipsis: Character, into buffer: inout CellBuffer) {
        let x = buffer.put(p.label, x: 0, y: y, style: theme.title)
        let room = width - x - 1
        let shown = p.text.count > room ? String(ellipsis) + String(p.text.suffix(max(0, room - 1))) : p.text
        let end = buffer.put(shown, x: x, y: y)
        buffer[end, y] = Cell(" ", style: Style(attributes: .reverse))
    }

    /// `↵:confirm  Esc:cancel  ^U:clear`, and for an export the formats it can write.
    static func keysText(_ p: Prompt, unicode: Bool, theme: Theme) -> (String, Style) {
        let keys = KeyMap.standard.hints(for: .prompt, width: 40, unicode: unicode)
        return (p.kind == .export ? keys + "  formats: \(ExportFormat.listed)" : keys, theme.dim)
    }
}
