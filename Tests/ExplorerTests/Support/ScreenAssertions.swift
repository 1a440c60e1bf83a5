import Foundation
import Testing
import Explorer

/// Picture-style checks of a rendered frame: compare lines, stamp styles on regions, and
/// compare whole screens with golden snapshot files. Failures print a readable diff.
enum Screen {
    /// Expects the frame's lines to equal `expected` (trailing spaces ignored).
    static func expectLines(_ buffer: CellBuffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = buffer.lines.map(trimRight)
        let want = expected.map(trimRight)
        if actual != want {
            Issue.record(Comment(rawValue: "screen differs:\n" + diff(expected: want, actual: actual)), sourceLocation: sourceLocation)
        }
    }

    /// A line-by-line diff: unchanged lines with two spaces, then `-` expected, `+` actual and a
    /// caret under the first differing column.
    static func diff(expected: [String], actual: [String]) -> String {
        var out: [String] = []
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : "<none>"
            let a = i < actual.count ? actual[i] : "<none>"
            let n = String(format: "%3d", i)
            if e == a {
                out.append("\(n)   |\(a)|")
            } else {
                out.append("\(n) - |\(e)|")
                out.append("\(n) + |\(a)|")
                let col = zip(e, a).prefix { $0 == $1 }.count
                out.append("       " + String(repeating: " ", count: col) + "^ column \(col)")
            }
        }
        return out.joined(separator: "\n")
    }

    static func trimRight(_ s: String) -> String {
        var t = Substring(s)
        while t.last == " " { t.removeLast() }
        return String(t)
    }

    /// Expects every cell of a rectangle to satisfy `check`, reporting the first that does not.
    static func expectStyle(_ buffer: CellBuffer, x: Int, y: Int, width: Int = 1, height: Int = 1,
                            _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                            _ check: (Style) -> Bool) {
        for row in y..<(y + height) {
            for col in x..<(x + width) where !check(buffer[col, row].style) {
                Issue.record(Comment(rawValue: "cell (\(col), \(row)) '\(buffer[col, row].character)' is not \(what): \(buffer[col, row].style)"),
                             sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// The column of the first occurrence of `text` in row `y`, if any.
    static func find(_ text: String, in buffer: CellBuffer, row y: Int) -> Int? {
        let line = buffer.line(y)
        guard let r = line.range(of: text) else { return nil }
        return line.distance(from: line.startIndex, to: r.lowerBound)
    }

    /// The row of the first line containing `text`, if any.
    static func row(containing text: String, in buffer: CellBuffer) -> Int? {
        buffer.lines.firstIndex { $0.contains(text) }
    }
}

/// Golden whole screens kept in `Tests/ExplorerTests/Snapshots/NAME.txt`: the characters,
/// then every cell's style as one symbol with a legend. Re-recorded only when the
/// environment has `LAYERMAP_RECORD_SNAPSHOTS=1` (the test then fails once, saying so).
enum Snapshot {
    static let symbols = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()+,-./:;<=>?@[]^_{}~")

    /// The text form of a frame.
    static func text(_ buffer: CellBuffer) -> String {
        var styles: [Style] = []
        var index: [Style: Int] = [:]
        var out = ["# screen \(buffer.width)x\(buffer.height)"]
        out += buffer.lines.map { "|" + $0 + "|" }
        out.append("# styles")
        for y in 0..<buffer.height {
            var row = ""
            for x in 0..<buffer.width {
                let s = buffer[x, y].style
                let i: Int
                if let known = index[s] { i = known } else {
                    i = styles.count
                    index[s] = i
                    styles.append(s)
                }
                row.append(i < symbols.count ? symbols[i] : "*")
            }
            out.append("|" + row + "|")
        }
        out.append("# legend")
        for (i, s) in styles.enumerated() {
            out.append("\(i < symbols.count ? symbols[i] : "*") \(describe(s))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func describe(_ s: Style) -> String {
        func color(_ c: TermColor) -> String {
            switch c {
            case .default: return "default"
            case .indexed(let i): return "\(i)"
            case .rgb(let r, let g, let b): return "rgb(\(r),\(g),\(b))"
            }
        }
        var attrs: [String] = []
        if s.attributes.contains(.bold) { attrs.append("bold") }
        if s.attributes.contains(.dim) { attrs.append("dim") }
        if s.attributes.contains(.reverse) { attrs.append("reverse") }
        if s.attributes.contains(.underline) { attrs.append("underline") }
        return "fg=\(color(s.foreground)) bg=\(color(s.background))" + (attrs.isEmpty ? "" : " " + attrs.joined(separator: ","))
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["LAYERMAP_RECORD_SNAPSHOTS"] == "1" }

    static func sourceURL(_ name: String, file: String) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name).txt")
    }

    /// Compares a frame with the snapshot `name`.
    static func expect(_ buffer: CellBuffer, named name: String, file: String = #filePath,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = text(buffer)
        if recording {
            let url = sourceURL(name, file: file)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record(Comment(rawValue: "recorded snapshot \(name); run again without LAYERMAP_RECORD_SNAPSHOTS"), sourceLocation: sourceLocation)
            return
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Snapshots"),
              let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(Comment(rawValue: "no snapshot \(name): record it with LAYERMAP_RECORD_SNAPSHOTS=1"), sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            Issue.record(Comment(rawValue: "snapshot \(name) differs (re-record with LAYERMAP_RECORD_SNAPSHOTS=1 if intended):\n"
                                 + Screen.diff(expected: e, actual: a)), sourceLocation: sourceLocation)
        }
    }
}
