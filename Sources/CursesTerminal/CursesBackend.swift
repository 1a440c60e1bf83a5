import CNcurses
import Explorer
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The ncurses terminal: `TerminalBackend` over ncursesw's wide-character API.
///
/// One instance owns the terminal from `init` to `close()` (or deinit); a second one cannot
/// open meanwhile. It is deliberately not `Sendable`: only one thread may call ncurses.
///
/// ```swift
/// let terminal = try CursesBackend(options: CursesOptions(color: .forced(.palette256)))
/// defer { terminal.close() }
/// ```
///
/// Signals: see `TerminationPolicy`. With the default `.exit`, SIGINT/SIGTERM/SIGHUP make
/// `nextEvent` restore the terminal and exit with 128 + signal; with `.report`, `nextEvent`
/// returns `nil` and `terminationSignal` tells the loop to clean up and quit. Crashes and
/// `exit()` restore the terminal from the C guard.
public final class CursesBackend: TerminalBackend {
    private let session: CursesSession
    private let policy: TerminationPolicy
    private var pairs: ScreenPairs
    private var pendingInput: [RawInput] = []
    private var lastSize: TerminalSize
    private let maxScalarsPerCell: Int

    /// The colour capability chosen at start-up (after `--color` and clamping).
    public var colorMode: ColorMode { session.colorMode }
    /// The locale's codeset is UTF-8.
    public var supportsUnicode: Bool { session.supportsUnicode }
    /// The terminfo entry in use, e.g. `xterm-direct` when 24-bit colour was found.
    public var terminalName: String { session.terminalName }
    /// Whether clicks and the wheel are reported.
    public var mouseEnabled: Bool { session.mouseEnabled }
    /// The SIGINT/SIGTERM/SIGHUP received, with `TerminationPolicy.report` (also set for a
    /// hang-up seen on stdin). The loop should `close()` and exit with 128 + this.
    public private(set) var terminationSignal: Int32?

    /// Takes over the terminal. Throws `CursesError` when stdin/stdout is not a terminal,
    /// another backend is open, or ncurses doesn't know the terminal type.
    public init(options: CursesOptions = CursesOptions()) throws(CursesError) {
        session = try CursesSession(options: options)
        policy = options.onTerminationSignal
        lastSize = TerminalSize(width: Int(lm_cols()), height: Int(lm_lines()))
        pairs = ScreenPairs(capacity: session.pairCapacity, width: lastSize.width, height: lastSize.height)
        maxScalarsPerCell = Int(lm_ccharw_max())
    }

    deinit { close() }

    /// Gives the terminal back (`endwin`) and replays held-back stderr. Idempotent; later
    /// calls to the other methods do nothing.
    public func close() { session.end() }

    public var size: TerminalSize {
        guard session.isOpen else { return lastSize }
        return TerminalSize(width: Int(lm_cols()), height: Int(lm_lines()))
    }

    // MARK: Input

