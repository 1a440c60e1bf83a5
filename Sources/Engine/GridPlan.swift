import Foundation
import Similarity

/// How a linear- or debiased-CKA grid will be computed (the memory plan's answer for the
/// headless grid, see `MemoryPlan.grid`):
/// - `.inMemory(form)`: every layer centred in memory and, in the Gram form, every packed
///   centred Gram matrix; the fastest when it fits;
/// - `.streaming`: exact sums over row blocks, never holding a layer or an n×n matrix (the
///   pairs' sums, 8·D_X·D_Y bytes each, are split into passes when they exceed the budget);
/// - `.minibatch(b)`: minibatch CKA (Nguyen et al. 2021), when even one pair's exact sums do
///   not fit, or when asked for.
public enum GridPlan: Equatable, Sendable {
    case inMemory(KernelForm)
    case streaming
    case minibatch(batchSize: Int)

    /// What the user asked for with `--estimator`: `sums` streams the exact additive sums
    /// even when the layers fit in memory (any feature-space measure).
    public enum Choice: String, CaseIterable, Sendable {
        case auto, exact, minibatch, sums
    }

    /// Rows per block in the streaming pass.
    public static let blockRows = 2048
}
