/// A small line chart drawn in text, for the terminal and the headless reports: y labels and
/// an axis on the left, the plot area, then the x axis with tick labels. Pure: the same input
/// gives the same lines.
///
/// Each series' points are joined by interpolated dots (`·`, or `.` in ASCII) and marked by the
/// series' marker; where two series fall on one cell, the later series' mark is drawn.
public enum TextLineChart {
    public struct Series: Sendable {
        public let marker: Character
        /// (x, y) in data units, in drawing order.
        public let points: [(x: Double, y: Double)]
        public init(marker: Character, points: [(x: Double, y: Double)]) {
            self.marker = marker
            self.points = points
        }
    }

    /// The label column's width: "-0.50".
    static let labelWidth = 5

    /// The chart as `height + 2` lines, each `labelWidth + 2 + width` characters wide.
    /// - Parameters:
    ///   - width, height: the plot area in cells (at least 2 × 2).
    ///   - xRange, yRange: the data range the area spans (values outside are clamped to it).
    ///   - xTicks: positions and labels under the axis; a label that would overlap the
    ///     previous one is left out.
    ///   - unicode: box-drawing axes and `·`, else `|`, `+`, `-` and `.`.
    public static func render(_ series: [Series], xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                              width: Int, height: Int, xTicks: [(x: Double, label: String)], unicode: Bool) -> [String] {
        let w = max(2, width), h = max(2, height)
        var grid = [[Character]](repeating: [Character](repeating: " ", count: w), count: h)
        func column(_ x: Double) -> Int {
            let span = xRange.upperBound - xRange.lowerBound
            let t = span > 0 ? (min(max(x, xRange.lowerBound), xRange.upperBound) - xRange.lowerBound) / span : 0
            return Int((t * Double(w - 1)).rounded())
        }
        func row(_ y: Double) -> Int {
            let span = yRange.upperBound - yRange.lowerBound
            let t = span > 0 ? (yRange.upperBound - min(max(y, yRange.lowerBound), yRange.upperBound)) / span : 0
            return Int((t * Double(h - 1)).rounded())
        }
        let dot: Character = unicode ? "·" : "."
        for s in series {
            for (a, b) in zip(s.points, s.points.dropFirst()) {
                let c0 = column(a.x), c1 = column(b.x)
                guard c1 > c0 + 1 else { continue }
                for c in (c0 + 1)..<c1 {
                    let t = Double(c - c0) / Double(c1 - c0)
                    let r = row(a.y + t * (b.y - a.y))
                    if grid[r][c] == " " { grid[r][c] = dot }
                }
            }
        }
        for s in series { for p in s.points { grid[row(p.y)][column(p.x)] = s.marker } }

        let vertical = unicode ? "│" : "|", tick = unicode ? "┤" : "+", corner = unicode ? "└" : "+", dash = unicode ? "─" : "-"
        let labelled: [Int: Double] = [0: yRange.upperBound, (h - 1) / 2: (yRange.upperBound + yRange.lowerBound) / 2,
                                       h - 1: yRange.lowerBound]
        var out: [String] = []
        for r in 0..<h {
            let label = labelled[r].map { pad(NumberFormat.decimal($0, 2), labelWidth) } ?? String(repeating: " ", count: labelWidth)
            out.append(label + " " + (labelled[r] != nil ? tick : vertical) + String(grid[r]))
        }
        out.append(String(repeating: " ", count: labelWidth + 1) + corner + String(repeating: dash, count: w))
        var ticks = [Character](repeating: " ", count: w + 1)
        var free = 0
        for t in xTicks {
            let c = column(t.x), chars = Array(t.label)
            let start = min(max(c - (chars.count - 1) / 2, free), w + 1 - chars.count)
            guard start >= free, start >= 0 else { continue }
            for (i, ch) in chars.enumerated() { ticks[start + i] = ch }
            free = start + chars.count + 1
        }
        out.append(String(repeating: " ", count: labelWidth + 1) + String(ticks))
        return out.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}
