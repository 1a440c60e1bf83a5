/// One screen cell: a single-column character and its style.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }

    public static let blank = Cell()
}

/// A change to write to the terminal: the cell at column `x`, row `y`.
public struct CellChange: Hashable, Sendable {
    public let x: Int
    public let y: Int
    public let cell: Cell
}

/// A full frame of `width × height` styled cells, row-major. `render` draws into one; the
/// run loop diffs it against the previous frame and sends only the changes to the backend.
///
/// Every character must occupy one terminal column (the UI uses ASCII, box-drawing and
/// block glyphs only). Writes outside the buffer are clipped, never trapped.
public struct CellBuffer: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from (x, y) rightwards in `style`, clipped at the right edge or at
    /// `maxWidth` columns. Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        var col = x
        let limit = maxWidth.map { min(width, x + $0) } ?? width
        for ch in text {
            if col >= limit { break }
            self[col, y] = Cell(ch, style: style)
            col += 1
        }
        return col
    }

    /// Fills a rectangle with `cell`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell) {
        for row in max(0, y)..<min(height, y + h) where row >= 0 {
            for col in max(0, x)..<min(width, x + w) { cells[row * width + col] = cell }
        }
    }

    /// Applies `update` to the style of every cell in a rectangle (for selection highlights).
    public mutating func restyle(x: Int, y: Int, width w: Int, height h: Int, _ update: (inout Style) -> Void) {
        guard h > 0, w > 0 else { return }
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { update(&cells[row * width + col].style) }
        }
    }

    /// Resets every cell to blank.
    public mutating func clear() { cells = Array(repeating: .blank, count: width * height) }

    /// The cells that differ from `previous`, in row-major order. When the sizes differ,
    /// every cell is returned (the caller clears the screen first).
    public func diff(from previous: CellBuffer) -> [CellChange] {
        var out: [CellChange] = []
        let same = previous.width == width && previous.height == height
        for y in 0..<height {
            for x in 0..<width {
                let c = cells[y * width + x]
                if !same || previous.cells[y * width + x] != c { out.append(CellChange(x: x, y: y, cell: c)) }
            }
        }
        return out
    }

    /// The frame's characters, one string per row, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { y in String(cells[(y * width)..<((y + 1) * width)].map(\.character)) }
    }

    /// The characters of row `y` (empty outside the buffer).
    public func line(_ y: Int) -> String { y >= 0 && y < height ? lines[y] : "" }
}
