/// A direct-colour terminfo entry that layermap writes itself when the system has none.
///
/// Terminals that announce `COLORTERM=truecolor` mostly run with `TERM=xterm-256color`, and
/// ncurses only draws 24-bit colour through a `*-direct` entry. Debian ships those in the
/// optional `ncurses-term` package, so they are often missing. This is the source of a
/// small stand-in: `$TERM` itself (`use=`) plus direct colour, written from terminfo(5) and
/// user_caps(5):
///
/// - `RGB`: colour numbers are packed `r << 16 | g << 8 | b` (ncurses then reports direct
///   colour, and `ColorNumbers` packs RGB).
/// - `colors#0x1000000`, `pairs#0x10000`: 2^24 colours, 65536 pairs.
/// - `setaf`/`setab`: numbers below 8 are the ANSI colours (`ESC[3Nm` / `ESC[4Nm`), as
///   in ncurses' own `-direct` entries; the rest send `ESC[38;2;R;G;Bm` / `ESC[48;2;R;G;Bm`.
///   That is the semicolon form `COLORTERM=truecolor` promises and every 24-bit terminal
///   understands (ncurses' own entries use the ITU T.416 colon form, which some terminals,
///   the Linux console among them, do not).
/// - `ccc@, initc@, oc@`: the base entry's palette redefinition is dropped, since colour
///   numbers no longer index a palette.
///
/// Caps listed before `use=` take precedence over the base entry's. `tic` resolves `use=`
/// when compiling, so the compiled entry stands alone. The source text names the cache
/// directory it is compiled into (`fingerprint`), so a changed source is compiled afresh.
public struct DirectTerminfo: Hashable, Sendable {
    /// The entry's name, e.g. `xterm-direct`: what `newterm` is asked for.
    public let name: String
    /// The installed entry it extends (`use=`): `$TERM`, e.g. `xterm-256color`.
    public let base: String

    /// The entry for `term`, named like ncurses' own (`ColorCapability.directVariant`:
    /// `xterm-256color` → `xterm-direct`, `screen*` inside tmux → `tmux-direct`).
    /// `nil` when `term` is missing, already a `-direct` entry, or not a plain terminfo name
    /// (`isPlainName`): it is written into the source and into file names.
    public init?(term: String?, insideTmux: Bool) {
        guard let term, Self.isPlainName(term),
              let name = ColorCapability.directVariant(of: term, insideTmux: insideTmux),
              Self.isPlainName(name) else { return nil }
        self.name = name
        self.base = term
    }

    /// The terminfo source, for `tic -x` (`RGB` is a user-defined capability).
    public var source: String {
        """
        \(name)|\(base) with 24-bit direct colour (written by layermap),
        \tRGB,
        \tcolors#0x1000000, pairs#0x10000,
        \tsetaf=\(Self.setColor(ansi: 3, extended: 38)),
        \tsetab=\(Self.setColor(ansi: 4, extended: 48)),
        \tccc@, initc@, oc@,
        \tuse=\(base),

        """
    }

    /// 16 lowercase hex digits of FNV-1a 64 over `source`: names the cache directory.
    public var fingerprint: String { FNV1a64.hexDigest(of: source) }

    /// A `setaf`/`setab` string: `%p1` (the colour number) below 8 gives
    /// `ESC[<ansi><n>m`; otherwise `ESC[<extended>;2;R;G;Bm` with R = n / 65536,
    /// G = (n / 256) & 255, B = n & 255.
    static func setColor(ansi: Int, extended: Int) -> String {
        let red = "%p1%{65536}%/%d"
        let green = "%p1%{256}%/%{255}%&%d"
        let blue = "%p1%{255}%&%d"
        return "\\E[%?%p1%{8}%<%t\(ansi)%p1%d%e\(extended);2;\(red);\(green);\(blue)%;m"
    }

    /// A name safe to put in terminfo source and in a path: 1–128 characters from
    /// `A–Z a–z 0–9 . _ + -`, not starting with `.` or `-`. Every common `TERM` qualifies;
    /// a hostile one (with `,` `|` `=` `/` or a newline) does not.
    public static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 128,
              first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return name.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
        }
    }
}

/// 64-bit FNV-1a (Fowler–Noll–Vo): `hash = (hash XOR byte) × 0x100000001b3`, starting from
/// `0xcbf29ce484222325`. Stable across runs and platforms, unlike `Hasher`.
enum FNV1a64 {
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }

    /// `hash` of the UTF-8 of `text` as 16 lowercase hex digits.
    static func hexDigest(of text: String) -> String {
        let hex = String(hash(text.utf8), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
