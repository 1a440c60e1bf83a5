import Testing
@testable import CursesTerminal

@Suite("Where built entries are kept, and when they are compiled")
struct DirectTerminfoCacheTests {
    static let xterm = DirectTerminfo(term: "xterm-256color", insideTmux: false)!

    @Test("the cache location from the environment")
    func location() {
        func root(_ env: [String: String]) -> String? { DirectTerminfoCache(environment: env)?.root }
        #expect(root(["LAYERMAP_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/c/terminfo")
        #expect(root(["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/layermap/terminfo")
        #expect(root(["HOME": "/h"]) == "/h/.cache/layermap/terminfo")
        // Empty values are skipped.
        #expect(root(["LAYERMAP_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": "/h"]) == "/h/.cache/layermap/terminfo")
        // Nowhere to keep it: nothing is built.
        #expect(root([:]) == nil)
        #expect(root(["HOME": ""]) == nil)
    }

    @Test("one terminfo directory per source, with the compiled entry under its first letter")
    func layout() {
        let cache = DirectTerminfoCache(root: "/c/terminfo")
        let dir = cache.directory(for: Self.xterm)
        #expect(dir == "/c/terminfo/" + Self.xterm.fingerprint)
        #expect(DirectTerminfoCache.sourcePath(in: dir) == dir + "/source.ti")
        #expect(DirectTerminfoCache.compiledPaths(of: Self.xterm, in: dir) == [dir + "/x/xterm-direct", dir + "/78/xterm-direct"])
        let plain = DirectTerminfo(term: "xterm", insideTmux: false)!
        #expect(cache.directory(for: plain) != dir, "same name, other base: other directory")
    }

    @Test("compile when the compiled entry is missing; reuse it when it is there")
    func whenToCompile() {
        let cache = DirectTerminfoCache(root: "/c/terminfo")
        let dir = cache.directory(for: Self.xterm)
        #expect(cache.needsCompile(Self.xterm) { _ in false })
        #expect(!cache.needsCompile(Self.xterm) { $0 == dir + "/x/xterm-direct" })
        #expect(!cache.needsCompile(Self.xterm) { $0 == dir + "/78/xterm-direct" })
        // Only the source there (a compile that failed half-way): compile.
        #expect(cache.needsCompile(Self.xterm) { $0 == dir + "/source.ti" })
        // An entry compiled from another source (an older layermap, another TERM) is in
        // another directory, so it does not count.
        let plain = DirectTerminfo(term: "xterm", insideTmux: false)!
        let other = cache.directory(for: plain)
        #expect(cache.needsCompile(Self.xterm) { $0 == other + "/x/xterm-direct" })
    }

    @Test("TERMINFO_DIRS puts the cache first and keeps the rest")
    func searchPath() {
        #expect(TerminfoSearchPath.prepending("/c/t/h", to: nil) == "/c/t/h")
        #expect(TerminfoSearchPath.prepending("/c/t/h", to: "") == "/c/t/h")
        #expect(TerminfoSearchPath.prepending("/c/t/h", to: "/a:/b") == "/c/t/h:/a:/b")
        // Empty items (the system directory) survive.
        #expect(TerminfoSearchPath.prepending("/c/t/h", to: ":/a") == "/c/t/h::/a")
        #expect(TerminfoSearchPath.prepending("/c/t/h", to: "/a:") == "/c/t/h:/a:")
    }

    @Test("which ways to start ncurses, in order")
    func startAttempts() {
        let truecolor = ColorEnvironment(term: "xterm-256color", colorTerm: "truecolor")
        #expect(ColorCapability.startAttempts(.auto, truecolor, canBuild: true)
            == [.installed("xterm-direct"), .built(Self.xterm), .installed(nil)])
        // No cache location: the installed entry or TERM, as before.
        #expect(ColorCapability.startAttempts(.auto, truecolor, canBuild: false) == [.installed("xterm-direct"), .installed(nil)])
        // Forced true colour builds without COLORTERM.
        #expect(ColorCapability.startAttempts(.forced(.trueColor), ColorEnvironment(term: "xterm-256color"), canBuild: true)
            == [.installed("xterm-direct"), .built(Self.xterm), .installed(nil)])
        // screen inside tmux: tmux-direct, built on top of the screen entry in use.
        let screen = ColorEnvironment(term: "screen-256color", colorTerm: "truecolor", tmux: "/tmp/t,1,0")
        #expect(ColorCapability.startAttempts(.auto, screen, canBuild: true)
            == [.installed("tmux-direct"), .built(DirectTerminfo(term: "screen-256color", insideTmux: true)!), .installed(nil)])
        // 24-bit colour not wanted, or TERM already direct, or unfit to write: TERM only.
        for (preference, env) in [(ColorPreference.auto, ColorEnvironment(term: "xterm-256color")),
                                  (.forced(.palette256), truecolor),
                                  (.auto, ColorEnvironment(term: "xterm-256color", colorTerm: "truecolor", noColor: "1")),
                                  (.auto, ColorEnvironment(term: "xterm-direct", colorTerm: "truecolor"))] {
            #expect(ColorCapability.startAttempts(preference, env, canBuild: true) == [.installed(nil)])
        }
        #expect(ColorCapability.startAttempts(.auto, ColorEnvironment(term: "a,b", colorTerm: "truecolor"), canBuild: true)
            == [.installed("a,b-direct"), .installed(nil)])
    }
}
