import Foundation
import Explorer
import Similarity

/// Computes one grid in the background, cell by cell, in the order the user's focus asks
/// for, and reports every result as an `EngineEvent` through `post`.
///
/// - The job runs on a `Worker` (its thread and cancel flag); `post` is called from there.
/// - `setFocus` re-orders the remaining cells (the priority follows the cursor).
/// - `cancel` is cooperative: the worker stops before its next cell and posts `.cancelled`.
/// - For a symmetric metric on a square grid of identical layers, computing (i, j) also
///   delivers (j, i).
/// - Cells listed in `known` (e.g. already delivered) are not computed again.
/// - `prelude`, when given, runs first on the worker thread and returns outcomes found
///   elsewhere (the disk cache); they are posted as cells and not computed.
public final class GridJob: @unchecked Sendable {
    // @unchecked: mutable state (`focus`, `focusChanged`) is guarded by `lock`; the cancel
    // flag is the worker's; everything else is immutable after init.
    public let key: GridKey
    private let rows: [GridLayer]
    private let cols: [GridLayer]
    private let evaluator: PairEvaluator
    private let worker: Worker
    private let pending: [GridPosition]
    private let known: Set<GridPosition>
    private let prelude: (@Sendable () -> [GridPosition: PairOutcome])?
    private let total: Int
    private let symmetric: Bool

    private let lock = NSLock()
    private var focus: Focus
    private var focusChanged = false

    /// - Parameters:
    ///   - known: positions whose outcome the caller already has; they count as done.
    ///   - post: receives every event; must be thread-safe (e.g. an inbox's `post`).
    public init(key: GridKey, rows: [GridLayer], cols: [GridLayer], measure: any PairMeasure,
                cache: PreparedLayerCache, known: Set<GridPosition>, focus: Focus,
                prelude: (@Sendable () -> [GridPosition: PairOutcome])? = nil,
                post: @escaping @Sendable (EngineEvent) -> Void) {
        self.prelude = prelude
        self.key = key
        self.rows = rows
        self.cols = cols
        self.evaluator = PairEvaluator(measure: measure, cache: cache)
        self.worker = Worker(name: "layermap.grid", post: post)
        self.focus = focus
        let symmetric = measure.metric.isSymmetric && rows.map(\.id) == cols.map(\.id)
        self.symmetric = symmetric
        var todo: [GridPosition] = []
        for i in rows.indices {
            for j in cols.indices where !known.contains(GridPosition(row: i, col: j)) {
                if symmetric && j < i && !known.contains(GridPosition(row: j, col: i)) { continue }
                todo.append(GridPosition(row: i, col: j))
            }
        }
        self.pending = todo
        self.total = rows.count * cols.count
        self.known = known
    }

    /// Starts the worker thread. With `previous`, the worker first waits until that job's
    /// worker has returned (a cancelled job still finishes the cell it is on), so switching
    /// grids quickly never leaves more workers than cores.
    public func start(after previous: GridJob? = nil) {
        worker.start(after: previous?.worker) { [self] in run() }
    }

    /// Blocks until the worker has returned (immediately if it already has).
    public func waitUntilFinished() { worker.waitUntilFinished() }

    /// Asks the worker to stop before its next cell.
    public func cancel() { worker.cancel() }

    /// Moves the priority to a new cursor and viewport.
    public func setFocus(_ f: Focus) {
        lock.lock()
        if f != focus { focus = f; focusChanged = true }
        lock.unlock()
    }

    public var isCancelled: Bool { worker.isCancelled }

    private func post(_ event: EngineEvent) { worker.post(event) }

    private func currentFocus() -> (Focus, Bool) {
        lock.lock(); defer { lock.unlock() }
        let changed = focusChanged
        focusChanged = false
        return (focus, changed)
    }

    private func run() {
        var done = known
        if let prelude {
            for (p, outcome) in prelude() where !done.contains(p) && p.row < rows.count && p.col < cols.count {
                done.insert(p)
                post(.cell(CellKey(grid: key, row: p.row, col: p.col), outcome))
            }
        }
        var order = CellPriority.ordered(pending.filter { !done.contains($0) }, focus: currentFocus().0)
        var index = 0
        post(.progress(key, done: done.count, total: total))
        while index < order.count {
            if isCancelled { post(.cancelled(key)); return }
            let (f, changed) = currentFocus()
            if changed {
                order = CellPriority.ordered(order[index...].filter { !done.contains($0) }, focus: f)
                index = 0
                if order.isEmpty { break }
            }
            let p = order[index]
            index += 1
            if done.contains(p) { continue }
            let outcome = evaluator.evaluate(rows[p.row], cols[p.col])
            done.insert(p)
            post(.cell(CellKey(grid: key, row: p.row, col: p.col), outcome))
            if symmetric && p.row != p.col {
                let mirror = GridPosition(row: p.col, col: p.row)
                if !done.contains(mirror) {
                    done.insert(mirror)
                    post(.cell(CellKey(grid: key, row: mirror.row, col: mirror.col), outcome.transposed))
                }
            }
            post(.progress(key, done: done.count, total: total))
        }
        post(.finished(key))
    }
}
