/// A colour as the terminal will show it, already chosen for the terminal's `ColorMode`.
///
/// `render` produces these (quantising its RGB scales with `ColorMode.quantize`), so a frame
/// is fully determined by the state and the mode, and tests can compare colours exactly.
public enum TermColor: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the terminal's palette colours: 0–7 basic, 8–15 bright, 16–255 the xterm cube
    /// and grey ramp.
    case indexed(UInt8)
    /// A 24-bit colour, for terminals in direct-colour mode.
    case rgb(UInt8, UInt8, UInt8)
}

/// What colours the terminal can show. Chosen once at start-up by the backend
/// (from terminfo, `COLORTERM` and `NO_COLOR`).
public enum ColorMode: String, Sendable, Hashable, CaseIterable {
    /// 24-bit colour (ncurses direct-colour mode).
    case trueColor
    /// The xterm 256-colour palette.
    case palette256
    /// 16 colours (8 basic + 8 bright).
    case palette16
    /// 8 basic colours.
    case palette8
    /// No colour: values are drawn with shade glyphs (` ░▒▓█`).
    case monochrome

    /// Whether cells can carry colour at all.
    public var hasColor: Bool { self != .monochrome }
}

/// The style of one screen cell.
public struct Style: Hashable, Sendable {
    public var foreground: TermColor
    public var background: TermColor
    public var attributes: Attributes

    public init(foreground: TermColor = .default, background: TermColor = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    /// Text attributes a terminal can show without colour.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let reverse = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
    }
}
