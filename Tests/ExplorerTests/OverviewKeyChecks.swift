import Testing
import Explorer
import Similarity

/// The overview (`o` and its keys) and the clustered order (`C`), through the real loop and
/// the fake terminal (`HelpKeysLoopTests` calls `check` for each of their bindings).
enum OverviewKeyChecks {
    /// 13 models of 4 layers, nothing known: the overview has 169 tiles.
    static func thirteen() -> LoopRig { LoopRig(Fixtures.session(models: 13, layers: 4), size: TerminalSize(width: 120, height: 40)) }

    /// The grid of a pair made known, as the engine reports it: every cell, then finished.
    static func deliver(_ rig: LoopRig, _ key: GridKey, _ value: (Int, Int) -> Double = Fixtures.similarity) {
        for r in 0..<4 { for c in 0..<4 { rig.inbox.post(.cell(CellKey(grid: key, row: r, col: c), Fixtures.value(value(r, c)))) } }
        rig.inbox.post(.finished(key))
        rig.send([.idle])
    }

    static func computeRequests(_ rig: LoopRig) -> [GridKey] {
        rig.performer.performed.compactMap { if case .computeGrid(let k, _, _) = $0 { return k } else { return nil } }
    }

    /// Two models of 4 layers whose grid has two blocks: layers 0 and 2 alike, 1 and 3 alike.
    /// v(r, c) = (0.9 if r ≡ c mod 2 else 0.2) + 0.01 r² + 0.001 c². By hand, row vectors
    /// differ by 0.01 (r² − r'²) per entry: d(0,2) = 0.08 and d(1,3) = 0.16 are the two
    /// smallest Euclidean distances (those across the blocks are above 1), so average linkage
    /// merges {0,2}, then {1,3}, then both: leaves 0 2 1 3; the columns likewise (0.008, 0.016).
    static func blocks(_ r: Int, _ c: Int) -> Double {
        (r % 2 == c % 2 ? 0.9 : 0.2) + 0.01 * Double(r * r) + 0.001 * Double(c * c)
    }

    static func blockSession() -> Session {
        var cached: [CellKey: PairOutcome] = [:]
        let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        for r in 0..<4 { for c in 0..<4 { cached[CellKey(grid: key, row: r, col: c)] = Fixtures.value(blocks(r, c)) } }
        return Fixtures.session(layers: 4, cached: cached)
    }

