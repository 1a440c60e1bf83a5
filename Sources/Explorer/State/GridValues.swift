import Similarity

/// The outcomes known so far for one grid: a dense rows × cols table of optional
/// outcomes (`nil` = not computed yet) and how many are known.
///
/// Dense storage keeps `render` at one array read per visible cell, and `isComplete` O(1).
public struct GridValues: Sendable, Equatable {
    public let rows: Int
    public let cols: Int
    private var outcomes: [PairOutcome?]
    /// The number of cells with an outcome.
    public private(set) var knownCount: Int = 0
    /// Every known finite value, ascending: kept up to date as cells arrive (a binary search
    /// and an insertion, O(cells) at worst), so the `auto` and `robust` colour ranges are
    /// O(1) per frame instead of a sort of the whole grid.
    public private(set) var sortedValues: [Double] = []

    public init(rows: Int, cols: Int) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        outcomes = Array(repeating: nil, count: self.rows * self.cols)
    }

    /// The outcome at (row, col), `nil` when unknown or outside the grid.
    public subscript(row: Int, col: Int) -> PairOutcome? {
        guard row >= 0, col >= 0, row < rows, col < cols else { return nil }
        return outcomes[row * cols + col]
    }

    /// Stores an outcome (outside the grid: ignored). With `onlyIfEmpty`, a known cell is kept.
    public mutating func set(_ outcome: PairOutcome, row: Int, col: Int, onlyIfEmpty: Bool = false) {
        guard row >= 0, col >= 0, row < rows, col < cols else { return }
        let i = row * cols + col
        if let old = outcomes[i] {
            if onlyIfEmpty { return }
            if let v = old.value.number, v.isFinite { sortedValues.remove(at: GridValues.insertionIndex(of: v, in: sortedValues)) }
        } else {
            knownCount += 1
        }
        outcomes[i] = outcome
        if let v = outcome.value.number, v.isFinite { sortedValues.insert(v, at: GridValues.insertionIndex(of: v, in: sortedValues)) }
    }

    /// The first index of `sorted` whose value is not below `v` (where `v` goes, or is).
    /// - Complexity: O(log n).
    static func insertionIndex(of v: Double, in sorted: [Double]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The positions with an outcome, for the engine to skip. - Complexity: O(rows × cols).
    public var knownPositions: Set<GridPosition> {
        var known = Set<GridPosition>(minimumCapacity: knownCount)
        for r in 0..<rows { for c in 0..<cols where outcomes[r * cols + c] != nil { known.insert(GridPosition(row: r, col: c)) } }
        return known
    }

    /// Every known outcome by position.
    public var knownOutcomes: [GridPosition: PairOutcome] {
        var known: [GridPosition: PairOutcome] = [:]
        for r in 0..<rows { for c in 0..<cols { if let o = outcomes[r * cols + c] { known[GridPosition(row: r, col: c)] = o } } }
        return known
    }

    /// rows × cols.
    public var totalCount: Int { rows * cols }

    /// Whether every cell is known.
    public var isComplete: Bool { knownCount == totalCount }

    /// The column of the row's most alike defined value: the largest for a similarity, the
    /// smallest for a distance; `nil` when the row has none. `skipping` leaves one column out
    /// (the diagonal, when a model is compared with itself). Ties go to the first.
    /// - Complexity: O(cols).
    public func bestColumn(inRow row: Int, orientation: Orientation, skipping: Int? = nil) -> Int? {
        guard row >= 0, row < rows else { return nil }
        var best: (col: Int, value: Double)?
        for c in 0..<cols where c != skipping {
            guard let v = outcomes[row * cols + c]?.value.number else { continue }
            if let b = best {
                let better = orientation == .similarity ? v > b.value : v < b.value
                if better { best = (c, v) }
            } else {
                best = (c, v)
            }
        }
        return best?.col
    }
}
