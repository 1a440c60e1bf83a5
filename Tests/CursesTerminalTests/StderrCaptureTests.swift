import Foundation
import Testing
@testable import CursesTerminal

@Suite("Held-back stderr")
struct StderrCaptureTests {
    /// A descriptor writing to a fresh temporary file, standing in for stderr.
    func scratchDescriptor() -> (Int32, String) {
        let path = NSTemporaryDirectory() + "layermap-capture-test-\(UUID().uuidString)"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0o600)
        return (fd, path)
    }

    func write(_ fd: Int32, _ text: String) {
        _ = text.withCString { Foundation.write(fd, $0, strlen($0)) }
    }

    @Test("output written while held back reaches the original after finish, in order")
    func replay() throws {
        let (fd, path) = scratchDescriptor()
        defer { close(fd); unlink(path) }
        write(fd, "before\n")
        guard let capture = StderrCapture(target: fd) else { Issue.record("could not start capturing"); return }
        write(fd, "held 1\n")
        write(fd, "held 2\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "before\n")
        let replayed = capture.finish()
        #expect(replayed == 14)
        write(fd, "after\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "before\nheld 1\nheld 2\nafter\n")
    }

    @Test("a flood is cut at the limit with a note")
    func limit() throws {
        let (fd, path) = scratchDescriptor()
        defer { close(fd); unlink(path) }
        guard let capture = StderrCapture(target: fd) else { Issue.record("could not start capturing"); return }
        write(fd, String(repeating: "x", count: 100))
        capture.finish(limit: 40)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(String(repeating: "x", count: 40) + "\n[layermap: 60 more bytes of stderr left out]"))
    }

    @Test("nothing held back, nothing replayed")
    func empty() throws {
        let (fd, path) = scratchDescriptor()
        defer { close(fd); unlink(path) }
        guard let capture = StderrCapture(target: fd) else { Issue.record("could not start capturing"); return }
        #expect(capture.finish() == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
    }
}
