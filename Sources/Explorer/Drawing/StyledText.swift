/// A line of text in styled runs, for panels built line by line (details, help).
public struct StyledLine: Sendable, Equatable {
    public var runs: [(text: String, style: Style)]

    public init(_ runs: [(String, Style)] = []) { self.runs = runs.map { (text: $0.0, style: $0.1) } }

    public init(_ text: String, _ style: Style = .plain) { self.init([(text, style)]) }

    public static let empty = StyledLine()

    public mutating func append(_ text: String, _ style: Style = .plain) { runs.append((text, style)) }

    public var text: String { runs.map(\.text).joined() }

    /// Draws the line at (x, y), clipped to `width` columns.
    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, width: Int) {
        var col = x
        for run in runs {
            let room = x + width - col
            if room <= 0 { break }
            col = buffer.put(run.text, x: col, y: y, style: run.style, maxWidth: room)
        }
    }

    public static func == (a: StyledLine, b: StyledLine) -> Bool {
        a.runs.count == b.runs.count && zip(a.runs, b.runs).allSatisfy { $0.text == $1.text && $0.style == $1.style }
    }
}
