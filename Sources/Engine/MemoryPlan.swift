import Foundation
import Similarity

/// The one memory plan every job asks, so `--memory` means the same everywhere: the headless
/// grid and its streamed form (`grid`), the explorer's grid (`kernelForm`), the drill-down
/// and `pair` (`measureFits`, `drill`), the seed baseline and correspondence (through the
/// prepared-layer cache it bounds, `cacheBytes`).
///
/// `budget` is the bytes the computed state may take: prepared layers, Gram matrices, sums,
/// the layers read into memory. The process's own code and the pages of a memory-mapped file
/// being read are outside it; the readers release mapped pages once a layer is converted.
public struct MemoryPlan: Sendable, Equatable {
    public let budget: Int

    public init(budget: Int) {
        self.budget = max(budget, 0)
    }

    /// No bound (tests, library callers that plan elsewhere).
    public static let unlimited = MemoryPlan(budget: Int.max)

    /// The share of the budget one of `parts` concurrent jobs may use: the explorer runs a
    /// grid (or baseline) job and a drill-down at once, each in half.
    public func share(_ parts: Int) -> MemoryPlan {
        budget == Int.max ? self : MemoryPlan(budget: budget / max(parts, 1))
    }

    // MARK: the linear-kernel grid

    /// Bytes the in-memory forms need: the centred layers (4·n·ΣD), plus for the Gram form the
    /// packed Grams (2·n(n+1) per layer) and one n×n scratch matrix per thread. The raw copy a
    /// thread holds while it centres a layer is not counted (the slack `--memory` leaves for
    /// it is measured by the budget tests); the mapped file's pages are released after each
    /// read (`ActivationSource.readAll`).
    public static func inMemoryBytes(form: KernelForm, n: Int, widths: [Int], threads: Int) -> Double {
        let nd = Double(n)
        let layers = 4 * nd * Double(widths.reduce(0, +))
        // Packed Grams hold n(n+1)/2 values of 4 or 8 bytes (`PackedGram.Precision`: double up
        // to N = 2048, where its cost is small, so every path agrees with float64).
        let value = Double(PackedGram.Precision.forSampleCount(n).bytesPerValue)
        switch form {
        case .gram: return layers + value / 2 * nd * (nd + 1) * Double(widths.count) + value * nd * nd * Double(threads)
        case .features, .streaming: return layers
        }
    }

    /// The smallest budget the exact streaming pass can work in: one block of every layer
    /// plus the largest single pair's sums.
    public static func streamingFloorBytes(widths: [Int], n: Int, blockRows: Int = GridPlan.blockRows) -> Double {
        // A block in float32 plus its double-precision copy for the products: 12 bytes a value.
        let block = 12 * Double(min(blockRows, n)) * Double(widths.reduce(0, +))
        let largest = widths.max().map { 8 * Double($0) * Double($0) } ?? 0
        return block + largest
    }

    /// The cheaper in-memory form (by flops, `KernelForm.cheapest`) if it fits, else the
    /// other in-memory form if that fits, else `nil`.
    public func inMemoryForm(n: Int, rowWidths: [Int], colWidths: [Int], threads: Int) -> KernelForm? {
        let cheapest = KernelForm.cheapest(sampleCount: n, rowWidths: rowWidths, colWidths: colWidths)
        let other: KernelForm = cheapest == .gram ? .features : .gram
        for form in [cheapest, other]
        where Self.inMemoryBytes(form: form, n: n, widths: rowWidths + colWidths, threads: threads) <= Double(budget) {
            return form
        }
        return nil
    }

    /// The explorer's form of the linear kernel for one grid (its job runs on one thread):
    /// the cheaper in-memory form that fits, else streaming.
    /// - Parameters: `colWidths` empty for a grid of a model with itself.
    public func kernelForm(n: Int, rowWidths: [Int], colWidths: [Int]) -> KernelForm {
        inMemoryForm(n: n, rowWidths: rowWidths, colWidths: colWidths, threads: 1) ?? .streaming
    }

