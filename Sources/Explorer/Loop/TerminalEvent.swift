/// A key press, decoded by the backend into names the key table uses.
public enum Key: Hashable, Sendable {
    case character(Character)
    /// Ctrl plus a letter, lower-case (Ctrl-L is `.control("l")`).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

/// A mouse event in screen cells.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case press, release, wheelUp, wheelDown }
    public let kind: Kind
    public let x: Int
    public let y: Int
    public init(kind: Kind, x: Int, y: Int) {
        self.kind = kind; self.x = x; self.y = y
    }
}

/// The terminal's size in cells.
public struct TerminalSize: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public init(width: Int, height: Int) {
        self.width = width; self.height = height
    }
}

/// What the terminal reports.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(TerminalSize)
}

/// The only contract between the UI and a real terminal. Implemented by the ncurses
/// backend and by the fake terminal the headless tests drive. Deliberately not `Sendable`:
/// a terminal is used from one thread only.
public protocol TerminalBackend: AnyObject {
    /// The current size.
    var size: TerminalSize { get }
    /// The colour capability chosen at start-up.
    var colorMode: ColorMode { get }
    /// Whether box-drawing and block glyphs can be shown (false: ASCII fallbacks).
    var supportsUnicode: Bool { get }
    /// Waits up to `timeoutMilliseconds` for the next event; `nil` on timeout.
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Writes changed cells; they appear on `present()`.
    func draw(_ changes: [CellChange])
    /// Clears the physical screen (after a shrink or on Ctrl-L); the next draw is complete.
    func clearScreen()
    /// Makes everything drawn so far visible.
    func present()
    /// Writes bytes to the terminal as they are, after `present()` (an OSC 52 clipboard
    /// request): not cells, and not drawn by the screen's diff.
    func writeControlSequence(_ bytes: [UInt8])
}
