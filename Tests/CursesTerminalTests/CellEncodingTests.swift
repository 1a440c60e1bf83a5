import CNcurses
import Explorer
import Testing
@testable import CursesTerminal

@Suite("Cell encoding")
struct CellEncodingTests {
    func scalars(_ c: Character, unicode: Bool = true) -> [UInt32] {
        CellEncoding.wideCharacters(c, unicode: unicode, maxScalars: 5).map { UInt32(bitPattern: $0) }
    }

    @Test("characters become NUL-terminated wide strings")
    func wide() {
        #expect(scalars("a") == [0x61, 0])
        #expect(scalars("█") == [0x2588, 0])
        #expect(scalars("e\u{301}") == [0x65, 0x301, 0])   // e + combining acute
    }

    @Test("control characters become spaces; without UTF-8, non-ASCII becomes ?")
    func fallbacks() {
        #expect(scalars("\t") == [0x20, 0])
        #expect(scalars("\u{7F}") == [0x20, 0])
        #expect(scalars("\u{85}") == [0x20, 0])
        #expect(scalars("█", unicode: false) == [0x3F, 0])
        #expect(scalars("e\u{301}", unicode: false) == [0x65, 0])
        #expect(scalars("x", unicode: false) == [0x78, 0])
    }

    @Test("at most maxScalars characters per cell")
    func cap() {
        let many = Character("a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}")
        #expect(CellEncoding.wideCharacters(many, unicode: true, maxScalars: 3).count == 4)
    }

    @Test("attributes map to curses attributes")
    func attributes() {
        #expect(CellEncoding.attributes([]) == lm_a_normal())
        #expect(CellEncoding.attributes(.bold) == lm_a_bold())
        #expect(CellEncoding.attributes([.dim, .reverse, .underline]) == lm_a_dim() | lm_a_reverse() | lm_a_underline())
    }
}
