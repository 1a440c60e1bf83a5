/// The characters the UI draws with, in a Unicode set and an ASCII fallback for terminals
/// without UTF-8. Every glyph is one column wide.
public struct Glyphs: Sendable, Equatable {
    /// Five shades from lowest to highest, for cells in monochrome.
    public let shades: [Character]
    /// A cell not computed yet.
    public let pending: Character
    /// A cell whose value is undefined.
    public let undefined: Character
    /// The row's best match.
    public let best: Character
    /// A baseline cell with p ≤ 0.05.
    public let significant: Character
    /// Truncation mark.
    public let ellipsis: Character
    /// Between the two model names: `a × b`.
    public let times: String
    /// Quotes around text the user typed.
    public let openQuote: String
    public let closeQuote: String
    /// Between title parts.
    public let dash: String
    /// The minus sign in formulas (`within − across`).
    public let minus: String
    /// `≤` in `p ≤ 0.05`.
    public let atMost: String
    /// `Δ`, a difference.
    public let delta: String
    /// A full block, for bars.
    public let bar: Character
    /// The hatch over selected cells.
    public let hatch: Character
    /// Cursor brackets around a cell.
    public let cursorLeft: Character
    public let cursorRight: Character

    public static let unicode = Glyphs(
        shades: [" ", "░", "▒", "▓", "█"], pending: "·", undefined: "×", best: "*", significant: "*", ellipsis: "…",
        times: "×", openQuote: "“", closeQuote: "”", dash: "—", minus: "−", atMost: "≤", delta: "Δ", bar: "█", hatch: "░", cursorLeft: "[", cursorRight: "]")

    public static let ascii = Glyphs(
        shades: [" ", ".", ":", "#", "@"], pending: "-", undefined: "x", best: "*", significant: "*", ellipsis: "~",
        times: "x", openQuote: "\"", closeQuote: "\"", dash: "-", minus: "-", atMost: "<=", delta: "diff", bar: "#", hatch: ":", cursorLeft: "[", cursorRight: "]")

    public static func forUnicode(_ supported: Bool) -> Glyphs { supported ? .unicode : .ascii }

    /// The shade glyph for position `t` in 0…1.
    public func shade(_ t: Double) -> Character {
        let i = Int((min(1, max(0, t.isFinite ? t : 0)) * Double(shades.count)).rounded(.down))
        return shades[min(shades.count - 1, i)]
    }
}

extension Key {
    /// How the key is written in the help screen (`long`) or the hint line (short), with
    /// Unicode arrows or ASCII words.
    public func label(unicode: Bool, short: Bool = false) -> String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return (short ? "^" : "Ctrl-") + String(c).uppercased()
        case .up: return unicode ? "↑" : "Up"
        case .down: return unicode ? "↓" : "Down"
        case .left: return unicode ? "←" : "Left"
        case .right: return unicode ? "→" : "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return unicode && short ? "↵" : "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        }
    }
}
