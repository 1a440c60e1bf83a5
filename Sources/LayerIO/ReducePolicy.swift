/// How a layer with more than two axes becomes an N×D matrix.
///
/// Axis 0 is always the sample axis N. For a layer of shape (N, a, b, c, …):
///
/// - `flatten`: N × (a·b·c·…). Column j is the element whose trailing index (a, b, c, …) is the
///   j-th in C order (last axis fastest) *of the logical array*, whatever the storage order —
///   a Fortran-order file gives the same matrix as its C-order twin.
/// - `mean`: N × a. Averages over every axis after the second, i.e. over b, c, …, keeping the second
///   axis. For convolutions stored channels-first (N×C×H×W) this is global average pooling → N×C;
///   for transformer activations (N×T×D) it averages the hidden dimension → N×T, one value per token.
///   If you want N×D per-token means instead, transpose before exporting. Sums are accumulated in
///   `Double`.
///
/// A 2-D layer (N, a) is unchanged by either policy, and a 1-D layer (N,) is read as N×1.
public enum ReducePolicy: String, Sendable, Equatable, CaseIterable {
    case flatten
    case mean

    /// D, the width after reduction, for a validated shape with at least one axis.
    /// Returns nil if the product overflows (it cannot for shapes that fit in a file).
    func width(of shape: [Int]) -> Int? {
        switch shape.count {
        case 0: return nil
        case 1: return 1
        case 2: return shape[1]
        default:
            switch self {
            case .mean: return shape[1]
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
}
