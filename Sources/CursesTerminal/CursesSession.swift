import CNcurses
import Explorer
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How the backend starts.
public struct CursesOptions: Sendable {
    /// `auto`, or a mode forced by the user (`--color`). A forced mode is clamped to what the
    /// terminal can show; `.forced(.monochrome)` never starts colour.
    public var color: ColorPreference
    /// Report clicks and the wheel.
    public var mouse: Bool
    /// Hold stderr back while curses owns the screen and replay it after teardown.
    public var holdStderr: Bool
    /// How long a lone Esc waits for the rest of an escape sequence (`set_escdelay`).
    public var escapeDelayMilliseconds: Int
    /// What SIGINT, SIGTERM and SIGHUP do (see `TerminationPolicy`).
    public var onTerminationSignal: TerminationPolicy
    /// The environment read for `TERM`, `COLORTERM`, `NO_COLOR` and `TMUX`, and for building a
    /// direct-colour entry: the cache location (`LAYERMAP_CACHE_DIR`, `XDG_CACHE_HOME`,
    /// `HOME`) and `PATH` (to find `tic`). `nil` reads the process environment.
    public var environment: [String: String]?

    public init(color: ColorPreference = .auto, mouse: Bool = true, holdStderr: Bool = true,
                escapeDelayMilliseconds: Int = 25, onTerminationSignal: TerminationPolicy = .exit,
                environment: [String: String]? = nil) {
        self.color = color
        self.mouse = mouse
        self.holdStderr = holdStderr
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
        self.onTerminationSignal = onTerminationSignal
        self.environment = environment
    }
}

/// Why the backend could not start.
public enum CursesError: Error, Equatable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped, or CI).
    case notATerminal
    /// Another backend is open in this process.
    case alreadyOpen
    /// ncurses could not start on this terminal type (no terminfo entry).
    case unknownTerminal(String)

    public var description: String {
        switch self {
        case .notATerminal: return "the explorer needs a terminal on stdin and stdout"
        case .alreadyOpen: return "a terminal session is already open"
        case .unknownTerminal(let name): return "unknown terminal type '\(name)' (no terminfo entry)"
        }
    }
}

/// Terminal set-up and teardown, in one place (after htop's `CRT_init` / `CRT_done`).
///
/// Start: claim the process's one session slot → locale → save the shell's termios →
/// `newterm` (when 24-bit colour is wanted: the installed `-direct` entry, else layermap's
/// own build of it, see `DirectTerminfo`; then `TERM`) → input modes (`raw`,
/// `noecho`, `nonl`, `keypad`, `meta`, `ESCDELAY`, non-blocking reads) → cursor off →
/// colours → mouse → hold stderr → arm the signal guard.
/// End (`end()`, idempotent): `endwin` → `delscreen` → replay stderr → disarm → release.
final class CursesSession {
    private(set) var screen: OpaquePointer?
    /// The terminfo entry ncurses runs with (e.g. `xterm-direct`).
    let terminalName: String
    let colorMode: ColorMode
    let numbering: ColorNumbering
    /// `use_default_colors` succeeded: colour -1 is the terminal's own.
    let defaultColors: Bool
    let supportsUnicode: Bool
    /// Usable colour pairs (`COLOR_PAIRS - 1`).
    let pairCapacity: Int
    let mouseEnabled: Bool
    private var stderrCapture: StderrCapture?

    var isOpen: Bool { screen != nil }

    init(options: CursesOptions) throws(CursesError) {
        guard SignalGuard.claim() else { throw .alreadyOpen }
        var claimed = true
        defer { if claimed { SignalGuard.unclaim() } }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }

        _ = setlocale(LC_ALL, "")
        supportsUnicode = Self.localeIsUTF8()

        var shellMode = termios()
        let haveShellMode = tcgetattr(STDIN_FILENO, &shellMode) == 0

        let environment = options.environment ?? Self.processEnvironment()
        let colorEnv = ColorEnvironment(environment)

