import Foundation
import Testing
import Engine
import Explorer
import Similarity
import SimilarityTestSupport

/// The background job delivers every cell once, in focus order, and stops on cancel.
@Suite struct GridJobTests {
    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var events: [EngineEvent] = []
        let finished = DispatchSemaphore(value: 0)
        func post(_ e: EngineEvent) {
            lock.lock(); events.append(e); lock.unlock()
            switch e {
            case .finished, .cancelled: finished.signal()
            default: break
            }
        }
        var cells: [CellKey: PairOutcome] {
            lock.lock(); defer { lock.unlock() }
            var out: [CellKey: PairOutcome] = [:]
            for case .cell(let k, let o) in events { out[k] = o }
            return out
        }
        var cellOrder: [CellKey] {
            lock.lock(); defer { lock.unlock() }
            return events.compactMap { if case .cell(let k, _) = $0 { return k } else { return nil } }
        }
    }

    static func layers(_ count: Int, seed: UInt64) -> [GridLayer] {
        (0..<count).map { i in
            GridLayer(id: "m\(seed)/\(i)", label: "layer \(i)",
                      source: InMemoryActivations(SeededLayers.layer(30, 3 + i, seed: seed + UInt64(i))))
        }
    }

    @Test func deliversEveryCellMatchingTheSynchronousGrid() throws {
        let rows = Self.layers(5, seed: 100), cols = Self.layers(4, seed: 200)
        let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        let measure = CKAMeasure(metric: .linearCKA, options: MetricOptions())
        let rec = Recorder()
        let job = GridJob(key: key, rows: rows, cols: cols, measure: measure, cache: PreparedLayerCache(),
                          known: [], focus: Focus(row: 4, col: 3, visibleRows: 0..<5, visibleCols: 0..<4),
                          post: rec.post)
        job.start()
        rec.finished.wait()
        let expected = try GridComputation(rows: rows, cols: cols, measure: measure).run()
        let cells = rec.cells
        #expect(cells.count == 20)
        for i in 0..<5 { for j in 0..<4 {
            #expect(cells[CellKey(grid: key, row: i, col: j)]?.value == expected[i][j].value)
        } }
        // The cursor cell comes first.
        #expect(rec.cellOrder.first == CellKey(grid: key, row: 4, col: 3))
    }

    @Test func symmetricGridComputesOneTriangleAndMirrors() {
        let rows = Self.layers(4, seed: 300)
        let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: 0)
        let rec = Recorder()
        let job = GridJob(key: key, rows: rows, cols: rows,
                          measure: CKAMeasure(metric: .linearCKA, options: MetricOptions()),
                          cache: PreparedLayerCache(), known: [],
                          focus: Focus(row: 0, col: 0, visibleRows: 0..<4, visibleCols: 0..<4), post: rec.post)
        job.start()
        rec.finished.wait()
        let cells = rec.cells
        #expect(cells.count == 16)
        #expect(rec.cellOrder.count == 16)
        for i in 0..<4 { for j in 0..<4 {
            #expect(cells[CellKey(grid: key, row: i, col: j)]?.value == cells[CellKey(grid: key, row: j, col: i)]?.value)
        } }
    }

    @Test func knownCellsAreSkippedAndCounted() {
        let rows = Self.layers(3, seed: 400), cols = Self.layers(3, seed: 500)
        let key = GridKey(metric: .debiasedCKA, rowModel: 0, colModel: 1)
        let rec = Recorder()
        let known: Set<GridPosition> = [GridPosition(row: 0, col: 0), GridPosition(row: 2, col: 1)]
        let job = GridJob(key: key, rows: rows, cols: cols,
                          measure: CKAMeasure(metric: .debiasedCKA, options: MetricOptions()),
                          cache: PreparedLayerCache(), known: known,
                          focus: Focus(row: 1, col: 1, visibleRows: 0..<3, visibleCols: 0..<3), post: rec.post)
        job.start()
        rec.finished.wait()
        #expect(rec.cells.count == 7)
        #expect(rec.cells[CellKey(grid: key, row: 0, col: 0)] == nil)
    }

    @Test func cancelStopsTheJob() {
        let rows = Self.layers(12, seed: 600)
        let key = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        let rec = Recorder()
        let job = GridJob(key: key, rows: rows, cols: Self.layers(12, seed: 700),
                          measure: CKAMeasure(metric: .rbfCKA, options: MetricOptions()),
                          cache: PreparedLayerCache(), known: [],
                          focus: Focus(row: 0, col: 0, visibleRows: 0..<5, visibleCols: 0..<5), post: rec.post)
        job.cancel()
        job.start()
        rec.finished.wait()
        #expect(rec.cells.isEmpty)
        let last = rec.events.last
        if case .cancelled(let k) = last { #expect(k == key) } else { Issue.record("expected .cancelled, got \(String(describing: last))") }
    }
}

extension GridJobTests {
    @Test func preludeOutcomesArePostedAndNotRecomputed() {
        let rows = Self.layers(2, seed: 800), cols = Self.layers(2, seed: 900)
        let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        let rec = Recorder()
        let cached = PairOutcome(value: .value(0.123))
        let job = GridJob(key: key, rows: rows, cols: cols,
                          measure: CKAMeasure(metric: .linearCKA, options: MetricOptions()),
                          cache: PreparedLayerCache(), known: [],
                          focus: Focus(row: 0, col: 0, visibleRows: 0..<2, visibleCols: 0..<2),
                          prelude: { [GridPosition(row: 1, col: 1): cached] }, post: rec.post)
        job.start()
        rec.finished.wait()
        #expect(rec.cells.count == 4)
        #expect(rec.cells[CellKey(grid: key, row: 1, col: 1)] == cached)
        #expect(rec.cellOrder.filter { $0 == CellKey(grid: key, row: 1, col: 1) }.count == 1)
    }
}

extension GridJobTests {
    /// A job started after another waits for it, so at most one worker computes at a time.
    @Test func aJobStartedAfterAnotherWaitsForIt() {
        let rows = Self.layers(6, seed: 1000)
        let shared = Recorder()
        let keyA = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 0)
        let keyB = GridKey(metric: .linearCKA, rowModel: 0, colModel: 0)
        let focus = Focus(row: 0, col: 0, visibleRows: 0..<6, visibleCols: 0..<6)
        let a = GridJob(key: keyA, rows: rows, cols: rows, measure: CKAMeasure(metric: .rbfCKA, options: MetricOptions()),
                        cache: PreparedLayerCache(), known: [], focus: focus, post: shared.post)
        let b = GridJob(key: keyB, rows: rows, cols: rows, measure: CKAMeasure(metric: .linearCKA, options: MetricOptions()),
                        cache: PreparedLayerCache(), known: [], focus: focus, post: shared.post)
        a.start()
        b.start(after: a)
        shared.finished.wait()
        shared.finished.wait()
        // Every event of a comes before every event of b.
        let owners: [GridKey] = shared.events.compactMap { e in
            switch e {
            case .cell(let k, _): return k.grid
            case .progress(let k, _, _), .finished(let k), .cancelled(let k): return k
            default: return nil
            }
        }
        #expect(owners.lastIndex(of: keyA)! < owners.firstIndex(of: keyB)!)
        a.waitUntilFinished()
        a.waitUntilFinished() // idempotent
    }
}
