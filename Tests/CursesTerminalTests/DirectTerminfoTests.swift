import Testing
@testable import CursesTerminal

@Suite("The direct-colour entry layermap writes")
struct DirectTerminfoTests {
    @Test("which entry is built for which TERM",
          arguments: [
              ("xterm-256color", false, "xterm-direct"),
              ("xterm", false, "xterm-direct"),
              ("tmux-256color", true, "tmux-direct"),
              ("screen-256color", true, "tmux-direct"),
              ("screen-256color", false, "screen-direct"),
              ("rxvt-unicode-256color", false, "rxvt-direct"),
              ("alacritty", false, "alacritty-direct"),
              ("screen.xterm-256color", false, "screen.xterm-direct"),
          ])
    func entryForTerm(term: String, insideTmux: Bool, name: String) throws {
        let entry = try #require(DirectTerminfo(term: term, insideTmux: insideTmux))
        #expect(entry.name == name)
        #expect(entry.base == term)
    }

    @Test("nothing is built for a missing, direct or hostile TERM",
          arguments: [nil, "", "xterm-direct", "kitty-direct", "xterm,RGB", "a|b", "x=y", "../x", "a/b",
                      "xterm\nfoo", "-x", ".x", "xterm 256", "tërm", String(repeating: "x", count: 129)])
    func noEntry(term: String?) {
        #expect(DirectTerminfo(term: term, insideTmux: false) == nil)
    }

    @Test("the source extends TERM with RGB, 2^24 colours and direct setaf/setab")
    func source() throws {
        let entry = try #require(DirectTerminfo(term: "xterm-256color", insideTmux: false))
        let lines = entry.source.split(separator: "\n").map(String.init)
        #expect(lines.first == "xterm-direct|xterm-256color with 24-bit direct colour (written by layermap),")
        #expect(lines.contains("\tRGB,"))
        #expect(lines.contains("\tcolors#0x1000000, pairs#0x10000,"))
        #expect(lines.contains("\tccc@, initc@, oc@,"))
        // use= comes last: the capabilities above it override the base entry's.
        #expect(lines.last == "\tuse=xterm-256color,")
        #expect(lines.contains(
            "\tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,"))
        #expect(lines.contains(
            "\tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,"))
        // The description holds no comma (it would end the name field) and has a space
        // (tic would otherwise take it for another alias).
        let description = try #require(lines.first?.split(separator: "|").last)
        #expect(description.dropLast().allSatisfy { $0 != "," })
        #expect(description.contains(" "))
    }

    @Test("the fingerprint follows the source text")
    func fingerprint() throws {
        let xterm = try #require(DirectTerminfo(term: "xterm-256color", insideTmux: false))
        let again = try #require(DirectTerminfo(term: "xterm-256color", insideTmux: false))
        let plainXterm = try #require(DirectTerminfo(term: "xterm", insideTmux: false))
        #expect(xterm.fingerprint == again.fingerprint)
        #expect(xterm.fingerprint == FNV1a64.hexDigest(of: xterm.source))
        // Same entry name, another base: another source, so another directory.
        #expect(xterm.name == plainXterm.name)
        #expect(xterm.fingerprint != plainXterm.fingerprint)
        #expect(xterm.fingerprint.count == 16)
        #expect(xterm.fingerprint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test("FNV-1a 64 matches the published test vectors")
    func fnv() {
        #expect(FNV1a64.hexDigest(of: "") == "cbf29ce484222325")
        #expect(FNV1a64.hexDigest(of: "a") == "af63dc4c8601ec8c")
        #expect(FNV1a64.hexDigest(of: "foobar") == "85944171f73967e8")
    }
}