    static func check(_ action: Action, _ key: Key, sourceLocation: SourceLocation = #_sourceLocation) {
        switch action {
        case .toggleOverview:
            let rig = thirteen()
            rig.press(key)
            #expect(rig.state.overview?.selected == ModelPair(rowModel: 0, colModel: 1), sourceLocation: sourceLocation)
            #expect(rig.title.hasPrefix("Overview: 169 model pairs — linear CKA"), "\(rig.title)", sourceLocation: sourceLocation)
            #expect(rig.lines[2].hasPrefix("relu-s0×relu-s0  relu-s0×relu-s1 "), "\(rig.lines[2])", sourceLocation: sourceLocation)
            // The grid screen's job (0, 1) is running: the overview waits on it, asking for nothing else.
            let grid01 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
            #expect(computeRequests(rig) == [grid01], "\(computeRequests(rig))", sourceLocation: sourceLocation)
            #expect(rig.lines[11].hasPrefix("0/16 pending     0/16 …"), "\(rig.lines[11])", sourceLocation: sourceLocation)
            deliver(rig, grid01)
            // Filled in: diagonal mean 1, every row's best at its own depth. Next: the nearest
            // visible tile in row-major order, (0, 0).
            #expect(rig.lines[11].hasPrefix("0/16 …           1.000 4/4"), "\(rig.lines[11])", sourceLocation: sourceLocation)
            #expect(computeRequests(rig).last == GridKey(metric: .linearCKA, rowModel: 0, colModel: 0), sourceLocation: sourceLocation)
            #expect(rig.cellLine == "relu-s0 × relu-s1: 4×4 layers, same-depth mean 1, best match at same depth 4/4 rows (100%)",
                    "\(rig.cellLine)", sourceLocation: sourceLocation)
            #expect(rig.infoLine.hasSuffix("2/169 grids complete"), "\(rig.infoLine)", sourceLocation: sourceLocation)
        case .overviewMove:
            let rig = thirteen()
            rig.press(.character("o"), .down)  // (1, 1)
            rig.press(key)
            let want: [Key: ModelPair] = [.up: ModelPair(rowModel: 0, colModel: 1), .down: ModelPair(rowModel: 2, colModel: 1),
                                          .left: ModelPair(rowModel: 1, colModel: 0), .right: ModelPair(rowModel: 1, colModel: 2),
                                          .character("k"): ModelPair(rowModel: 0, colModel: 1), .character("j"): ModelPair(rowModel: 2, colModel: 1),
                                          .character("h"): ModelPair(rowModel: 1, colModel: 0), .character("l"): ModelPair(rowModel: 1, colModel: 2)]
            #expect(rig.state.overview?.selected == want[key], sourceLocation: sourceLocation)
            let p = want[key]!
            #expect(rig.cellLine.hasPrefix("relu-s\(p.rowModel) × relu-s\(p.colModel): 4×4 layers"), "\(rig.cellLine)",
                    sourceLocation: sourceLocation)
            // Far to the right, the viewport follows (7 tiles of 17 columns fit in 120).
            for _ in 0..<12 { rig.press(.right) }
            #expect(rig.state.overview?.selected.colModel == 12, sourceLocation: sourceLocation)
            #expect(rig.lines[1].contains("tiles 1-3×7-13 of 13×13") || rig.lines[1].contains("tiles 2-4×7-13 of 13×13"),
                    "\(rig.lines[1])", sourceLocation: sourceLocation)
        case .overviewOpen:
            let rig = thirteen()
            rig.press(.character("o"), .down, .down, key)
            #expect(rig.state.overview == nil, sourceLocation: sourceLocation)
            #expect(rig.title.hasPrefix("relu-s2 × relu-s1 — linear CKA"), "\(rig.title)", sourceLocation: sourceLocation)
            #expect(computeRequests(rig).last == GridKey(metric: .linearCKA, rowModel: 2, colModel: 1), sourceLocation: sourceLocation)
        case .overviewClose:
            let rig = thirteen()
            let grid01 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
            rig.press(.character("o"))
            deliver(rig, grid01)  // the overview now computes (0, 0)
            rig.press(key)
            #expect(rig.state.overview == nil, sourceLocation: sourceLocation)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — linear CKA"), "\(rig.title)", sourceLocation: sourceLocation)
            // Its job is cancelled on the way out: the grid shown is complete and needs none.
            #expect(rig.performer.performed.last == .cancelGrid(GridKey(metric: .linearCKA, rowModel: 0, colModel: 0)),
                    "\(rig.performer.performed.suffix(2))", sourceLocation: sourceLocation)
        case .toggleClustering:
            let rig = LoopRig(blockSession())
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — linear CKA — order clustered"), "\(rig.title)", sourceLocation: sourceLocation)
            #expect(rig.state.activeClusterOrder?.rows == [0, 2, 1, 3] && rig.state.activeClusterOrder?.cols == [0, 2, 1, 3],
                    sourceLocation: sourceLocation)
            // The row labels in that order (their real indices), from the first grid line.
            let first = rig.lines.firstIndex { $0.hasPrefix("0 layer0") } ?? 0
            #expect(rig.lines[first + 1].hasPrefix("2 layer2") && rig.lines[first + 2].hasPrefix("1 layer1")
                    && rig.lines[first + 3].hasPrefix("3 layer3"), "\(rig.screen)", sourceLocation: sourceLocation)
            // Shown row 1 is layer 2, shown column 1 layer 2: 0.9 + 0.04 + 0.004.
            rig.press(.down, .right)
            #expect(rig.cellLine == "relu-s0:layer2 × relu-s1:layer2 = 0.944", "\(rig.cellLine)", sourceLocation: sourceLocation)
            // Back to layer order, the cursor on the same layers.
            rig.press(key)
            #expect(rig.state.cursor == GridPosition(row: 2, col: 2), sourceLocation: sourceLocation)
            #expect(rig.cellLine == "relu-s0:layer2 × relu-s1:layer2 = 0.944", "\(rig.cellLine)", sourceLocation: sourceLocation)
            #expect(!rig.title.contains("clustered"), sourceLocation: sourceLocation)
        default:
            Issue.record("no overview check for \(action)", sourceLocation: sourceLocation)
        }
    }
}

