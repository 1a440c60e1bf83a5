/// How `y` can reach the clipboard in this terminal, decided once at start-up from the
/// environment (`detect`): OSC 52 framed for the terminal (`OSC52.Framing`), or refused with
/// the reason, which `y` then says instead of sending bytes nobody will read.
///
/// What can be known: OSC 52 has no acknowledgement, so a terminal that ignores it cannot be
/// told from one that takes it. What is checked: that standard output is a terminal, that
/// `TERM` is not `dumb`, and inside tmux (`$TMUX` set) the two options that decide whether
/// tmux lets a program's OSC 52 through: `set-clipboard` (`on`: tmux takes it into a paste
/// buffer and forwards it to the outer terminal; `external`, tmux's default, and `off`: tmux
/// drops it) and `allow-passthrough` (`on`/`all`: a wrapped sequence goes to the outer
/// terminal as it is).
public enum ClipboardRoute: Sendable, Equatable {
    /// Send OSC 52 framed so; `via` names the route in the status message (`OSC 52`,
    /// `OSC 52 via tmux`).
    case osc52(OSC52.Framing, via: String)
    /// Do not send: why not, and what would help.
    case refused(String)

    /// A plain terminal's route: bare OSC 52.
    public static let terminal = ClipboardRoute.osc52(.plain, via: "OSC 52")

    /// The route for this environment.
    /// - Parameters:
    ///   - environment: the process's environment (`TERM`, `TMUX`).
    ///   - outputIsTerminal: whether standard output is a terminal.
    ///   - tmuxOption: reads a global tmux option's value (`set-clipboard`,
    ///     `allow-passthrough`), `nil` when tmux cannot be asked or does not know it.
    public static func detect(environment: [String: String], outputIsTerminal: Bool,
                              tmuxOption: (String) -> String?) -> ClipboardRoute {
        guard outputIsTerminal else { return .refused("standard output is not a terminal") }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            return .refused("TERM=\(term.isEmpty ? "(unset)" : term) cannot take OSC 52")
        }
        guard let tmux = environment["TMUX"], !tmux.isEmpty else { return .terminal }
        let setClipboard = tmuxOption("set-clipboard")
        let passthrough = tmuxOption("allow-passthrough")
        if setClipboard == "on" { return .osc52(.plain, via: "OSC 52 via tmux") }
        if passthrough == "on" || passthrough == "all" { return .osc52(.tmuxPassthrough, via: "OSC 52 through tmux") }
        if setClipboard == nil && passthrough == nil {
            // tmux could not be asked: the passthrough is the one form an older tmux also knows.
            return .osc52(.tmuxPassthrough, via: "OSC 52 through tmux")
        }
        return .refused("tmux drops it (set-clipboard \(setClipboard ?? "?")): tmux set -g set-clipboard on")
    }
}

/// What `y` sends: the text and its framed bytes. The loop hands the bytes to the terminal
/// backend (`TerminalBackend.writeControlSequence`), after the frame.
public struct ClipboardCopy: Sendable, Equatable, Hashable {
    public let text: String
    public let bytes: [UInt8]

    public init(text: String, framing: OSC52.Framing) {
        self.text = text
        self.bytes = OSC52.sequence(text, framing: framing)
    }
}
