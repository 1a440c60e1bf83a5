import Similarity

/// The drill-down panel of one cell: the parts that have arrived so far (each `nil` until
/// then, shown as "computing…") and how far the panel is scrolled.
public struct DrillState: Sendable {
    /// The cell whose details are shown; parts for any other cell are ignored.
    public let cell: CellKey
    public var linearTerms: Result<CKAResult, SimilarityError>?
    public var decomposition: Result<CKADecomposition, SimilarityError>?
    /// Neuron-matching progress, 0…1, until `matching` arrives.
    public var matchingProgress: Double?
    public var matching: Result<NeuronMatching, SimilarityError>?
    public var measures: [MeasureRow]?
    public var significance: Result<SignificanceSummary, SimilarityError>?
    public var sweeps: Result<MatchingSweeps, SimilarityError>?
    /// The first panel line shown.
    public var scroll: Int = 0

    public init(cell: CellKey) {
        self.cell = cell
    }

    /// Stores one part.
    public mutating func receive(_ part: DrillPart) {
        switch part {
        case .linearTerms(let r): linearTerms = r
        case .decomposition(let r): decomposition = r
        case .matchingProgress(let p): matchingProgress = min(1, max(0, p))
        case .matching(let r): matching = r
        case .measures(let rows): measures = rows
        case .significance(let r): significance = r
        case .sweeps(let r): sweeps = r
        }
    }

    /// Whether every part has arrived.
    public var isComplete: Bool {
        linearTerms != nil && decomposition != nil && matching != nil && measures != nil && significance != nil && sweeps != nil
    }
}
