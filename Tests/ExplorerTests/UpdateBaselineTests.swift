import Testing
import Explorer
import LayerIO
import Similarity

/// The baseline view's state transitions: the toggle, the effects it emits, results kept
/// per metric, and what happens to late or foreign reports.
@Suite struct UpdateBaselineTests {
    let grid01 = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    @Test func bTogglesTheViewCancellingWhatIsLeft() {
        var p = Pilot(BaselineFixtures.session())
        #expect(p.last == [.computeGrid(grid01, p.state.focus)])
        // Entering cancels the running grid job and asks for the baseline.
        #expect(p.press(.character("b")) == [.cancelGrid(grid01), .computeBaseline(.linearCKA)])
        #expect(p.state.screen == .baseline)
        #expect(p.state.baselineStatus?.isComputing == true)
        #expect(p.state.rowCount == 6 && p.state.colCount == 6)
        #expect(p.state.keyContext == .grid)
        // Cursor moves in the view emit nothing (no grid job is looked at).
        #expect(p.press(.character("j"), .character("l")).isEmpty)
        #expect(p.state.cursor == GridPosition(row: 1, col: 1))
        // Leaving while it computes cancels it and asks for the pair's grid again.
        #expect(p.press(.character("b")) == [.cancelBaseline(.linearCKA), .computeGrid(grid01, p.state.focus)])
        #expect(p.state.screen == .grid)
        #expect(p.state.cursor == GridPosition(row: 1, col: 1), "the cursor stays on the layer pair")
        if case .cancelled? = p.state.baselines[.linearCKA] {} else { Issue.record("the baseline should be cancelled") }
    }

    @Test func eachMetricsBaselineIsAskedForOnce() {
        var p = BaselineFixtures.pilot()
        #expect(p.effects.filter { $0 == .computeBaseline(.linearCKA) }.count == 1)
        #expect(p.state.baselineStatus?.result != nil)
        // Leaving and coming back: known, so nothing is asked for or cancelled.
        p.press(.character("b"))
        p.clearEffects()
        #expect(p.press(.character("b")).filter(\.isBaselineEffect).isEmpty)
        // The next metric is asked for; the known one is not cancelled.
        #expect(p.press(.character("m")) == [.computeBaseline(.rbfCKA)])
        p.send(.engine(.baseline(.rbfCKA, .success(BaselineFixtures.baseline()))))
        // Back and forth between two known baselines: nothing.
        #expect(p.press(.character("m")).isEmpty)
        #expect(p.press(.character("m")).isEmpty)
        #expect(p.effects.filter { $0 == .computeBaseline(.rbfCKA) }.count == 1)
        #expect(p.state.baselines[.linearCKA]?.result != nil && p.state.baselines[.rbfCKA]?.result != nil)
    }

