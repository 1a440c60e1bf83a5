/// Fitting text into a number of columns (every character is one column wide).
public enum TextFit {
    /// `text` cut to `width` columns with `ellipsis` at the end when it is longer.
    public static func truncate(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(text.prefix(width - 1)) + String(ellipsis)
    }

    /// `text` cut at the start, keeping its end, with `ellipsis` first when it is longer
    /// (`…layer.*.output`: the end of a name pattern is next to the names it stands over).
    public static func truncateStart(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return String(ellipsis) + String(text.suffix(width - 1))
    }

    /// `text` cut in the middle, keeping its start and its end, which tell layer names
    /// apart (`features.…conv2`, `layer1.0.…2`).
    public static func truncateMiddle(_ text: String, to width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        if width < 4 { return truncate(text, to: width, ellipsis: ellipsis) }
        let tail = (width - 1) / 2
        let head = width - 1 - tail
        return String(text.prefix(head)) + String(ellipsis) + String(text.suffix(tail))
    }

    /// `text` broken at spaces into lines of at most `width` columns (a word longer than
    /// the width is cut). Never empty: an empty text gives one empty line.
    public static func wrap(_ text: String, to width: Int) -> [String] {
        let w = max(1, width)
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            if line.isEmpty {
                while word.count > w { lines.append(String(word.prefix(w))); word = String(word.dropFirst(w)) }
                line = word
            } else if line.count + 1 + word.count <= w {
                line += " " + word
            } else {
                lines.append(line)
                while word.count > w { lines.append(String(word.prefix(w))); word = String(word.dropFirst(w)) }
                line = word
            }
        }
        lines.append(line)
        return lines
    }

    /// `text` padded with spaces on the left to `width` (never cut).
    public static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` padded with spaces on the right to `width` (never cut).
    public static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
