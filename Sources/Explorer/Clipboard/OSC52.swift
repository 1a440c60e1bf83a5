import Foundation

/// The bytes that ask a terminal to put text on the system clipboard: OSC 52,
/// `ESC ] 52 ; c ; <base64 of the UTF-8 text> BEL` (xterm's "Manipulate Selection Data",
/// selection `c` = the clipboard). There is no reply: a terminal that ignores the sequence
/// says nothing, so the explorer can only say what it sent (`ClipboardRoute`).
///
/// Inside tmux the sequence either goes to tmux itself (which keeps it as a paste buffer and
/// passes it on to the outer terminal when `set-clipboard` is `on`), or is wrapped in tmux's
/// passthrough DCS so tmux hands it to the outer terminal untouched (needs
/// `allow-passthrough on`): `ESC P tmux; <the sequence, every ESC doubled> ESC \`.
public enum OSC52 {
    /// The largest encoded sequence sent: terminals cap OSC 52 (xterm and tmux near 100 kB
    /// by default; some far less), and a longer one is dropped without a word.
    public static let maxSequenceBytes = 100_000

    /// How the sequence is framed for the terminal it goes to.
    public enum Framing: String, Sendable, Equatable {
        /// The bare sequence: a terminal, or tmux with `set-clipboard on`.
        case plain
        /// Wrapped in tmux's passthrough DCS, for the terminal outside tmux.
        case tmuxPassthrough
    }

    /// `ESC ] 52 ; c ; base64(text) BEL`, framed.
    public static func sequence(_ text: String, framing: Framing) -> [UInt8] {
        let inner = Array("\u{1B}]52;c;".utf8) + Array(Data(text.utf8).base64EncodedString().utf8) + [0x07]
        switch framing {
        case .plain:
            return inner
        case .tmuxPassthrough:
            // Every ESC inside the passthrough is doubled; the DCS ends with ST (ESC \).
            return Array("\u{1B}Ptmux;".utf8) + inner.flatMap { $0 == 0x1B ? [0x1B, 0x1B] : [$0] } + [0x1B, 0x5C]
        }
    }
}
