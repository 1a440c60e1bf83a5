/// One way to start ncurses. `CursesSession` tries `ColorCapability.startAttempts` in
/// order until `newterm` succeeds.
public enum TerminalAttempt: Hashable, Sendable {
    /// `newterm(name)` with the terminfo database as it is; `nil` stands for `$TERM`.
    case installed(String?)
    /// `newterm(entry.name)` with layermap's own build of `entry` (compiled into the cache
    /// first if needed) searched before the rest of terminfo.
    case built(DirectTerminfo)
}

extension ColorCapability {
    /// The attempts, in order. When 24-bit colour is wanted and `TERM` is not direct:
    /// the installed `-direct` entry, then (when `canBuild`: a cache location is known)
    /// layermap's build of it, then `TERM` as is. Otherwise just `TERM`.
    ///
    /// `TERM=xterm-256color COLORTERM=truecolor` → `xterm-direct` from terminfo, else
    /// `xterm-direct` built as `use=xterm-256color` plus direct colour, else
    /// `xterm-256color`.
    public static func startAttempts(_ preference: ColorPreference, _ env: ColorEnvironment,
                                     canBuild: Bool) -> [TerminalAttempt] {
        var attempts: [TerminalAttempt] = []
        for candidate in terminalCandidates(preference, env) {
            attempts.append(.installed(candidate))
            if candidate != nil, canBuild,
               let entry = DirectTerminfo(term: env.term, insideTmux: !(env.tmux ?? "").isEmpty),
               entry.name == candidate {
                attempts.append(.built(entry))
            }
        }
        return attempts
    }
}
