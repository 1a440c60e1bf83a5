import CNcurses
import Explorer
import Testing
@testable import CursesTerminal

@Suite("Key decoding")
struct KeyDecoderTests {
    static let characterTable: [(UInt32, DecodedInput)] = [
        (13, .key(.enter)), (10, .key(.enter)),
        (9, .key(.tab)),
        (8, .key(.backspace)), (127, .key(.backspace)),
        (27, .key(.escape)),
        (1, .key(.control("a"))), (3, .key(.control("c"))), (12, .key(.control("l"))),
        (7, .key(.control("g"))), (11, .key(.control("k"))), (14, .key(.control("n"))),
        (26, .key(.control("z"))),
        (28, .key(.control("\\"))), (31, .key(.control("_"))),
        (0, .ignored), (0x85, .ignored),
        (0x71, .key(.character("q"))), (0x47, .key(.character("G"))), (0x24, .key(.character("$"))),
        (0x3F, .key(.character("?"))), (0x20, .key(.character(" "))),
        (0xE9, .key(.character("é"))), (0x2588, .key(.character("█"))), (0x1F600, .key(.character("😀"))),
        (0xD800, .ignored),  // a lone surrogate is not a scalar
    ]

    @Test("characters from get_wch (OK)", arguments: characterTable)
    func characters(_ code: UInt32, _ expected: DecodedInput) {
        #expect(KeyDecoder.decode(.character(code)) == expected)
    }

    static let keyCodeTable: [(Int32, DecodedInput)] = [
        (KEY_UP, .key(.up)), (KEY_DOWN, .key(.down)), (KEY_LEFT, .key(.left)), (KEY_RIGHT, .key(.right)),
        (KEY_PPAGE, .key(.pageUp)), (KEY_NPAGE, .key(.pageDown)),
        (KEY_HOME, .key(.home)), (KEY_END, .key(.end)), (KEY_FIND, .key(.home)), (KEY_SELECT, .key(.end)),
        (KEY_A1, .key(.home)), (KEY_C1, .key(.end)), (KEY_A3, .key(.pageUp)), (KEY_C3, .key(.pageDown)),
        (KEY_ENTER, .key(.enter)), (KEY_BTAB, .key(.backTab)),
        (KEY_BACKSPACE, .key(.backspace)), (KEY_DC, .key(.delete)),
        (KEY_F0 + 1, .key(.function(1))), (KEY_F0 + 5, .key(.function(5))),
        (KEY_F0 + 12, .key(.function(12))), (KEY_F0 + 63, .key(.function(63))),
        (KEY_F0, .ignored), (KEY_IC, .ignored), (KEY_SLEFT, .ignored), (KEY_MAX + 5, .ignored),
        (lm_key_resize(), .resize), (lm_key_mouse(), .mouse),
    ]

    @Test("function keys from get_wch (KEY_CODE_YES)", arguments: keyCodeTable)
    func keyCodes(_ code: Int32, _ expected: DecodedInput) {
        #expect(KeyDecoder.decode(.keyCode(code)) == expected)
    }

    @Test("a character code and a key code with the same number differ")
    func characterVersusKeyCode() {
        // KEY_DOWN is 0402 = 258; as a character, 258 is "Ă".
        #expect(KeyDecoder.decode(.character(UInt32(KEY_DOWN))) == .key(.character("Ă")))
        #expect(KeyDecoder.decode(.keyCode(KEY_DOWN)) == .key(.down))
    }

    @Test("Esc alone, Esc Esc, Alt chords, Esc before a resize")
    func escapeResolution() {
        #expect(KeyDecoder.resolveEscape(followedBy: nil) == .escape)
        #expect(KeyDecoder.resolveEscape(followedBy: .character(27)) == .escapeThenDecode(.character(27)))
        #expect(KeyDecoder.resolveEscape(followedBy: .keyCode(lm_key_resize())) == .escapeThenDecode(.keyCode(lm_key_resize())))
        #expect(KeyDecoder.resolveEscape(followedBy: .keyCode(lm_key_mouse())) == .escapeThenDecode(.keyCode(lm_key_mouse())))
        #expect(KeyDecoder.resolveEscape(followedBy: .character(0x78)) == .altChord)   // Alt-x
        #expect(KeyDecoder.resolveEscape(followedBy: .keyCode(KEY_UP)) == .altChord)   // Alt-Up
        guard case .sequence(let s) = KeyDecoder.resolveEscape(followedBy: .character(0x5B)) else {
            Issue.record("ESC [ should start a sequence"); return
        }
        #expect(s.introducer == "[")
    }

    /// Feeds `text` after ESC + introducer and returns the key, or nil.
    func sequenceKey(_ introducer: Character, _ text: String) -> Key? {
        var s = EscapeSequence(introducer: introducer.unicodeScalars.first!.value)!
        for scalar in text.unicodeScalars where !s.isComplete {
            if !s.feed(scalar.value) { return nil }
        }
        return s.key
    }

    static let sequenceTable: [(Character, String, Key?)] = [
        ("[", "A", .up), ("[", "B", .down), ("[", "C", .right), ("[", "D", .left),
        ("[", "H", .home), ("[", "F", .end), ("[", "Z", .backTab),
        ("O", "A", .up), ("O", "H", .home), ("O", "F", .end),
        ("O", "P", .function(1)), ("O", "S", .function(4)),
        ("[", "1~", .home), ("[", "7~", .home), ("[", "4~", .end), ("[", "8~", .end),
        ("[", "3~", .delete), ("[", "5~", .pageUp), ("[", "6~", .pageDown),
        ("[", "11~", .function(1)), ("[", "15~", .function(5)), ("[", "17~", .function(6)),
        ("[", "21~", .function(10)), ("[", "23~", .function(11)), ("[", "24~", .function(12)),
        ("[", "2~", nil), ("[", "1;5A", nil), ("[", "200~", nil), ("[", "P", nil), ("O", "Z", nil),
    ]

    @Test("escape sequences terminfo didn't announce", arguments: sequenceTable)
    func sequences(_ introducer: Character, _ body: String, _ expected: Key?) {
        #expect(sequenceKey(introducer, body) == expected)
    }

    @Test("a sequence stops at its final byte, rejects junk and runaway lengths")
    func sequenceBounds() {
        var s = EscapeSequence(introducer: 0x5B)!
        let fedDigit = s.feed(0x31)     // 1
        #expect(fedDigit && !s.isComplete)
        let fedFinal = s.feed(0x7E)     // ~
        #expect(fedFinal && s.isComplete)
        let fedAfter = s.feed(0x41)     // nothing after the final byte
        #expect(!fedAfter)

        var junk = EscapeSequence(introducer: 0x5B)!
        let fedControl = junk.feed(0x0A)  // a control character cannot be inside a CSI
        #expect(!fedControl)

        var long = EscapeSequence(introducer: 0x5B)!
        var accepted = 0
        for _ in 0...EscapeSequence.maxLength where long.feed(0x31) { accepted += 1 }
        #expect(accepted == EscapeSequence.maxLength)
        #expect(long.key == nil)

        #expect(EscapeSequence(introducer: 0x78) == nil)
    }
}