    @Test func switchingMetricWhileComputingCancelsIt() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("b"))
        #expect(p.press(.character("m")) == [.cancelBaseline(.linearCKA), .computeBaseline(.rbfCKA)])
        #expect(p.state.metric == .rbfCKA)
        // A late progress report of the cancelled run is dropped.
        p.send(.engine(.baselineProgress(.linearCKA, done: 5, total: 28)))
        if case .cancelled? = p.state.baselines[.linearCKA] {} else { Issue.record("linear CKA's run should stay cancelled") }
        // Back to a cancelled metric: asked for again.
        #expect(p.press(.character("m")) == [.cancelBaseline(.rbfCKA), .computeBaseline(.linearCKA)])
        // The first run's late "cancelled" answer does not stop the second.
        p.send(.engine(.baseline(.linearCKA, .failure(.cancelled))))
        #expect(p.state.baselineStatus?.isComputing == true)
    }

    @Test func resultsAreKeptPerMetricWhateverIsShown() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("b"))
        // rbf's result arrives while linear CKA is shown (e.g. from an earlier visit).
        p.send(.engine(.baseline(.rbfCKA, .success(BaselineFixtures.baseline(perGroup: 4)))))
        #expect(p.state.baselines[.rbfCKA]?.result != nil)
        #expect(p.state.baselineStatus?.isComputing == true, "linear CKA is still computing")
        #expect(p.state.baselineStatus?.result == nil)
        // A result for a run that was cancelled meanwhile is still right: kept.
        p.press(.character("b"))
        p.send(.engine(.baseline(.linearCKA, .success(BaselineFixtures.baseline()))))
        #expect(abs((p.state.baselines[.linearCKA]?.result?.limit ?? 0) - 0.08) < 1e-12)
    }

    @Test func progressIsCountedAndShownInModelPairs() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("b"))
        #expect(StatusBarText.info(p.frame).hasSuffix("computing the baseline…"))
        p.send(.tick(10))
        p.send(.engine(.baselineProgress(.linearCKA, done: 0, total: 28)))
        p.send(.tick(12))
        p.send(.engine(.baselineProgress(.linearCKA, done: 12, total: 28)))
        if case .computing(let job)? = p.state.baselineStatus {
            #expect(job.done == 12 && job.total == 28)
        } else {
            Issue.record("should be computing")
        }
        // 12 grids in 2 s, 16 left: about 3 s.
        #expect(StatusBarText.info(p.frame).hasSuffix("12/28 model pairs · ETA 3s"))
        #expect(StatusBarText.cell(p.frame) == "layer0 × layer0: computing the baseline…")
    }

    @Test func aFailureIsShownAndRetriedWithR() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("b"))
        p.send(.engine(.baseline(.linearCKA, .failure(.nonFinite(count: 3)))))
        #expect(p.state.baselineStatus?.error == .nonFinite(count: 3))
        #expect(p.state.message == StatusMessage("seed baseline failed: holds 3 NaN or infinite values", kind: .error,
                                                 expires: StatusMessage.errorLifetime))
        #expect(StatusBarText.info(p.frame).hasPrefix("seed baseline failed: holds 3 NaN"))
        #expect(StatusBarText.cell(p.frame) == "layer0 × layer0: baseline failed: holds 3 NaN or infinite values")
        // The reason outlives the transient message.
        p.send(.tick(100))
        #expect(StatusBarText.cell(p.frame).hasSuffix("baseline failed: holds 3 NaN or infinite values"))
        #expect(StatusBarText.info(p.frame).hasSuffix("baseline failed (r retries)"))
        // Not asked for again on the next visit; r asks.
        p.press(.character("b"))
        #expect(p.press(.character("b")).filter(\.isBaselineEffect).isEmpty)
        #expect(p.press(.character("r")) == [.computeBaseline(.linearCKA)])
    }

    @Test func cancelAndRestartWithCAndR() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("b"))
        #expect(p.press(.character("c")) == [.cancelBaseline(.linearCKA)])
        #expect(StatusBarText.info(p.frame).hasSuffix("baseline cancelled (r restarts)"))
        #expect(p.press(.character("c")).isEmpty)
        #expect(p.press(.character("r")) == [.computeBaseline(.linearCKA)])
        p.send(.engine(.baseline(.linearCKA, .success(BaselineFixtures.baseline()))))
        #expect(p.press(.character("r")).isEmpty)
        #expect(p.state.message?.text == "the baseline is known")
    }

    @Test func tabAndEscapeGoBackToThePair() {
        var p = BaselineFixtures.pilot()
        let pair = p.state.pairIndex
        p.clearEffects()
        p.press(.tab)
        #expect(p.state.screen == .grid && p.state.pairIndex == pair)
        #expect(p.last.count == 1 && p.last[0].isComputeGrid)
        p.press(.character("b"), .escape)
        #expect(p.state.screen == .grid && !p.state.hasQuit)
        // Esc closes what is open first: the selection, then the view.
        p.press(.character("b"), .character("v"), .escape)
        #expect(p.state.screen == .baseline && p.state.selectionAnchor == nil)
    }

    @Test func withoutGroupsThereIsNoBaselineView() {
        var p = Pilot()
        #expect(p.press(.character("b")).isEmpty)
        #expect(p.state.screen == .grid)
        #expect(p.state.message?.text.hasPrefix("no seed baseline: start layermap with two --group") == true)
        #expect(!StatusBarText.hints(p.frame).contains("baseline"))
        // With groups, the hint line offers it.
        let q = Pilot(BaselineFixtures.session())
        #expect(StatusBarText.hints(q.frame) == "?:help  ↵:details  v:select  e:export  m:metric  Tab:pair  b:baseline  q:quit")
        #expect(StatusBarText.hints(BaselineFixtures.pilot(size: TerminalSize(width: 120, height: 40)).frame)
                == "?:help  ↵:details  v:select  e:export  m:metric  Tab:pair  b:baseline  /:search  +:zoom  q:quit")
    }

    @Test func enterOpensTheCellsPanelWithoutAskingTheEngine() {
        var p = BaselineFixtures.pilot()
        p.press(.character("j"))
        p.clearEffects()
        #expect(p.press(.enter).isEmpty)
        #expect(p.state.overlay?.panel?.baselineDrill == BaselineDrillState(metric: .linearCKA, row: 1, col: 0))
        #expect(p.state.keyContext == .drill)
        #expect(p.press(.character("m")).isEmpty, "the panel keeps the metric")
        #expect(p.press(.escape).isEmpty)
        #expect(p.state.overlay?.panel?.baselineDrill == nil && p.state.screen == .baseline)
    }

    @Test func aResultOfTheWrongShapeIsAFailure() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("b"))
        let tiny = ModelGrids(grids: [[nil, [[.value(0.5)]]], [[[.value(0.5)]], nil]])
        p.send(.engine(.baseline(.linearCKA, .success(SeedBaseline(grids: tiny, groupASize: 1, orientation: .similarity)))))
        #expect(p.state.baselineStatus?.error == .degenerate("the baseline has 1×1 layer pairs while the groups share 6 layers"))
    }

    @Test func bestMatchMarksStayOffInTheBaseline() {
        var p = BaselineFixtures.pilot()
        p.press(.character("*"))
        #expect(!p.state.showBestMatch)
        #expect(p.state.message?.text == "best-match marks are for model pairs; in the baseline * marks p ≤ 0.05")
    }
}

