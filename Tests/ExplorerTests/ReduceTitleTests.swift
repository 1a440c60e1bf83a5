import Testing
import Explorer

/// The title names the reduce policy (and the token mask) unless it is the default flatten.
@Suite struct ReduceTitleTests {
    @Test func theDefaultFlattenIsNotShown() {
        let f = Pilot(Fixtures.session(), size: TerminalSize(width: 120, height: 40)).frame
        #expect(TitleBarText.title(f) == "relu-s0 × relu-s1 — linear CKA")
    }

    @Test func aTokenPolicyAndItsMaskAreShown() {
        var session = Fixtures.session()
        session.reducePolicy = "mean, mask m.npy"
        let f = Pilot(session, size: TerminalSize(width: 120, height: 40)).frame
        #expect(TitleBarText.title(f) == "relu-s0 × relu-s1 — linear CKA — reduce mean, mask m.npy")
        var ascii = Fixtures.session(unicode: false)
        ascii.reducePolicy = "last"
        #expect(TitleBarText.title(Pilot(ascii, size: TerminalSize(width: 120, height: 40)).frame)
                == "relu-s0 x relu-s1 - linear CKA - reduce last")
    }
}
