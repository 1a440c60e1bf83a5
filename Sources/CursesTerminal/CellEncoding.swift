import CNcurses
import Explorer

/// Turns a `Cell`'s character and attributes into what `setcchar` takes.
enum CellEncoding {
    /// The cell's character as a NUL-terminated wide string: its scalars (a spacing one, then
    /// combining ones), at most `maxScalars`. A control character would print as `^X` and
    /// take two columns, so it becomes a space; without a UTF-8 locale, non-ASCII becomes `?`.
    static func wideCharacters(_ character: Character, unicode: Bool, maxScalars: Int) -> [wchar_t] {
        var out: [wchar_t] = []
        for scalar in character.unicodeScalars.prefix(max(1, maxScalars)) {
            var v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) { v = 0x20 }
            if !unicode && v > 0x7E { v = 0x3F }
            out.append(wchar_t(bitPattern: v))
            if !unicode { break }
        }
        if out.isEmpty { out.append(0x20) }
        out.append(0)
        return out
    }

    /// The curses attributes for `attributes`.
    static func attributes(_ attributes: Style.Attributes) -> attr_t {
        var a = lm_a_normal()
        if attributes.contains(.bold) { a |= lm_a_bold() }
        if attributes.contains(.dim) { a |= lm_a_dim() }
        if attributes.contains(.reverse) { a |= lm_a_reverse() }
        if attributes.contains(.underline) { a |= lm_a_underline() }
        return a
    }
}
