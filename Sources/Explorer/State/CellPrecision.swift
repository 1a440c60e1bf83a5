/// How many decimals the values zoom writes in each cell: 3, 4 or 6 (`d` cycles). More
/// decimals make the cells wider (`cellWidth`), so 0.9991 and 0.9994 can be told apart in a
/// grid whose values all lie in 0.99…1. The status bar always gives the cursor's value at
/// full precision (`NumberFormat.full`), whatever this says.
public enum CellPrecision: Int, Sendable, CaseIterable {
    case three = 3
    case four = 4
    case six = 6

    public var decimals: Int { rawValue }

    /// Screen columns of a cell in the values zoom: a blank, then `0.` and the decimals
    /// (`" 0.873"`, `" 0.8731"`, `" 0.873125"`). A negative value or one of 10 or more drops
    /// decimals to fit (`NumberFormat.compact`).
    public var valuesCellWidth: Int { decimals + 3 }

    /// The next precision of the cycle 3 → 4 → 6 → 3.
    public var next: CellPrecision {
        switch self {
        case .three: return .four
        case .four: return .six
        case .six: return .three
        }
    }
}
