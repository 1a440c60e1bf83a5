import Explorer
import Testing
@testable import CursesTerminal

@Suite("Colour mode detection")
struct ColorCapabilityTests {
    static let xterm256 = TerminfoColorFacts(hasColors: true, colors: 256, rgbFlag: false)
    static let direct = TerminfoColorFacts(hasColors: true, colors: 1 << 24, rgbFlag: true)
    static let sixteen = TerminfoColorFacts(hasColors: true, colors: 16, rgbFlag: false)
    static let eight = TerminfoColorFacts(hasColors: true, colors: 8, rgbFlag: false)
    static let noColors = TerminfoColorFacts(hasColors: false, colors: 0, rgbFlag: false)

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let preference: ColorPreference
        let env: ColorEnvironment
        let facts: TerminfoColorFacts
        let mode: ColorMode
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "NO_COLOR wins over everything in auto", preference: .auto,
             env: ColorEnvironment(term: "xterm-direct", colorTerm: "truecolor", noColor: "1"), facts: direct, mode: .monochrome),
        Case(name: "empty NO_COLOR is ignored", preference: .auto,
             env: ColorEnvironment(term: "xterm-256color", noColor: ""), facts: xterm256, mode: .palette256),
        Case(name: "a -direct entry gives true colour without COLORTERM", preference: .auto,
             env: ColorEnvironment(term: "xterm-direct"), facts: direct, mode: .trueColor),
        Case(name: "RGB flag alone means direct", preference: .auto,
             env: ColorEnvironment(term: "odd-direct"), facts: TerminfoColorFacts(hasColors: true, colors: 256, rgbFlag: true), mode: .trueColor),
        Case(name: "COLORS of 2^24 alone means direct", preference: .auto,
             env: ColorEnvironment(term: "odd"), facts: TerminfoColorFacts(hasColors: true, colors: 1 << 24, rgbFlag: false), mode: .trueColor),
        Case(name: "COLORTERM=truecolor but no -direct entry falls back to 256", preference: .auto,
             env: ColorEnvironment(term: "xterm-256color", colorTerm: "truecolor"), facts: xterm256, mode: .palette256),
        Case(name: "256 colours", preference: .auto, env: ColorEnvironment(term: "xterm-256color"), facts: xterm256, mode: .palette256),
        Case(name: "16 colours", preference: .auto, env: ColorEnvironment(term: "xterm-16color"), facts: sixteen, mode: .palette16),
        Case(name: "8 colours", preference: .auto, env: ColorEnvironment(term: "linux"), facts: eight, mode: .palette8),
        Case(name: "fewer than 8 colours", preference: .auto, env: ColorEnvironment(term: "odd"),
             facts: TerminfoColorFacts(hasColors: true, colors: 4, rgbFlag: false), mode: .monochrome),
        Case(name: "has_colors() false", preference: .auto, env: ColorEnvironment(term: "vt100"), facts: noColors, mode: .monochrome),
        Case(name: "forced none", preference: .forced(.monochrome), env: ColorEnvironment(term: "xterm-direct"), facts: direct, mode: .monochrome),
        Case(name: "forced 16 on a 256 terminal", preference: .forced(.palette16), env: ColorEnvironment(term: "xterm-256color"), facts: xterm256, mode: .palette16),
        Case(name: "forced 8 on a direct terminal", preference: .forced(.palette8), env: ColorEnvironment(term: "xterm-direct"), facts: direct, mode: .palette8),
        Case(name: "forced 256 clamped to 8", preference: .forced(.palette256), env: ColorEnvironment(term: "linux"), facts: eight, mode: .palette8),
        Case(name: "forced true colour without a direct entry clamps to 256", preference: .forced(.trueColor),
             env: ColorEnvironment(term: "xterm-256color"), facts: xterm256, mode: .palette256),
        Case(name: "a forced mode overrides NO_COLOR", preference: .forced(.palette256),
             env: ColorEnvironment(term: "xterm-256color", noColor: "1"), facts: xterm256, mode: .palette256),
        Case(name: "forced colour on a terminal without colours", preference: .forced(.palette8),
             env: ColorEnvironment(term: "vt100"), facts: noColors, mode: .monochrome),
    ]

    @Test("mode from preference, environment and terminfo", arguments: cases)
    func mode(_ c: Case) {
        #expect(ColorCapability.mode(c.preference, c.env, facts: c.facts) == c.mode)
    }

    @Test("which terminfo entries newterm tries")
    func candidates() {
        let truecolorXterm = ColorEnvironment(term: "xterm-256color", colorTerm: "truecolor")
        #expect(ColorCapability.terminalCandidates(.auto, truecolorXterm) == ["xterm-direct", nil])
        #expect(ColorCapability.terminalCandidates(.auto, ColorEnvironment(term: "tmux-256color", colorTerm: "24bit")) == ["tmux-direct", nil])
        #expect(ColorCapability.terminalCandidates(.auto, ColorEnvironment(term: "xterm-256color", colorTerm: "TrueColor")) == ["xterm-direct", nil])
        // No COLORTERM, or some other value: TERM as is.
        #expect(ColorCapability.terminalCandidates(.auto, ColorEnvironment(term: "xterm-256color")) == [nil])
        #expect(ColorCapability.terminalCandidates(.auto, ColorEnvironment(term: "xterm-256color", colorTerm: "rxvt")) == [nil])
        // Already direct.
        #expect(ColorCapability.terminalCandidates(.auto, ColorEnvironment(term: "xterm-direct", colorTerm: "truecolor")) == [nil])
        // NO_COLOR: no point looking for direct colour.
        #expect(ColorCapability.terminalCandidates(.auto, ColorEnvironment(term: "xterm-256color", colorTerm: "truecolor", noColor: "1")) == [nil])
        // Forcing: truecolor looks even without COLORTERM; 256 never does.
        #expect(ColorCapability.terminalCandidates(.forced(.trueColor), ColorEnvironment(term: "xterm-256color")) == ["xterm-direct", nil])
        #expect(ColorCapability.terminalCandidates(.forced(.palette256), truecolorXterm) == [nil])
        // No TERM at all.
        #expect(ColorCapability.terminalCandidates(.forced(.trueColor), ColorEnvironment()) == [nil])
    }

    @Test("the -direct name for a TERM")
    func directVariant() {
        #expect(ColorCapability.directVariant(of: "xterm-256color") == "xterm-direct")
        #expect(ColorCapability.directVariant(of: "xterm") == "xterm-direct")
        #expect(ColorCapability.directVariant(of: "vte-256color") == "vte-direct")
        #expect(ColorCapability.directVariant(of: "alacritty") == "alacritty-direct")
        #expect(ColorCapability.directVariant(of: "screen-256color") == "screen-direct")
        #expect(ColorCapability.directVariant(of: "screen-256color", insideTmux: true) == "tmux-direct")
        #expect(ColorCapability.directVariant(of: "kitty-direct") == nil)
        #expect(ColorCapability.directVariant(of: "") == nil)
        #expect(ColorCapability.directVariant(of: nil) == nil)
    }

    @Test("start_color only when colour is wanted")
    func wantsColor() {
        #expect(ColorCapability.wantsColor(.auto, ColorEnvironment(term: "xterm")))
        #expect(!ColorCapability.wantsColor(.auto, ColorEnvironment(term: "xterm", noColor: "yes")))
        #expect(!ColorCapability.wantsColor(.forced(.monochrome), ColorEnvironment(term: "xterm")))
        #expect(ColorCapability.wantsColor(.forced(.palette8), ColorEnvironment(term: "xterm", noColor: "1")))
    }

    @Test("environment capture and --color spellings")
    func parsing() {
        let env = ColorEnvironment(["TERM": "tmux-256color", "COLORTERM": "truecolor", "NO_COLOR": "", "TMUX": "/tmp/x,1,0"])
        #expect(env.term == "tmux-256color")
        #expect(env.announcesTrueColor)
        #expect(!env.asksForNoColor)
        #expect(ColorPreference(argument: "auto") == .auto)
        #expect(ColorPreference(argument: "truecolor") == .forced(.trueColor))
        #expect(ColorPreference(argument: "24bit") == .forced(.trueColor))
        #expect(ColorPreference(argument: "256") == .forced(.palette256))
        #expect(ColorPreference(argument: "16") == .forced(.palette16))
        #expect(ColorPreference(argument: "8") == .forced(.palette8))
        #expect(ColorPreference(argument: "none") == .forced(.monochrome))
        #expect(ColorPreference(argument: "NONE") == .forced(.monochrome))
        #expect(ColorPreference(argument: "88") == nil)
    }

    @Test("UTF-8 codeset names")
    func codeset() {
        #expect(CursesSession.isUTF8Codeset("UTF-8"))
        #expect(CursesSession.isUTF8Codeset("utf8"))
        #expect(!CursesSession.isUTF8Codeset("ANSI_X3.4-1968"))
        #expect(!CursesSession.isUTF8Codeset("ISO-8859-1"))
    }
}
