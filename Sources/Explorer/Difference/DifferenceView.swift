import Similarity

/// The difference view of the grid screen: the grid shown (the minuend, `AppState.gridKey`)
/// minus another grid with the same rows and columns (the subtrahend): the same model pair
/// under another metric, or another model pair (with the same layer names on each axis, in
/// the same order) under the same metric. Drawn on the baseline's diverging scale, centred
/// on 0, over ±`limit`.
///
/// A cell is `A − B` when both are known numbers; undefined (with the reason, naming the
/// operand) when either is undefined; pending while either is not computed.
///
/// Similarities and distances are never mixed: `AppState.differenceProblem` refuses a
/// metric of the other orientation, since a similarity minus a distance means nothing.
public struct DifferenceView: Sendable, Equatable {
    /// What is subtracted from the grid shown.
    public enum Operand: Sendable, Equatable, Hashable {
        /// The same pair under this metric.
        case metric(Metric)
        /// This pair under the same metric.
        case pair(ModelPair)
    }

    public let operand: Operand
    /// The grid shown, A.
    public let minuend: GridKey
    /// The grid subtracted, B.
    public let subtrahend: GridKey
    /// The colour range is `-limit...limit`: the largest |A − B| known so far, at least
    /// `BaselineResult.minimumLimit` (grown as cells arrive, never shrunk).
    public private(set) var limit: Double = BaselineResult.minimumLimit

    public init(operand: Operand, minuend: GridKey, subtrahend: GridKey) {
        self.operand = operand
        self.minuend = minuend
        self.subtrahend = subtrahend
    }

    /// The two grids, A first.
    public var operands: [GridKey] { [minuend, subtrahend] }

    /// The colour range.
    public var range: ClosedRange<Double> { -limit...limit }

    /// A − B at one real cell: `nil` while either is not computed (and neither is undefined),
    /// undefined with the operand's name and reason when either is undefined.
    public static func value(_ a: CellValue?, _ b: CellValue?, names: (a: String, b: String)) -> CellValue? {
        switch (a, b) {
        case (.undefined(let ra)?, .undefined(let rb)?):
            return .undefined(reason: "\(names.a) undefined: \(ra); \(names.b) undefined: \(rb)")
        case (.undefined(let ra)?, _):
            return .undefined(reason: "\(names.a) undefined: \(ra)")
        case (_, .undefined(let rb)?):
            return .undefined(reason: "\(names.b) undefined: \(rb)")
        case (.value(let x)?, .value(let y)?):
            let d = x - y
            return d.isFinite ? .value(d) : .undefined(reason: "\(names.a) \u{2212} \(names.b) is not finite")
        default:
            return nil
        }
    }

    /// Takes a newly known difference into the colour range.
    mutating func include(_ d: CellValue?) {
        if let v = d?.number, v.isFinite { limit = max(limit, abs(v)) }
    }
}
