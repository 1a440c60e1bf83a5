import Engine
import Explorer
import Foundation
import LayerIO
import Similarity
import Testing

/// The explorer's engine as the loop drives it: effects in, messages out through the inbox.
@Suite struct ExplorerEngineTests {
    let grid01 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
    let grid10 = GridKey(metric: .linearCKA, rowModel: 1, colModel: 0)
    let focus = Focus(row: 0, col: 0, visibleRows: 0..<8, visibleCols: 0..<8)
    static let a = Programs.sample("tanh-s0"), b = Programs.sample("tanh-s1.npz")

    static func engine(_ inbox: MessageInbox) throws -> ExplorerEngine {
        let catalog = try Catalog.open([a, b], reduce: .flatten)
        return ExplorerEngine(catalog: catalog, options: MetricOptions(), reduce: .flatten, inbox: inbox,
                              diskCache: nil, plan: .unlimited)
    }

    /// Drains the inbox until `stop` says so (or 60 s pass); returns every message seen.
    /// The messages until `stop` holds, or until five minutes have passed: a generous bound
    /// (the drill's sweeps fit a dozen lassos, and a shared machine can be slow), never a
    /// timing assertion.
    static func collect(_ inbox: MessageInbox, until stop: ([Msg]) -> Bool) -> [Msg] {
        var all: [Msg] = []
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            all += inbox.drain()
            if stop(all) { break }
            usleep(10_000)
        }
        return all
    }

    static func ended(_ key: GridKey) -> ([Msg]) -> Bool {
        { msgs in msgs.contains { m in
            if case .engine(.finished(let k)) = m { return k == key }
            if case .engine(.cancelled(let k)) = m { return k == key }
            return false
        } }
    }

    static func cells(_ msgs: [Msg], _ key: GridKey) -> [GridPosition: PairOutcome] {
        var out: [GridPosition: PairOutcome] = [:]
        for case .engine(.cell(let c, let o)) in msgs where c.grid == key { out[GridPosition(row: c.row, col: c.col)] = o }
        return out
    }

    /// Exports `values` of `grid` to CSV through the engine and returns the file's text.
    func export(_ engine: ExplorerEngine, _ inbox: MessageInbox, grid: GridKey, values: [[CellValue?]],
                in dir: Scratch) throws -> String {
        let path = dir.path + "/grid\(grid.rowModel)\(grid.colModel).csv"
        engine.perform(.export(ExportRequest(path: path, format: .csv, grid: grid, rows: 0..<values.count,
                                             cols: 0..<values[0].count, values: values)))
        let msgs = Self.collect(inbox) { $0.contains { if case .exportFinished = $0 { return true } else { return false } } }
        for case .exportFinished(_, let error) in msgs { #expect(error == nil) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func anExportWritesWhatComputePrintsForThePairAndItsMirror() throws {
        let inbox = MessageInbox()
        let engine = try Self.engine(inbox)
        engine.perform(.computeGrid(grid01, focus))
        let msgs = Self.collect(inbox, until: Self.ended(grid01))
        let cells = Self.cells(msgs, grid01)
        try #require(cells.count == 64)
        let values: [[CellValue?]] = (0..<8).map { i in (0..<8).map { j in cells[GridPosition(row: i, col: j)]?.value } }
        let dir = try Scratch()
        defer { dir.remove() }
        let written = try export(engine, inbox, grid: grid01, values: values, in: dir)
        let computed = try Programs.run(Programs.binary("layermap"), ["compute", Self.a, Self.b, "--format", "csv"])
        #expect(computed.status == 0)
        #expect(written == computed.stdout)
        // B × A, mirrored from A × B as the UI does for a symmetric metric: the labels of
        // `compute B A`, and its numbers to float32 rounding of the cross products (XᵀY
        // against YᵀX), as in the tmux test of swapped exports.
        let mirrored = (0..<8).map { i in (0..<8).map { j in values[j][i] } }
        let swapped = try export(engine, inbox, grid: grid10, values: mirrored, in: dir)
        let computedBA = try Programs.run(Programs.binary("layermap"), ["compute", Self.b, Self.a, "--format", "csv"])
        let got = swapped.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let want = computedBA.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(got.count == 9 && want.count == 9 && got.first == want.first)
        for (g, w) in zip(got.dropFirst(), want.dropFirst()) {
            #expect(g.first == w.first)
            for (u, v) in zip(g.dropFirst(), w.dropFirst()) { #expect(abs(Double(u)! - Double(v)!) <= 1e-6) }
        }
        engine.perform(.quit)
    }

    @Test func aCancelledGridAnswersCancelledAndAStartedOneReplacesIt() throws {
        let inbox = MessageInbox()
        let engine = try Self.engine(inbox)
        let rbf = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        engine.perform(.computeGrid(rbf, focus))
        engine.perform(.cancelGrid(rbf))
        let first = Self.collect(inbox, until: Self.ended(rbf))
        #expect(first.contains { if case .engine(.cancelled(rbf)) = $0 { return true } else { return false } })
        #expect(Self.cells(first, rbf).count < 64)
        // Restart: a new grid while one runs; the first stops, the second delivers every cell.
        engine.perform(.computeGrid(rbf, focus))
        engine.perform(.computeGrid(grid01, focus))
        let second = Self.collect(inbox, until: Self.ended(grid01))
        #expect(Self.cells(second, grid01).count == 64)
        let ends = second.compactMap { m -> GridKey? in
            if case .engine(.finished(let k)) = m { return k }
            if case .engine(.cancelled(let k)) = m { return k }
            return nil
        }
        #expect(ends.first == rbf)  // the replaced job ended before the new one
        engine.perform(.quit)
    }

    @Test func theKnownCellsAreNotComputedAgain() throws {
        let inbox = MessageInbox()
        let engine = try Self.engine(inbox)
        let known: Set<GridPosition> = [GridPosition(row: 0, col: 0), GridPosition(row: 7, col: 7)]
        engine.perform(.computeGrid(grid01, focus, known: known))
        let msgs = Self.collect(inbox, until: Self.ended(grid01))
        let cells = Self.cells(msgs, grid01)
        #expect(cells.count == 62)
        #expect(cells[GridPosition(row: 0, col: 0)] == nil)
        engine.perform(.quit)
    }

    @Test func theDrillSendsEveryPieceOnce() throws {
        let inbox = MessageInbox()
        let engine = try Self.engine(inbox)
        let cell = CellKey(grid: grid01, row: 2, col: 2)
        engine.perform(.startDrill(cell))
        let msgs = Self.collect(inbox) { msgs in
            msgs.contains { if case .engine(.drill(_, .significance)) = $0 { return true } else { return false } }
        }
        var pieces: [String] = []
        for case .engine(.drill(let c, let part)) in msgs {
            #expect(c == cell)
            switch part {
            case .linearTerms(let r): pieces.append("linear"); #expect((try? r.get()) != nil)
            case .decomposition: pieces.append("decomposition")
            case .measures(let rows): if rows.count == MeasureFactory.available.count { pieces.append("measures") }
            case .matchingProgress: break
            case .matching: pieces.append("matching")
            case .significance: pieces.append("significance")
            case .sweeps(let r): pieces.append("sweeps"); #expect((try? r.get()) != nil)
            }
        }
        #expect(pieces == ["linear", "decomposition", "measures", "matching", "sweeps", "significance"])
        engine.perform(.quit)
    }
}