    /// The linear kernel's form for jobs over many models' layers at once (the seed baseline,
    /// correspondence), whose prepared layers share one cache: the Gram form when every
    /// layer's packed Gram fits, else the feature form when every centred layer fits, else
    /// streaming. The Gram form first, as those commands always used it when memory allowed.
    public func sharedForm(n: Int, widths: [Int]) -> KernelForm {
        for form in [KernelForm.gram, .features]
        where Self.inMemoryBytes(form: form, n: n, widths: widths, threads: 1) <= Double(budget) {
            return form
        }
        return .streaming
    }

    /// Why a computation was refused: the message names what needs how much.
    public struct Refusal: Error, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The headless linear-family grid's plan, or why none fits.
    /// - Parameters:
    ///   - same: a model against itself (the columns are the rows).
    ///   - sums: the run must produce additive sums (`--partial`), so in-memory is out.
    public func grid(n: Int, rowWidths: [Int], colWidths: [Int], same: Bool, choice: GridPlan.Choice,
                     batchSize: Int, sums: Bool, threads: Int,
                     blockRows: Int = GridPlan.blockRows) -> Result<GridPlan, Refusal> {
        if choice == .minibatch { return .success(.minibatch(batchSize: batchSize)) }
        let widths = rowWidths + (same ? [] : colWidths)
        if !sums && choice != .sums, let form = inMemoryForm(n: n, rowWidths: rowWidths, colWidths: same ? [] : colWidths, threads: threads) {
            return .success(.inMemory(form))
        }
        let floor = Self.streamingFloorBytes(widths: widths, n: n, blockRows: blockRows)
        if floor <= Double(budget) { return .success(.streaming) }
        if choice == .auto { return .success(.minibatch(batchSize: batchSize)) }
        return .failure(Refusal(description: "the exact estimator needs at least \(MemorySize(bytes: Int(floor.rounded(.up)))) here (one block of rows and the widest pair's sums) but --memory allows \(MemorySize(bytes: budget)); raise --memory or use --estimator minibatch"))
    }

    // MARK: single measures and the drill-down

    /// Why `measure` cannot prepare an n×d_X and an n×d_Y layer within the budget, or `nil`
    /// when it can. `held` is memory already taken (e.g. the two layers read into memory).
    public func refusal(for measure: any PairMeasure, n: Int, widths: (Int, Int), held: Double = 0) -> Refusal? {
        let need = measure.preparedBytes(sampleCount: n, width: widths.0) + measure.preparedBytes(sampleCount: n, width: widths.1)
        return refusal(need: need, held: held, what: "\(measure.metric.rawValue) needs about \(Self.text(need)) for the two layers")
    }

    /// The same for two sources, counted by `PairMeasure.preparedBytes(source:)` (what the
    /// measure reads from each, e.g. a 4-D layer's channel maps rather than its reduced rows).
    public func refusal(for measure: any PairMeasure, x: any ActivationSource, y: any ActivationSource,
                        held: Double = 0) -> Refusal? {
        let need = measure.preparedBytes(source: x) + measure.preparedBytes(source: y)
        return refusal(need: need, held: held, what: "\(measure.metric.rawValue) needs about \(Self.text(need)) for the two layers")
    }

    /// `nil` when `need` more bytes fit beside `held`, else the refusal saying `what`.
    public func refusal(need: Double, held: Double = 0, what: String) -> Refusal? {
        if need + held <= Double(budget) { return nil }
        return Refusal(description: "not computed within --memory \(MemorySize(bytes: budget)): \(what)")
    }

    /// The linear kernel's form for one pair (the drill's HSIC terms and the CKA rows):
    /// the Gram form when both packed n×n Grams fit, else the feature form when the two
    /// centred layers fit, else streaming.
    public func pairForm(n: Int, widths: (Int, Int), held: Double = 0) -> KernelForm {
        let probe = { (form: KernelForm) -> Bool in
            let m = CKAMeasure(metric: .linearCKA, options: MetricOptions(), form: form)
            return refusal(for: m, n: n, widths: widths, held: held) == nil
        }
        if probe(.gram) { return .gram }
        if probe(.features) { return .features }
        return .streaming
    }

    /// The bound of a prepared-layer cache working in this plan.
    public var cacheBytes: Int { budget }

    /// "1.2 GiB", "300 MiB".
    static func text(_ bytes: Double) -> String {
        MemorySize(bytes: bytes >= Double(Int.max) ? Int.max : Int(bytes.rounded(.up))).description
    }
}
