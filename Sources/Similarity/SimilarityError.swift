/// Why a layer's statistics could not be computed. The engine turns these into
/// `CellValue.undefined` reasons; the CLI prints them on one line.
public enum SimilarityError: Error, Equatable, CustomStringConvertible {
    /// The layer holds `count` NaN or infinite values.
    case nonFinite(count: Int)
    /// Two layers were given with different sample counts.
    case sampleCountMismatch(rows: Int, cols: Int)
    /// The estimator needs more samples than the layer has.
    case tooFewSamples(needed: Int, have: Int)
    /// The layer could not be read.
    case unreadable(String)
    /// The layer's statistics are degenerate for this measure (the reason says how).
    case degenerate(String)
    /// The computation was cancelled.
    case cancelled
    /// Not computed because it does not fit the memory budget (the text says what needs how much).
    case overBudget(String)

    public var description: String {
        switch self {
        case .nonFinite(let c): return "holds \(c) NaN or infinite value\(c == 1 ? "" : "s")"
        case .sampleCountMismatch(let a, let b): return "X has \(a) rows while Y has \(b)"
        case .tooFewSamples(let need, let have): return "needs at least \(need) samples, has \(have)"
        case .unreadable(let why): return why
        case .degenerate(let why): return why
        case .cancelled: return "cancelled"
        case .overBudget(let why): return why
        }
    }
}
