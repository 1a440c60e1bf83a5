/// Which values the colour scale spans: the ends of the scale are these two numbers, and
/// values outside are drawn in the end colours.
///
/// - `full`: the measure's own range (linear CKA 0…1, MMD² 0…2), the same for every grid, so
///   colours compare across grids;
/// - `auto`: the smallest and largest known value of the grid;
/// - `robust`: the 2nd and 98th percentiles of the grid's known values, so a few outliers
///   (the diagonal of a model against itself) do not flatten the rest;
/// - `fixed`: two numbers the user gave, `MIN:MAX`.
///
/// Percentiles follow numpy's default (`np.percentile(x, q)`, method "linear"): over the
/// `n` values sorted ascending, position `h = (n − 1)·q/100` (0-based), and the value
/// `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`.
public enum ColorRange: Sendable, Hashable {
    case full
    case auto
    case robust
    case fixed(lower: Double, upper: Double)

    /// The lower and upper percentile of `robust`.
    public static let robustPercentiles: (lower: Double, upper: Double) = (2, 98)

    /// The next mode of the cycle full → auto → robust → fixed → full. The fixed mode's
    /// numbers are asked for when it is entered (`fixed` here carries the range shown before).
    public func next(current: ClosedRange<Double>) -> ColorRange {
        switch self {
        case .full: return .auto
        case .auto: return .robust
        case .robust: return .fixed(lower: current.lowerBound, upper: current.upperBound)
        case .fixed: return .full
        }
    }

    /// A word for the legend and the status line: `full`, `auto`, `robust 2–98%`, `fixed`.
    public func name(dash: String = "–") -> String {
        switch self {
        case .full: return "full"
        case .auto: return "auto"
        case .robust: return "robust 2\(dash)98%"
        case .fixed: return "fixed"
        }
    }

    /// The range to draw with: from the measure's `full` range, and `sorted`, the grid's
    /// known finite values in ascending order. `auto` and `robust` fall back to `full` while
    /// no value is known, or when every known value is the same (a range of zero width would
    /// colour nothing).
    /// - Complexity: O(1).
    public func resolve(full: ClosedRange<Double>, sorted: [Double]) -> ClosedRange<Double> {
        let lower: Double, upper: Double
        switch self {
        case .full: return full
        case .fixed(let lo, let hi): return lo <= hi ? lo...hi : hi...lo
        case .auto:
            guard let first = sorted.first, let last = sorted.last else { return full }
            (lower, upper) = (first, last)
        case .robust:
            guard let lo = ColorRange.percentile(sorted, ColorRange.robustPercentiles.lower),
                  let hi = ColorRange.percentile(sorted, ColorRange.robustPercentiles.upper) else { return full }
            (lower, upper) = (lo, hi)
        }
        return lower < upper ? lower...upper : full
    }

    /// The `q`-th percentile (0…100) of `sorted` (ascending, finite) by linear interpolation
    /// between the two nearest ranks, as numpy's default does; `nil` when it is empty.
    /// - Complexity: O(1).
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let h = Double(sorted.count - 1) * min(100, max(0, q)) / 100
        let k = Int(h.rounded(.down))
        guard k + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let f = h - Double(k)
        return sorted[k] + f * (sorted[k + 1] - sorted[k])
    }

    /// Reads `MIN:MAX` (two finite numbers, MIN below MAX; spaces allowed around them), or
    /// says what is wrong with the text.
    public static func parseFixed(_ text: String) -> Result<ColorRange, RangeTextError> {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .failure(.notAPair(text)) }
        let trim = { (s: Substring) in String(s.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
        let a = trim(parts[0]), b = trim(parts[1])
        guard let lo = Double(a), lo.isFinite else { return .failure(.notANumber(a)) }
        guard let hi = Double(b), hi.isFinite else { return .failure(.notANumber(b)) }
        guard lo < hi else { return .failure(.notIncreasing(lo, hi)) }
        return .success(.fixed(lower: lo, upper: hi))
    }
}

/// Why a `MIN:MAX` text is not a range.
public enum RangeTextError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAPair(String)
    case notANumber(String)
    case notIncreasing(Double, Double)

    public var description: String {
        switch self {
        case .notAPair(let t): return "\"\(t)\" is not MIN:MAX (e.g. 0.9:1)"
        case .notANumber(let t): return "\"\(t)\" is not a finite number"
        case .notIncreasing(let lo, let hi): return "MIN must be below MAX (got \(NumberFormat.exact(lo)):\(NumberFormat.exact(hi)))"
        }
    }
}
