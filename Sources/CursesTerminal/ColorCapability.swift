import Explorer

/// What the user asked for: let the terminal decide, or force a mode
/// (the app's `--color auto|truecolor|256|16|8|none`).
public enum ColorPreference: Hashable, Sendable {
    case auto
    case forced(ColorMode)

    /// Parses the `--color` spellings: `auto`, `truecolor` (or `24bit`), `256`, `16`, `8`,
    /// `none` (or `mono`, `monochrome`). `nil` for anything else.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "truecolor", "24bit", "direct": self = .forced(.trueColor)
        case "256": self = .forced(.palette256)
        case "16": self = .forced(.palette16)
        case "8": self = .forced(.palette8)
        case "none", "mono", "monochrome": self = .forced(.monochrome)
        default: return nil
        }
    }
}

/// The environment variables colour detection looks at, captured once so detection is a
/// pure function (tests pass them in; the backend reads the process environment).
public struct ColorEnvironment: Hashable, Sendable {
    /// `TERM`: the terminfo entry name.
    public var term: String?
    /// `COLORTERM`: `truecolor` or `24bit` when the emulator accepts 24-bit SGR.
    public var colorTerm: String?
    /// `NO_COLOR`: any non-empty value asks for no colour (no-color.org).
    public var noColor: String?
    /// `TMUX`: set inside tmux, where `TERM=screen*` still means tmux.
    public var tmux: String?

    public init(term: String? = nil, colorTerm: String? = nil, noColor: String? = nil, tmux: String? = nil) {
        self.term = term; self.colorTerm = colorTerm; self.noColor = noColor; self.tmux = tmux
    }

    public init(_ environment: [String: String]) {
        self.init(term: environment["TERM"], colorTerm: environment["COLORTERM"],
                  noColor: environment["NO_COLOR"], tmux: environment["TMUX"])
    }

    /// `NO_COLOR` is present and non-empty.
    public var asksForNoColor: Bool { !(noColor ?? "").isEmpty }

    /// `COLORTERM` announces 24-bit colour.
    public var announcesTrueColor: Bool {
        switch colorTerm?.lowercased() {
        case "truecolor", "24bit": return true
        default: return false
        }
    }
}

/// What ncurses reports about the terminfo entry after it started.
public struct TerminfoColorFacts: Hashable, Sendable {
    /// `has_colors()`.
    public var hasColors: Bool
    /// `COLORS` (2^24 for direct-colour entries).
    public var colors: Int
    /// `tigetflag("RGB") > 0`: the entry is a direct-colour one.
    public var rgbFlag: Bool

    public init(hasColors: Bool, colors: Int, rgbFlag: Bool) {
        self.hasColors = hasColors; self.colors = colors; self.rgbFlag = rgbFlag
    }

    /// Direct colour: colour numbers are packed RGB.
    public var isDirect: Bool { hasColors && (rgbFlag || colors >= 1 << 24) }

    /// The richest mode the entry supports.
    public var capability: ColorMode {
        guard hasColors else { return .monochrome }
        if isDirect { return .trueColor }
        if colors >= 256 { return .palette256 }
        if colors >= 16 { return .palette16 }
        if colors >= 8 { return .palette8 }
        return .monochrome
    }
}

/// Colour-mode detection, in two pure steps around starting ncurses:
/// 1. `terminalCandidates`: which terminfo entries to try with `newterm`, in order. When
///    24-bit colour is wanted and `TERM` is not a direct-colour entry, the matching
///    `-direct` entry (`xterm-256color` → `xterm-direct`) comes first; if terminfo lacks it,
///    `newterm` fails and the plain `TERM` is used. `startAttempts` (in
///    `TerminalAttempt.swift`) adds layermap's own build of the `-direct` entry between
///    the two.
/// 2. `mode`: the mode to draw in, from what the started entry reports.
public enum ColorCapability {
    /// Whether to call `start_color` at all: not for `--color none`, nor for `NO_COLOR`
    /// unless a mode was forced (a command-line flag overrides the environment).
    public static func wantsColor(_ preference: ColorPreference, _ env: ColorEnvironment) -> Bool {
        switch preference {
        case .forced(let mode): return mode.hasColor
        case .auto: return !env.asksForNoColor
        }
    }

    /// Whether to look for a direct-colour terminfo entry.
    public static func wantsTrueColor(_ preference: ColorPreference, _ env: ColorEnvironment) -> Bool {
        switch preference {
        case .forced(let mode): return mode == .trueColor
        case .auto: return !env.asksForNoColor && env.announcesTrueColor
        }
    }

    /// The `-direct` terminfo name matching `term`: its first dash-separated part plus
    /// `-direct` (`xterm-256color` → `xterm-direct`, `tmux-256color` → `tmux-direct`).
    /// Inside tmux, `screen*` maps to `tmux-direct`. `nil` if `term` is empty or already direct.
    public static func directVariant(of term: String?, insideTmux: Bool = false) -> String? {
        guard let term, !term.isEmpty, !term.hasSuffix("-direct") else { return nil }
        let base = term.split(separator: "-", maxSplits: 1).first.map(String.init) ?? term
        if base == "screen" && insideTmux { return "tmux-direct" }
        return base + "-direct"
    }

    /// The terminfo names to try with `newterm`, in order. `nil` stands for `TERM` as is
    /// (ncurses reads it from the environment).
    public static func terminalCandidates(_ preference: ColorPreference, _ env: ColorEnvironment) -> [String?] {
        if wantsTrueColor(preference, env),
           let direct = directVariant(of: env.term, insideTmux: !(env.tmux ?? "").isEmpty) {
            return [direct, nil]
        }
        return [nil]
    }

    /// The mode to draw in. `auto` takes the entry's capability (so a `*-direct` TERM gives
    /// true colour without `COLORTERM`); a forced mode is clamped to it (ncurses refuses
    /// colour numbers beyond `COLORS`), and `none` is always honoured.
    public static func mode(_ preference: ColorPreference, _ env: ColorEnvironment, facts: TerminfoColorFacts) -> ColorMode {
        guard wantsColor(preference, env) else { return .monochrome }
        let capability = facts.capability
        switch preference {
        case .auto: return capability
        case .forced(let wanted): return wanted.rank <= capability.rank ? wanted : capability
        }
    }
}

extension ColorMode {
    /// Richness order: monochrome 0 … trueColor 4.
    var rank: Int {
        switch self {
        case .monochrome: return 0
        case .palette8: return 1
        case .palette16: return 2
        case .palette256: return 3
        case .trueColor: return 4
        }
    }
}
