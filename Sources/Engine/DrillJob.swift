import Foundation
import Explorer
import LayerIO
import Similarity

/// Computes the drill-down panel of one cell on a `Worker`, piece by piece, cheapest first:
/// the linear HSIC terms, the principal-component split, the table of every measure, the
/// neuron matching (with progress), then the permutation test and bootstrap for the grid's
/// metric. Each piece is posted as soon as it is ready; `cancel` stops between and inside
/// the long pieces.
///
/// Every piece asks the memory plan (`DrillJob.Budget`): the two layers are read once and
/// held; the HSIC terms and the CKA rows use the n×n Gram only when it fits, else the
/// feature form, else streaming; a piece that does not fit even so is not computed and says
/// which piece needs how much (the panel shows it).
public final class DrillJob: @unchecked Sendable {
    // @unchecked: immutable after init; the cancel flag is the worker's.
    public let cell: CellKey
    private let x: GridLayer
    private let y: GridLayer
    private let options: MetricOptions
    private let metric: Metric
    private let plan: MemoryPlan
    private let worker: Worker

    /// Permutations and bootstrap resamples for the panel's significance section.
    public static let permutations = 199
    public static let bootstrap = 200
    public static let seed: UInt64 = 0

    /// - Parameters:
    ///   - x, y: the cell's row and column layers.
    ///   - plan: the drill's share of `--memory`.
    public init(cell: CellKey, x: GridLayer, y: GridLayer, options: MetricOptions, metric: Metric,
                plan: MemoryPlan, post: @escaping @Sendable (EngineEvent) -> Void) {
        self.cell = cell
        self.x = x
        self.y = y
        self.options = options
        self.metric = metric
        self.plan = plan
        self.worker = Worker(name: "layermap.drill", post: post)
    }

    /// Starts the work, after `previous` (a drill it replaces) has returned, so two drills
    /// never hold their layers at once.
    public func start(after previous: DrillJob? = nil) {
        worker.start(after: previous?.worker) { [self] in run() }
    }

    public func cancel() { worker.cancel() }
    public var isCancelled: Bool { worker.isCancelled }
    public func waitUntilFinished() { worker.waitUntilFinished() }

    private func send(_ part: DrillPart) { worker.postUnlessCancelled(.drill(cell, part)) }

    private func run() {
        let n = x.source.sampleCount
        let widths = (x.source.width, y.source.width)
        let budget = Budget(plan: plan, n: n, widths: widths)
        if let r = budget.layers {
            fail(with: .overBudget(r.description), metrics: MeasureFactory.available)
            return
        }
        let xm: Matrix<Float>, ym: Matrix<Float>
        do {
            xm = try x.source.readAll()
            ym = try y.source.readAll()
        } catch {
            fail(with: SimilarityError.unreadable("\(error)"), metrics: MeasureFactory.available)
            return
        }
        // Every measure below prepares its state from these matrices, read and converted once
        // (the channel-map measures read a 4-D layer's maps from its file: `spatialBase`).
        let x = GridLayer(id: self.x.id, label: self.x.label, source: InMemoryActivations(xm, spatialBase: self.x.source))
        let y = GridLayer(id: self.y.id, label: self.y.label, source: InMemoryActivations(ym, spatialBase: self.y.source))
        let isCancelled: @Sendable () -> Bool = { [worker] in worker.isCancelled }

        // 1. The linear HSIC terms, in the form the budget allows.
        let form = plan.pairForm(n: n, widths: widths, held: budget.held)
        let linear = MeasureFactory.measure(for: .linearCKA, options: options, form: form)
        if let r = plan.refusal(for: linear, n: n, widths: widths, held: budget.held) {
            send(.linearTerms(.failure(.overBudget(r.description))))
        } else {
            let lin = PairEvaluator(measure: linear, cache: PreparedLayerCache()).evaluate(x, y)
            send(.linearTerms(lin.cka.map { .success($0) } ?? .failure(.degenerate(lin.value.reason ?? "no HSIC terms"))))
        }
        if isCancelled() { return }

        // 2. The principal-component split.
        if let r = budget.decomposition {
            send(.decomposition(.failure(.overBudget(r.description))))
        } else {
            send(.decomposition(CKADecomposer.decompose(x: xm, y: ym, isCancelled: isCancelled)))
        }
        if isCancelled() { return }

        // 3. Every measure, through the loop `layermap pair` uses.
        _ = PairReport.measures(x: x, y: y, metrics: MeasureFactory.available, options: options, plan: plan,
                                held: budget.held, isCancelled: isCancelled, each: { send(.measures($0)) })
        if isCancelled() { return }

        // 4. The neuron matching.
        if let r = budget.matching {
            send(.matching(.failure(.overBudget(r.description))))
        } else {
            do {
                let matching = try NeuronMatcher.match(x: xm, y: ym, progress: { [self] f in send(.matchingProgress(f)) },
                                                       isCancelled: isCancelled)
                send(.matching(.success(matching)))
            } catch let e as SimilarityError {
                if e != .cancelled { send(.matching(.failure(e))) }
            } catch {
                send(.matching(.failure(.unreadable("\(error)"))))
            }
        }
        if isCancelled() { return }

        // 5. The rank and sparsity sweeps of direct matching (the lasso path is the slow part).
        if let r = budget.sweeps {
            send(.sweeps(.failure(.overBudget(r.description))))
        } else {
            send(.sweeps(PairReport.sweeps(x: x, y: y, isCancelled: isCancelled)))
        }
        if isCancelled() { return }

        // 6. The permutation test and bootstrap for the grid's metric.
        let measure = MeasureFactory.measure(for: metric, options: options, form: form)
        if let r = budget.significance(measure) {
            send(.significance(.failure(.overBudget(r.description))))
            return
        }
        do {
            let s = try PermutationTest(measure: measure).run(
                x: xm, y: ym, permutations: Self.permutations, bootstrap: Self.bootstrap, seed: Self.seed,
                isCancelled: isCancelled)
            send(.significance(.success(s)))
        } catch let e as SimilarityError {
            if e != .cancelled { send(.significance(.failure(e))) }
        } catch {
            send(.significance(.failure(.unreadable("\(error)"))))
        }
    }

    /// Fills every section with one reason (the layers cannot be read, or not held).
    private func fail(with e: SimilarityError, metrics: [Metric]) {
        send(.linearTerms(.failure(e)))
        send(.measures(metrics.map { MeasureRow(metric: $0, outcome: PairOutcome(value: .undefined(reason: e.description))) }))
        send(.decomposition(.failure(e)))
        send(.matching(.failure(e)))
        send(.significance(.failure(e)))
        send(.sweeps(.failure(e)))
    }
}