/// The clustered export: the layers in the clustered order, the order named, and every cell
/// (name_i, name_j) the same value as in the layer-order export.
@Suite struct ClusteredExportTests {
    static func exported(_ p: inout Pilot) -> ExportRequest? {
        p.press(.character("e"))
        let effects = p.press(.enter)
        return effects.compactMap { if case .export(let r) = $0 { return r } else { return nil } }.first
    }

    @Test func clusteredExportWritesTheOrderAndTheSameCells() throws {
        var p = Pilot(OverviewKeyChecks.blockSession())
        let plain = try #require(Self.exported(&p))
        #expect(plain.order == nil)
        p.send(.exportFinished(path: plain.path, error: nil))
        p.press(.character("C"))
        #expect(p.state.defaultExportName == "relu-s0_x_relu-s1_linear-cka_clustered.csv")
        let clustered = try #require(Self.exported(&p))
        #expect(clustered.rows == [0, 2, 1, 3] && clustered.cols == [0, 2, 1, 3])
        #expect(clustered.order?.hasPrefix("clustered (average linkage; rows by their row vectors") == true)
        let names = p.state.session.models[0].layers.map(\.name)
        func cells(_ r: ExportRequest) -> [String: Double] {
            let rows = r.rows, cols = r.cols
            var out: [String: Double] = [:]
            for (i, ri) in rows.enumerated() { for (j, cj) in cols.enumerated() { out["\(names[ri])|\(names[cj])"] = r.values[i][j]?.number } }
            return out
        }
        #expect(cells(clustered) == cells(plain))
        #expect(cells(clustered).count == 16)
        #expect(clustered.values[1][0]?.number == OverviewKeyChecks.blocks(2, 0))
    }

    /// The numbers the overview's tiles give, by hand: rows 0…2 against columns 0…5 put each
    /// row's partner at ⌊(2i + 1)·6 / 6⌋ = 1, 3, 5.
    @Test func pairSummaryNumbers() {
        #expect((0..<3).map { PairSummary.partner($0, rows: 3, cols: 6) } == [1, 3, 5])
        #expect((0..<4).map { PairSummary.partner($0, rows: 4, cols: 4) } == [0, 1, 2, 3])
        var v = GridValues(rows: 3, cols: 6)
        // Row i's best column is 2i + 1 for rows 0 and 1, column 0 for row 2.
        for r in 0..<3 { for c in 0..<6 { v.set(Fixtures.value(r == 2 ? (c == 0 ? 0.9 : 0.1) : (c == 2 * r + 1 ? 0.8 : 0.3)), row: r, col: c) } }
        let s = PairSummary(values: v, rows: [0, 1, 2], cols: Array(0..<6), orientation: .similarity)
        #expect(s.known == 18 && s.total == 18)
        #expect(s.bestMatchHits == 2)
        // (0.8 + 0.8 + 0.1) / 3
        #expect(abs(s.sameDepthMean! - 1.7 / 3) < 1e-15)
    }
}