@Suite struct BaselineExportTests {
    @Test func exportWaitsForTheResult() {
        var p = BaselineFixtures.pilot(deliver: false)
        p.press(.character("e"))
        #expect(p.state.overlay?.prompt == nil)
        #expect(p.state.message?.text == "nothing to export yet: the seed baseline is not known")
    }

    @Test func exportWritesTheDifferenceGrid() {
        var p = BaselineFixtures.pilot()
        p.press(.character("e"))
        #expect(p.state.overlay?.prompt?.text == "baseline_relu_vs_tanh_linear-cka.csv")
        let e = p.press(.enter)
        let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 4)
        let request = ExportRequest(path: "baseline_relu_vs_tanh_linear-cka.csv", format: .csv, grid: grid,
                                    rows: 0..<6, cols: 0..<6, kind: .baselineDifference,
                                    values: (0..<6).map { i in (0..<6).map { j in
                                        p.state.baselineStatus?.result?.cell(i, j)?.difference.map(CellValue.value) } },
                                    baseline: GridTable.SeedBaselineCells(
                                        groupNames: ["relu", "tanh"],
                                        members: [(0..<4).map { "relu-s\($0)" }, (0..<4).map { "tanh-s\($0)" }],
                                        within: Self.grid { p.state.baselineStatus?.result?.cell($0, $1)?.within },
                                        across: Self.grid { p.state.baselineStatus?.result?.cell($0, $1)?.across },
                                        pValues: Self.grid { BaselineFixtures.offsets[$0][$1] > 0 ? 2.0 / 70 : 1 },
                                        labellings: 70, exhaustive: true))
        #expect(e == [.export(request)], "the export carries within, across and p, and the groups by name")
        #expect(request.values.joined().allSatisfy { $0 != nil }, "every difference is carried")
        #expect(p.state.message?.text == "writing baseline_relu_vs_tanh_linear-cka.csv…")
        p.send(.exportFinished(path: request.path, error: nil))
        #expect(p.state.message?.text == "wrote 6×6 cells to baseline_relu_vs_tanh_linear-cka.csv")
    }

    /// A 6 × 6 matrix of `cell(i, j)`.
    static func grid(_ cell: (Int, Int) -> Double?) -> [[Double?]] {
        (0..<6).map { i in (0..<6).map { j in cell(i, j) } }
    }

    @Test func aSelectionNarrowsTheExport() {
        var p = BaselineFixtures.pilot()
        p.press(.character("j"), .character("v"), .character("j"), .character("l"), .character("e"))
        #expect(p.state.overlay?.prompt?.text == "baseline_relu_vs_tanh_linear-cka_r1-2_c0-1.csv")
        let e = p.press(.enter)
        guard case .export(let r)? = e.first else { Issue.record("no export"); return }
        #expect(r.rows == [1, 2] && r.cols == [0, 1] && r.kind == .baselineDifference)
    }

    @Test func gridExportsKeepTheirKind() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("e"))
        guard case .export(let r)? = p.press(.enter).first else { Issue.record("no export"); return }
        #expect(r.kind == .grid)
    }
}
