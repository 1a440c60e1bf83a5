/// A small line chart drawn in text, for the terminal and the headless reports: y labels and
/// an axis on the left, the plot area, then the x axis with tick labels. Pure: the same input
/// gives the same lines.
///
/// Each series' points are joined by interpolated dots (`·`, or `.` in ASCII) and marked by the
/// series' marker; where marks of two series fall on one cell, `#` is drawn.
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
    ///   - xTicks: positions and labels under the axis, centred on their column; a label that
    ///     would overlap the previous one moves right by up to half its width, or is left out.
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
        var marked = Set<Int>()
        for (k, s) in series.enumerated() {
            var own = Set<Int>()
            for p in s.points {
                let r = row(p.y), c = column(p.x), cell = r * w + c
                grid[r][c] = marked.contains(cell) && !own.contains(cell) ? "#" : s.marker
                own.insert(cell)
            }
            marked.formUnion(own)
            _ = k
        }

        let vertical = unicode ? "│" : "|", tick = unicode ? "┤" : "+", corner = unicode ? "└" : "+", dash = unicode ? "─" : "-"
        // The top, the bottom and, from three rows, the middle row carry a value.
        var labelled: [Int: Double] = [0: yRange.upperBound, h - 1: yRange.lowerBound]
        if h >= 3 { labelled[(h - 1) / 2] = (yRange.upperBound + yRange.lowerBound) / 2 }
        var out: [String] = []
        for r in 0..<h {
            let label = labelled[r].map { pad(NumberFormat.decimal($0, 2), labelWidth) } ?? String(repeating: " ", count: labelWidth)
            out.append(label + " " + (labelled[r] != nil ? tick : vertical) + String(grid[r]))
        }
        out.append(String(repeating: " ", count: labelWidth + 1) + corner + String(repeating: dash, count: w))
        var ticks: [Character] = []
        for t in xTicks {
            let chars = Array(t.label)
            // Centred on its column, or moved right past the previous label by at most half its width.
            let wanted = max(0, column(t.x) - (chars.count - 1) / 2)
            let start = ticks.isEmpty ? wanted : max(wanted, ticks.count + 1)
            guard start - wanted <= chars.count / 2 + 1 else { continue }
            ticks += [Character](repeating: " ", count: start - ticks.count) + chars
        }
        out.append(String(repeating: " ", count: labelWidth + 2) + String(ticks))
        return out.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
    }

    static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
}
