import CNcurses
import Explorer

/// One result of `get_wch`: a character (`OK`) or a function-key code (`KEY_CODE_YES`).
public enum RawInput: Hashable, Sendable {
    case character(UInt32)
    case keyCode(Int32)
}

/// What a raw input means to the backend.
public enum DecodedInput: Hashable, Sendable {
    case key(Key)
    /// `KEY_RESIZE`: read the new `LINES`/`COLS`.
    case resize
    /// `KEY_MOUSE`: call `getmouse`.
    case mouse
    /// Nothing the UI uses (an unmapped function key, a stray control character).
    case ignored
}

/// Maps `get_wch` results to `Key`s. Pure: tested without a terminal.
public enum KeyDecoder {
    /// Decodes one raw input.
    ///
    /// Characters: `\r`, `\n` → enter; 9 → tab; 8 and 127 → backspace; 27 → escape;
    /// 1–26 otherwise → `.control("a")`…`.control("z")`; 28–31 → `.control` of `\ ] ^ _`;
    /// other C0/C1 controls → ignored; everything else → `.character`.
    /// Key codes: arrows, PgUp/PgDn, Home/End (also Find/Select and the keypad corners),
    /// KEY_ENTER, KEY_BTAB, KEY_BACKSPACE, KEY_DC, F1–F63, KEY_RESIZE, KEY_MOUSE.
    public static func decode(_ input: RawInput) -> DecodedInput {
        switch input {
        case .character(let c): return decodeCharacter(c)
        case .keyCode(let code): return decodeKeyCode(code)
        }
    }

    static func decodeCharacter(_ c: UInt32) -> DecodedInput {
        switch c {
        case 13, 10: return .key(.enter)
        case 9: return .key(.tab)
        case 8, 127: return .key(.backspace)
        case 27: return .key(.escape)
        case 1...26: return .key(.control(Character(Unicode.Scalar(UInt8(c) + 96))))
        case 28: return .key(.control("\\"))
        case 29: return .key(.control("]"))
        case 30: return .key(.control("^"))
        case 31: return .key(.control("_"))
        case 0, 128...159: return .ignored
        default:
            guard let scalar = Unicode.Scalar(c) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    static func decodeKeyCode(_ code: Int32) -> DecodedInput {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE, KEY_A3: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3: return .key(.pageDown)
        case KEY_HOME, KEY_FIND, KEY_A1: return .key(.home)
        case KEY_END, KEY_SELECT, KEY_LL, KEY_C1: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .key(.function(Int(code - KEY_F0)))
        case lm_key_resize(): return .resize
        case lm_key_mouse(): return .mouse
        default: return .ignored
        }
    }

    /// What an escape turned out to be, given the input that was already waiting right
    /// after it (read without waiting).
    public enum EscapeOutcome: Hashable, Sendable {
        /// Nothing followed: a lone Esc.
        case escape
        /// Esc, and the following input is a separate event (another Esc, a resize, a mouse
        /// report): decode it next.
        case escapeThenDecode(RawInput)
        /// `ESC [` or `ESC O`: an escape sequence terminfo doesn't describe (tmux's
        /// `ESC [ 1 ~` for Home under `TERM=xterm-256color`, say). Read it to its end with
        /// `EscapeSequence`, so its tail never arrives as typed characters.
        case sequence(EscapeSequence)
        /// Esc glued to a key within `ESCDELAY`: Alt plus that key. `Key` has no Alt case,
        /// so both are dropped rather than read as Esc (which goes back) and the key.
        case altChord
    }

    /// Classifies an Esc by the input already waiting after it.
    public static func resolveEscape(followedBy next: RawInput?) -> EscapeOutcome {
        guard let next else { return .escape }
        if case .character(let c) = next, let sequence = EscapeSequence(introducer: c) {
            return .sequence(sequence)
        }
        switch decode(next) {
        case .key(.escape), .resize, .mouse: return .escapeThenDecode(next)
        default: return .altChord
        }
    }
}

/// An escape sequence read byte by byte after `ESC [` (CSI) or `ESC O` (SS3), for the keys
/// terminfo didn't announce. CSI is parameter bytes `0x30–0x3F`, intermediate bytes
/// `0x20–0x2F`, then one final byte `0x40–0x7E`; SS3 is one final byte.
public struct EscapeSequence: Hashable, Sendable {
    /// `[` or `O`.
    public let introducer: Character
    public private(set) var body: String = ""
    public private(set) var isComplete = false

    /// The longest body read before giving up on a runaway sequence.
    public static let maxLength = 16

    public init?(introducer c: UInt32) {
        switch c {
        case 0x5B: introducer = "["
        case 0x4F: introducer = "O"
        default: return nil
        }
    }

    /// Feeds the next character. Returns `false` when it cannot belong to the sequence (the
    /// sequence is then abandoned; the character is consumed with it).
    public mutating func feed(_ c: UInt32) -> Bool {
        guard !isComplete, body.count < Self.maxLength, let scalar = Unicode.Scalar(c) else { return false }
        switch (introducer, c) {
        case ("O", 0x40...0x7E), ("[", 0x40...0x7E):
            body.unicodeScalars.append(scalar)
            isComplete = true
            return true
        case ("[", 0x20...0x3F):
            body.unicodeScalars.append(scalar)
            return true
        default:
            return false
        }
    }

    /// The key a complete sequence stands for, from the xterm/VT220 conventions:
    /// `A B C D` arrows, `H F` Home/End (CSI or SS3); `~` with 1/7 Home, 4/8 End, 3 Delete,
    /// 5/6 PgUp/PgDn, 11–15 and 17–21, 23, 24 F1–F12; SS3 `P Q R S` F1–F4. Sequences with
    /// modifiers (`1;5A`) and anything else are ignored.
    public var key: Key? {
        guard isComplete, let final = body.last else { return nil }
        let parameters = String(body.dropLast())
        switch final {
        case "A" where parameters.isEmpty: return .up
        case "B" where parameters.isEmpty: return .down
        case "C" where parameters.isEmpty: return .right
        case "D" where parameters.isEmpty: return .left
        case "H" where parameters.isEmpty: return .home
        case "F" where parameters.isEmpty: return .end
        case "Z" where introducer == "[" && parameters.isEmpty: return .backTab
        case "P", "Q", "R", "S":
            guard introducer == "O", parameters.isEmpty else { return nil }
            return .function(Int(final.asciiValue! - Character("P").asciiValue!) + 1)
        case "~" where introducer == "[":
            switch Int(parameters) {
            case 1, 7: return .home
            case 4, 8: return .end
            case 3: return .delete
            case 5: return .pageUp
            case 6: return .pageDown
            case let n? where (11...15).contains(n): return .function(n - 10)
            case let n? where (17...21).contains(n): return .function(n - 11)
            case 23: return .function(11)
            case 24: return .function(12)
            default: return nil
            }
        default:
            return nil
        }
    }
}