    /// Waits up to `timeoutMilliseconds` for a key, click, wheel step or resize.
    ///
    /// Waiting happens in `poll()` on stdin and the signal guard's self-pipe, so a
    /// termination signal wakes it at once; ncurses reads never block (`timeout(0)`), and
    /// input ncurses already buffered is taken first.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard session.isOpen, terminationSignal == nil else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMilliseconds)))
        while true {
            if let signal = SignalGuard.pendingSignal() { return terminate(signal) }
            while let raw = readRaw() {
                if let event = interpret(raw) { return event }
            }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return nil }
            let ms = Int32(clamping: remaining.components.seconds * 1000
                + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: SignalGuard.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            let rc = poll(&fds, nfds_t(fds.count), ms)
            if rc < 0 && errno != EINTR { return nil }
            if rc > 0 && fds[0].revents & Int16(POLLIN) == 0
                && fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                return terminate(SIGHUP)  // the terminal went away
            }
            // EINTR (SIGWINCH: ncurses queues KEY_RESIZE), input, or the self-pipe: loop.
        }
    }

    /// One `wget_wch` result, or `nil` when nothing is waiting.
    private func readRaw() -> RawInput? {
        if !pendingInput.isEmpty { return pendingInput.removeFirst() }
        var ch: wint_t = 0
        let rc = wget_wch(lm_stdscr(), &ch)
        if rc == lm_ok() { return .character(UInt32(ch)) }
        if rc == lm_key_code_yes() { return .keyCode(Int32(bitPattern: UInt32(ch))) }
        return nil
    }

    private func interpret(_ raw: RawInput) -> TerminalEvent? {
        switch KeyDecoder.decode(raw) {
        case .key(.escape):
            switch KeyDecoder.resolveEscape(followedBy: readRaw()) {
            case .escape: return .key(.escape)
            case .escapeThenDecode(let next):
                pendingInput.insert(next, at: 0)
                return .key(.escape)
            case .altChord: return nil
            case .sequence(var sequence):
                // The rest arrived with the introducer (a terminal writes a sequence at once).
                while !sequence.isComplete, let next = readRaw() {
                    guard case .character(let c) = next else {
                        pendingInput.insert(next, at: 0)  // a resize or mouse report: keep it
                        break
                    }
                    guard sequence.feed(c) else { break }
                }
                return sequence.key.map { .key($0) }
            }
        case .key(let key):
            return .key(key)
        case .resize:
            let now = size
            lastSize = now
            pairs.resize(width: now.width, height: now.height)
            return .resize(now)
        case .mouse:
            var event = MEVENT()
            guard getmouse(&event) == lm_ok() else { return nil }
            return MouseDecoder.decode(state: event.bstate, x: Int(event.x), y: Int(event.y)).map { .mouse($0) }
        case .ignored:
            return nil
        }
    }

    private func terminate(_ signal: Int32) -> TerminalEvent? {
        terminationSignal = signal
        if policy == .exit {
            close()
            exit(128 + signal)
        }
        return nil
    }

    // MARK: Output

    /// Writes changed cells into curses' screen; they appear on `present()`. Cells outside
    /// the current size are skipped.
    public func draw(_ changes: [CellChange]) {
        guard session.isOpen else { return }
        let width = Int(lm_cols()), height = Int(lm_lines())
        if width != pairs.width || height != pairs.height { pairs.resize(width: width, height: height) }
        let numbering = session.numbering
        for change in changes where change.x >= 0 && change.y >= 0 && change.x < width && change.y < height {
            let style = change.cell.style
            var pair: Int32 = 0
            if numbering != .none {
                let key = ColorPairKey(
                    foreground: ColorNumbers.number(for: style.foreground, numbering: numbering,
                                                    defaultColors: session.defaultColors, foreground: true),
                    background: ColorNumbers.number(for: style.background, numbering: numbering,
                                                    defaultColors: session.defaultColors, foreground: false))
                let placed = pairs.place(key, x: change.x, y: change.y)
                if placed.define { _ = init_extended_pair(placed.pair, key.foreground, key.background) }
                pair = placed.pair
            }
            let attrs = CellEncoding.attributes(style.attributes)
            let text = CellEncoding.wideCharacters(change.cell.character, unicode: session.supportsUnicode,
                                                   maxScalars: maxScalarsPerCell)
            let rc = text.withUnsafeBufferPointer { lm_put_cell(Int32(change.y), Int32(change.x), $0.baseAddress, attrs, pair) }
            if rc == -2 {
                let fallback: [wchar_t] = [0x3F, 0]
                _ = fallback.withUnsafeBufferPointer { lm_put_cell(Int32(change.y), Int32(change.x), $0.baseAddress, attrs, pair) }
            }
        }
    }

    /// Clears the physical screen on the next `present()` (`wclear`: erase plus `clearok`).
    public func clearScreen() {
        guard session.isOpen else { return }
        _ = wclear(lm_stdscr())
        pairs.clearAll()
    }

    /// Shows everything drawn so far (`wnoutrefresh` + `doupdate`).
    public func present() {
        guard session.isOpen else { return }
        _ = wnoutrefresh(lm_stdscr())
        _ = doupdate()
    }

    /// Writes `bytes` straight to the terminal after curses' output (flushed first), so a
    /// control sequence such as OSC 52 never lands inside a half-drawn frame. Short writes
    /// are retried; an error stops the write (nothing on screen depends on it).
    public func writeControlSequence(_ bytes: [UInt8]) {
        guard session.isOpen, !bytes.isEmpty else { return }
        _ = fflush(lm_stdout())
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// Only one thread may call ncurses: keep the backend out of `Sendable` contexts for good.
@available(*, unavailable)
extension CursesBackend: Sendable {}
