import Foundation
import Similarity

/// How a linear- or debiased-CKA grid will be computed, chosen from the problem's size and
/// the memory budget:
/// - `.inMemory(form)`: every layer centred in memory and, in the Gram form, every packed
///   centred Gram matrix; the fastest when it fits;
/// - `.streaming`: exact sums over row blocks, never holding a layer or an n×n matrix (the
///   pairs' sums, 8·D_X·D_Y bytes each, are split into passes when they exceed the budget);
/// - `.minibatch(b)`: minibatch CKA (Nguyen et al. 2021), when even one pair's exact sums do
///   not fit, or when asked for.
enum GridPlan: Equatable {
    case inMemory(KernelForm)
    case streaming
    case minibatch(batchSize: Int)

    /// What the user asked for with `--estimator`.
    enum Choice: String, CaseIterable {
        case auto, exact, minibatch
    }

    /// Rows per block in the streaming pass.
    static let blockRows = 2048

    /// Bytes the in-memory forms need: the layers (4·n·ΣD), plus for the Gram form the packed
    /// Grams (n(n+1)/2 values per layer, 4 or 8 bytes each by `PackedGram.Precision`) and one
    /// n×n scratch matrix per thread.
    static func inMemoryBytes(form: KernelForm, n: Int, widths: [Int], threads: Int) -> Double {
        let nd = Double(n)
        let layers = 4 * nd * Double(widths.reduce(0, +))
        let value = Double(PackedGram.Precision.forSampleCount(n).bytesPerValue)
        switch form {
        case .gram: return layers + value / 2 * nd * (nd + 1) * Double(widths.count) + value * nd * nd * Double(threads)
        case .features, .streaming: return layers
        }
    }

    /// The smallest budget the exact streaming pass can work in: one block of every layer
    /// plus the largest single pair's sums.
    static func streamingFloorBytes(widths: [Int], n: Int, blockRows: Int = blockRows) -> Double {
        let block = 12 * Double(min(blockRows, n)) * Double(widths.reduce(0, +))
        let largest = widths.max().map { 8 * Double($0) * Double($0) } ?? 0
        return block + largest
    }

    /// Chooses a plan, or says why none fits.
    /// - Parameters:
    ///   - widths: every layer of the grid once (rows, then columns unless the same).
    ///   - sums: the headless run must produce additive sums (`--partial`), so in-memory is out.
    static func choose(n: Int, rowWidths: [Int], colWidths: [Int], same: Bool, budget: Int, choice: Choice,
                       batchSize: Int, sums: Bool, threads: Int, blockRows: Int = blockRows) -> Result<GridPlan, CLIFailure> {
        if choice == .minibatch { return .success(.minibatch(batchSize: batchSize)) }
        let widths = rowWidths + (same ? [] : colWidths)
        if !sums {
            let cheapest = KernelForm.cheapest(sampleCount: n, rowWidths: rowWidths, colWidths: same ? [] : colWidths)
            let other: KernelForm = cheapest == .gram ? .features : .gram
            for form in [cheapest, other] where inMemoryBytes(form: form, n: n, widths: widths, threads: threads) <= Double(budget) {
                return .success(.inMemory(form))
            }
        }
        let floor = streamingFloorBytes(widths: widths, n: n, blockRows: blockRows)
        if floor <= Double(budget) { return .success(.streaming) }
        if choice == .auto { return .success(.minibatch(batchSize: batchSize)) }
        return .failure(.badInput("the exact estimator needs at least \(MemorySize(bytes: Int(floor.rounded(.up)))) here (one block of rows and the widest pair's sums) but --memory allows \(MemorySize(bytes: budget)); raise --memory or use --estimator minibatch"))
    }
}
