/// How a layer with more than two axes becomes an N×D matrix.
///
/// Axis 0 is always the sample axis N. A 2-D layer (N, a) is unchanged by every policy, and a
/// 1-D layer (N,) is read as N×1.
///
/// **Token sequences, N×T×D** (3 axes: tokens on axis 1, features on the last axis):
///
/// - `first`: N×D, token 0 (the CLS token of BERT-like and ViT models; `--reduce cls` means the
///   same). With a token mask, the first real token of each row (left padding).
/// - `last`: N×D, token T−1. With a token mask, the last real token of each row.
/// - `mean`: N×D, the mean over the tokens (over the real ones with a mask), summed in `Double`.
/// - `max`: N×D, the largest value of each feature over the tokens (the real ones with a mask);
///   a NaN among them makes the cell NaN.
/// - `flatten`: N×(T·D), every token's features, token-major.
///
/// **Four or more axes, (N, a, b, c, …)**, e.g. convolutions stored channels-first N×C×H×W:
///
/// - `flatten`: N × (a·b·c·…). Column j is the element whose trailing index (a, b, c, …) is the
///   j-th in C order (last axis fastest) *of the logical array*, whatever the storage order —
///   a Fortran-order file gives the same matrix as its C-order twin.
/// - `mean`: N × a. Averages over every axis after the second, i.e. over b, c, …, keeping the second
///   axis: global average pooling N×C×H×W → N×C. Sums are accumulated in `Double`.
/// - `first`, `last` and `max` are token policies and are refused for such a layer (a
///   `badLayerShape` error naming it), rather than guessing which axis holds tokens.
public enum ReducePolicy: String, Sendable, Equatable, CaseIterable {
    case flatten
    case mean
    case first
    case last
    case max

    /// True for the policies that pick or pool tokens of an N×T×D layer (all but `flatten`).
    public var isTokenPolicy: Bool { self != .flatten }

    /// The policy named `name` as `--reduce` spells it; `cls` (the capture helper's name) is `first`.
    public init?(name: String) {
        if name == "cls" { self = .first } else { self.init(rawValue: name) }
    }

    /// Why this policy cannot reduce `shape`, or nil when it can: `first`, `last` and `max` are
    /// defined for layers of at most three axes only.
    func refusal(of shape: [Int]) -> String? {
        guard shape.count > 3, self == .first || self == .last || self == .max else { return nil }
        return "--reduce \(rawValue) picks or pools tokens of an N×T×D layer, but shape \(shapeText(shape)) has "
            + "\(shape.count) axes; use mean (average over the axes after the second) or flatten"
    }

    /// D, the width after reduction, for a validated shape with at least one axis.
    /// Returns nil if the product overflows (it cannot for shapes that fit in a file), or when
    /// `refusal(of:)` refuses the shape.
    func width(of shape: [Int]) -> Int? {
        switch shape.count {
        case 0: return nil
        case 1: return 1
        case 2: return shape[1]
        default:
            if refusal(of: shape) != nil { return nil }
            switch self {
            case .first, .last, .max: return shape[2]
            case .mean: return shape.count == 3 ? shape[2] : shape[1]
            case .flatten:
                var width = 1
                for d in shape.dropFirst() {
                    let (p, o) = width.multipliedReportingOverflow(by: d)
                    if o { return nil }
                    width = p
                }
                return width
            }
        }
    }

    /// True when rows are produced by `TokenReader` (a 3-D layer under a token policy) rather than
    /// by `ReadPlan`.
    func readsTokens(of shape: [Int]) -> Bool { shape.count == 3 && isTokenPolicy }
}
