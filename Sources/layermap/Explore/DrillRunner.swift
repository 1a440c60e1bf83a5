import Foundation
import Explorer
import LayerIO
import Similarity

/// Computes the drill-down panel of one cell on its own thread, piece by piece, cheapest
/// first: the linear HSIC terms, the principal-component split, the table of every measure,
/// the neuron matching (with progress), then the permutation test and bootstrap for the
/// grid's metric. Each piece is posted as soon as it is ready; `cancel` stops between and
/// inside the long pieces.
final class DrillRunner: @unchecked Sendable {
    // @unchecked: `cancelled` is guarded by `lock`; the rest is immutable.
    let cell: CellKey
    private let x: GridLayer
    private let y: GridLayer
    private let options: MetricOptions
    private let metric: Metric
    private let post: @Sendable (EngineEvent) -> Void
    private let lock = NSLock()
    private var cancelled = false

    /// Permutations and bootstrap resamples for the panel's significance section.
    static let permutations = 199
    static let bootstrap = 200
    static let seed: UInt64 = 0

    init(cell: CellKey, catalog: Catalog, options: MetricOptions, metric: Metric,
         post: @escaping @Sendable (EngineEvent) -> Void) {
        self.cell = cell
        self.x = catalog.gridLayers(ofModel: cell.grid.rowModel)[cell.row]
        self.y = catalog.gridLayers(ofModel: cell.grid.colModel)[cell.col]
        self.options = options
        self.metric = metric
        self.post = post
    }

    func start() {
        let t = Thread { [self] in self.run() }
        t.name = "layermap.drill"
        t.stackSize = 8 << 20
        t.start()
    }

    func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    private func send(_ part: DrillPart) {
        if !isCancelled { post(.drill(cell, part)) }
    }

    private func run() {
        BackgroundPriority.lowerCurrentThread()
        let xm: Matrix<Float>, ym: Matrix<Float>
        do {
            xm = try x.source.readAll()
            ym = try y.source.readAll()
        } catch {
            let e = SimilarityError.unreadable("\(error)")
            send(.linearTerms(.failure(e)))
            send(.measures(MeasureFactory.available.map { MeasureRow(metric: $0, outcome: PairOutcome(value: .undefined(reason: e.description))) }))
            send(.decomposition(.failure(e)))
            send(.matching(.failure(e)))
            send(.significance(.failure(e)))
            return
        }
        // Every measure below prepares its state from these matrices, read and converted once.
        let x = GridLayer(id: self.x.id, label: self.x.label, source: InMemoryActivations(xm))
        let y = GridLayer(id: self.y.id, label: self.y.label, source: InMemoryActivations(ym))
        let cache = PreparedLayerCache()
        let linear = CKAMeasure(metric: .linearCKA, options: options)
        let lin = PairEvaluator(measure: linear, cache: cache).evaluate(x, y)
        send(.linearTerms(lin.cka.map { .success($0) } ?? .failure(.degenerate(lin.value.reason ?? "no HSIC terms"))))
        if isCancelled { return }

        send(.decomposition(CKADecomposer.decompose(x: xm, y: ym, isCancelled: { [self] in isCancelled })))
        if isCancelled { return }

        var rows: [MeasureRow] = []
        for m in MeasureFactory.available {
            if isCancelled { return }
            let measure = MeasureFactory.measure(for: m, options: options)
            rows.append(MeasureRow(metric: m, outcome: PairEvaluator(measure: measure, cache: cache).evaluate(x, y)))
            send(.measures(rows))
        }

        do {
            let matching = try NeuronMatcher.match(x: xm, y: ym, progress: { [self] f in send(.matchingProgress(f)) },
                                                   isCancelled: { [self] in isCancelled })
            send(.matching(.success(matching)))
        } catch let e as SimilarityError {
            if e != .cancelled { send(.matching(.failure(e))) }
        } catch {
            send(.matching(.failure(.unreadable("\(error)"))))
        }
        if isCancelled { return }

        let measure = MeasureFactory.measure(for: metric, options: options)
        do {
            let s = try PermutationTest(measure: measure).run(
                x: xm, y: ym, permutations: Self.permutations, bootstrap: Self.bootstrap, seed: Self.seed,
                isCancelled: { [self] in isCancelled })
            send(.significance(.success(s)))
        } catch let e as SimilarityError {
            if e != .cancelled { send(.significance(.failure(e))) }
        } catch {
            send(.significance(.failure(.unreadable("\(error)"))))
        }
    }
}
