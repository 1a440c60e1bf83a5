/// Text from files (layer and model names, reasons quoting them) made safe to print to a
/// terminal: every control character — C0 (including ESC, CR, LF, TAB), DEL and C1 — is shown
/// as a visible escape (`\e`, `\n`, `\t`, `\r`, else `\xHH` / `\u{HHHH}`), so a name cannot move
/// the cursor, clear the screen, set the title (OSC) or break a line. Other characters pass.
public enum TerminalText {
    public static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            guard isControl(u) else { out.unicodeScalars.append(u); continue }
            switch u.value {
            case 0x1B: out += "\\e"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case let v where v < 0x100:
                let hex = String(v, radix: 16, uppercase: true)
                out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            default: out += "\\u{\(String(u.value, radix: 16, uppercase: true))}"
            }
        }
        return out
    }

    /// C0, DEL, C1, and the line/paragraph separators some terminals honour.
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }
}