        // newterm installs SIGINT/SIGTERM/SIGTSTP/SIGWINCH handlers where none were set;
        // snapshot first so closing puts back exactly what the app had.
        SignalGuard.snapshot()
        var started: (OpaquePointer, String)?
        let cache = DirectTerminfoCache(environment: environment)
        for attempt in ColorCapability.startAttempts(options.color, colorEnv, canBuild: cache != nil) {
            switch attempt {
            case .installed(let candidate):
                // nil stands for TERM; name it explicitly so an `environment` override applies.
                let name = candidate ?? colorEnv.term
                if let screen = Self.newScreen(name) { started = (screen, name ?? "unknown") }
            case .built(let entry):
                guard let cache,
                      let directory = DirectTerminfoBuilder.prepare(entry, in: cache, searchPath: environment["PATH"])
                else { continue }
                let screen = TerminfoSearchPath.withDirectoryFirst(directory) { Self.newScreen(entry.name) }
                if let screen { started = (screen, entry.name) }
            }
            if started != nil { break }
        }
        guard let (screen, name) = started else { throw .unknownTerminal(colorEnv.term ?? "") }
        _ = set_term(screen)
        self.screen = screen
        terminalName = name

        let window = lm_stdscr()
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = meta(window, true)
        _ = intrflush(window, false)
        _ = set_escdelay(Int32(clamping: max(0, options.escapeDelayMilliseconds)))
        wtimeout(window, 0)  // reads never block: nextEvent waits in poll()
        _ = curs_set(0)

        var defaults = false
        if ColorCapability.wantsColor(options.color, colorEnv) && has_colors() {
            _ = start_color()
            defaults = use_default_colors() == lm_ok()
        }
        let facts = TerminfoColorFacts(hasColors: has_colors(), colors: Int(lm_colors()),
                                       rgbFlag: "RGB".withCString { tigetflag($0) } > 0)
        colorMode = ColorCapability.mode(options.color, colorEnv, facts: facts)
        numbering = ColorNumbering.forMode(colorMode, directEntry: facts.isDirect)
        defaultColors = defaults
        pairCapacity = colorMode.hasColor ? max(0, Int(lm_color_pairs()) - 1) : 0

        mouseEnabled = options.mouse && mousemask(MouseDecoder.wantedMask, nil) != 0
        if mouseEnabled { _ = mouseinterval(0) }

        _ = werase(window)
        _ = wrefresh(window)

        if options.holdStderr { stderrCapture = StderrCapture() }
        let reset = SignalGuard.resetSequence(mouseEnabled: mouseEnabled)
        _ = SignalGuard.arm(shellMode: haveShellMode ? shellMode : nil, reset: reset,
                            realStderr: stderrCapture?.savedDescriptor ?? -1,
                            capturedStderr: stderrCapture?.fileDescriptor ?? -1)
        claimed = false
    }

    /// Restores the terminal and replays held-back stderr. Safe to call twice.
    func end() {
        guard let screen else { return }
        self.screen = nil
        _ = endwin()
        delscreen(screen)
        SignalGuard.forgetStderr()
        if let capture = stderrCapture.take() { capture.finish() }
        SignalGuard.disarm()
        SignalGuard.unclaim()
    }

    deinit { end() }

    /// `newterm` on stdout/stdin for the entry `name` (`nil`: ncurses reads `TERM`).
    private static func newScreen(_ name: String?) -> OpaquePointer? {
        guard let name else { return newterm(nil, lm_stdout(), lm_stdin()) }
        return name.withCString { newterm($0, lm_stdout(), lm_stdin()) }
    }

    /// Whether the locale's codeset (after `setlocale(LC_ALL, "")`) is UTF-8.
    static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        return isUTF8Codeset(String(cString: codeset))
    }

    /// `UTF-8`, `utf8` and the like.
    static func isUTF8Codeset(_ name: String) -> Bool {
        let n = name.lowercased().filter { $0 != "-" && $0 != "_" }
        return n == "utf8"
    }

    private static func processEnvironment() -> [String: String] {
        var out: [String: String] = [:]
        for key in ["TERM", "COLORTERM", "NO_COLOR", "TMUX",
                    "LAYERMAP_CACHE_DIR", "XDG_CACHE_HOME", "HOME", "PATH"] {
            if let v = getenv(key) { out[key] = String(cString: v) }
        }
        return out
    }
}
