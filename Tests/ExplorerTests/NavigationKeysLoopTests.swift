import Testing
import Explorer
import Similarity

/// The colour-range, precision and navigation keys, through the real loop and the fake
/// terminal (`HelpKeysLoopTests` calls `check` for each of their bindings). Expected numbers
/// are worked out by hand from `Fixtures.similarity` (1 / (1 + |r − c|/4)) or with numpy
/// (`np.percentile`, default "linear" method), never by the code under test.
enum NavigationKeyChecks {
    /// 13 models of 4 layers: 169 pairs, as in the samples.
    static func thirteen() -> LoopRig { LoopRig(Fixtures.session(models: 13, layers: 4)) }

    static func legend(_ rig: LoopRig) -> String { rig.lines[rig.lines.count - 4] }

    static func check(_ action: Action, _ key: Key, sourceLocation: SourceLocation = #_sourceLocation) {
        switch action {
        case .cycleColorRange:
            let rig = LoopRig()
            #expect(legend(rig).hasPrefix("0.00 "), "full range: \(legend(rig))", sourceLocation: sourceLocation)
            rig.press(key)
            // min of the 40×40 grid is 1/(1 + 39/4) = 0.0930…, max 1.
            #expect(legend(rig).hasPrefix("auto 0.09 "), "\(legend(rig))", sourceLocation: sourceLocation)
            #expect(legend(rig).contains(" 0.32 ") && legend(rig).contains(" 1.00"), "\(legend(rig))", sourceLocation: sourceLocation)
            #expect(rig.infoLine.hasPrefix("colour range auto (min–max): 0.0930233–1.000  "), "\(rig.infoLine)",
                    sourceLocation: sourceLocation)
            rig.press(key)
            // np.percentile(values, [2, 98]) == [0.10526315789473684, 1.0]
            #expect(legend(rig).hasPrefix("robust 2–98% 0.11 "), "\(legend(rig))", sourceLocation: sourceLocation)
            #expect(rig.infoLine.hasPrefix("colour range robust 2–98%: 0.105263–1.000  "), "\(rig.infoLine)", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.hintLine == "colour range MIN:MAX: 0.105263:1", "\(rig.hintLine)", sourceLocation: sourceLocation)
            rig.press(.control("u"))
            rig.type("0.5:0.75")
            rig.press(.enter)
            #expect(legend(rig).hasPrefix("fixed 0.500 "), "\(legend(rig))", sourceLocation: sourceLocation)
            #expect(legend(rig).contains(" 0.750"), "\(legend(rig))", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(legend(rig).hasPrefix("0.00 "), "back to full: \(legend(rig))", sourceLocation: sourceLocation)
        case .cyclePrecision:
            let rig = LoopRig()
            rig.press(.character("+"), key)
            #expect(rig.lines[3].hasPrefix(" 0 layer0   1.0000 0.8000 0.6667"), "\(rig.lines[3])", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.lines[3].hasPrefix(" 0 layer0   1.000000 0.800000 0.666667"), "\(rig.lines[3])", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.lines[3].hasPrefix(" 0 layer0   1.000 0.800 0.667"), "\(rig.lines[3])", sourceLocation: sourceLocation)
            // The status bar gives 10 significant digits whatever the cells show: 1/1.75.
            rig.press(.character("l"), .character("l"), .character("l"))
            #expect(rig.cellLine == "relu-s0:layer0 × relu-s1:layer3 = 0.5714285714", "\(rig.cellLine)", sourceLocation: sourceLocation)
        case .toggleLabelWidth:
            let names = (0..<12).map { "encoder.layer.\($0).attention.output.dense" }
            let rig = LoopRig(Fixtures.session(layers: 12, names: names), size: TerminalSize(width: 120, height: 40))
            #expect(rig.lines[2].hasPrefix(" 0 0.attention.output.dense "), "\(rig.lines[2])", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.lines[2].hasPrefix(" 0 encoder.layer.0.attention.output.dense "), "\(rig.lines[2])", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.lines[2].hasPrefix(" 0 0.attention.output.dense "), "\(rig.lines[2])", sourceLocation: sourceLocation)
        case .pairPicker:
            let rig = thirteen()
            rig.press(key)
            #expect(rig.lines[1] == "Open a model pair  169 items", "\(rig.lines[1])", sourceLocation: sourceLocation)
            rig.type("123")
            #expect(rig.lines[1] == "Open a model pair  1 of 169 match", "\(rig.lines[1])", sourceLocation: sourceLocation)
            rig.press(.enter)
            #expect(rig.title.hasPrefix("relu-s12 × relu-s3"), "\(rig.title)", sourceLocation: sourceLocation)
            #expect(rig.performer.performed.contains { if case .computeGrid(let g, _, _) = $0 { return g.rowModel == 12 && g.colModel == 3 } else { return false } },
                    sourceLocation: sourceLocation)
        case .metricMenu:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.lines[1] == "Switch the metric  2 items", "\(rig.lines[1])", sourceLocation: sourceLocation)
            rig.type("rbf")
            rig.press(.enter)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — RBF CKA"), "\(rig.title)", sourceLocation: sourceLocation)
        case .previousMetric:
            let rig = LoopRig(Fixtures.session(layers: 4, metrics: [.linearCKA, .rbfCKA, .debiasedCKA]))
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — \(Metric.debiasedCKA.displayName)"), "\(rig.title)", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1 — RBF CKA"), "\(rig.title)", sourceLocation: sourceLocation)
        case .layerFilter:
            let rig = LoopRig()
            rig.press(key)
            #expect(rig.hintLine.hasPrefix("filter layers (glob or substring, empty clears):"), sourceLocation: sourceLocation)
            rig.type("layer1")
            rig.press(.enter)
            // layer1 and layer10 … layer19: 11 of 40 on each axis.
            #expect(rig.title.contains("filter “layer1” 11/40×11/40"), "\(rig.title)", sourceLocation: sourceLocation)
            #expect(rig.lines[2].hasPrefix(" 1 layer1"), "real indices in the labels: \(rig.lines[2])", sourceLocation: sourceLocation)
            #expect(rig.lines[3].hasPrefix("10 layer10"), "\(rig.lines[3])", sourceLocation: sourceLocation)
            #expect(rig.cellLine == "relu-s0:layer1 × relu-s1:layer1 = 1.000", "\(rig.cellLine)", sourceLocation: sourceLocation)
            rig.press(.character("j"), .enter)
            #expect(rig.performer.performed.contains(.startDrill(CellKey(grid: rig.state.gridKey, row: 10, col: 1))),
                    "the details are the real layers'", sourceLocation: sourceLocation)
            #expect(rig.lines[1] == "Details  relu-s0:layer10 × relu-s1:layer1", "\(rig.lines[1])", sourceLocation: sourceLocation)
            rig.press(.escape, key)
            #expect(rig.hintLine.hasSuffix(": layer1"), "the prompt holds the pattern: \(rig.hintLine)", sourceLocation: sourceLocation)
            rig.press(.control("u"), .enter)
            #expect(rig.state.filter == nil && rig.state.cursor == GridPosition(row: 10, col: 1), "cleared, on the same layers",
                    sourceLocation: sourceLocation)
            #expect(rig.infoLine.hasPrefix("layer filter cleared"), sourceLocation: sourceLocation)
        case .transpose:
            let rig = LoopRig()
            rig.press(.character("j"), .character("j"), .character("l"), .character("l"), .character("l"), .character("l"), .character("l"))
            #expect(rig.cellLine == "relu-s0:layer2 × relu-s1:layer5 = 0.5714285714", "\(rig.cellLine)", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s1 × relu-s0"), "\(rig.title)", sourceLocation: sourceLocation)
            #expect(rig.state.gridKey == GridKey(metric: .linearCKA, rowModel: 1, colModel: 0), sourceLocation: sourceLocation)
            #expect(rig.state.cursor == GridPosition(row: 5, col: 2), sourceLocation: sourceLocation)
            #expect(rig.cellLine == "relu-s1:layer5 × relu-s0:layer2 = 0.5714285714", "\(rig.cellLine)", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1") && rig.state.cursor == GridPosition(row: 2, col: 5), sourceLocation: sourceLocation)
        case .pickerUp, .pickerDown:
            let rig = thirteen()
            rig.press(.character("p"), key, .enter)
            #expect(rig.title.hasPrefix(action == .pickerDown ? "relu-s0 × relu-s2" : "relu-s0 × relu-s0"), "\(rig.title)",
                    sourceLocation: sourceLocation)
        case .pickerOpen:
            let rig = thirteen()
            rig.press(.character("p"))
            rig.type("s7 s11")
            rig.press(key)
            #expect(rig.title.hasPrefix("relu-s7 × relu-s11"), "\(rig.title)", sourceLocation: sourceLocation)
        case .pickerClose:
            let rig = thirteen()
            rig.press(.character("p"))
            rig.type("q9")
            #expect(!rig.loop.hasQuit, "q is typed into the filter", sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.state.overlay == nil && rig.title.hasPrefix("relu-s0 × relu-s1"), sourceLocation: sourceLocation)
        case .pickerDeleteBackward:
            let rig = thirteen()
            rig.press(.character("p"))
            rig.type("1239")
            #expect(rig.screen.contains("nothing matches"), sourceLocation: sourceLocation)
            rig.press(key)
            rig.press(.enter)
            #expect(rig.title.hasPrefix("relu-s12 × relu-s3"), "\(rig.title)", sourceLocation: sourceLocation)
        case .pickerClear:
            let rig = thirteen()
            rig.press(.character("p"))
            rig.type("123")
            rig.press(key)
            #expect(rig.lines[1] == "Open a model pair  169 items", sourceLocation: sourceLocation)
            rig.press(.enter)
            #expect(rig.title.hasPrefix("relu-s0 × relu-s1"), "the current pair is highlighted again", sourceLocation: sourceLocation)
        default:
            Issue.record("no check for \(action)", sourceLocation: sourceLocation)
        }
    }
}

/// The layer filter maps shown rows and columns back to real layers: drilling, exporting,
/// searching and the engine's focus never use a shown index as a layer index.
@Suite struct LayerFilterMappingTests {
    static let grid = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)

    func filtered(_ pattern: String = "layer1", cached: Bool = true) -> Pilot {
        var p = Pilot(LoopRig.session(cached: cached))
        p.press(.character("f"))
        p.type(pattern)
        p.press(.enter)
        return p
    }

    @Test func theFilterShowsMatchingRowsAndColumnsByRealIndex() throws {
        let p = filtered()
        let f = try #require(p.state.filter)
        #expect(f.rows == [1] + Array(10...19))
        #expect(f.cols == [1] + Array(10...19))
        #expect(p.state.rowCount == 11 && p.state.colCount == 11)
        #expect(p.state.realRow(3) == 12 && p.state.realCol(0) == 1)
    }

    @Test func globsAnchorTheWholeNameAndSubstringsDoNot() {
        #expect(LayerFilter.matches("blocks.3.attn", "attn"))
        #expect(LayerFilter.matches("blocks.3.attn", "*.ATTN"))
        #expect(!LayerFilter.matches("blocks.3.attn_out", "*.attn"))
        #expect(LayerFilter.matches("layer7", "layer?"))
        #expect(!LayerFilter.matches("layer10", "layer?"))
        #expect(LayerFilter.matches("encoder.layer.3.output.dense", "encoder.*.output*"))
        #expect(!LayerFilter.matches("layer3", "*x*"))
    }

    @Test func aContiguousSelectionExportsItsRealLayers() throws {
        var p = filtered()
        // Shown column 1 = layer10; rows shown 1…3 = layer10…layer12; columns 1…2 = layer10, layer11.
        p.press(.character("l"), .character("j"), .character("v"), .character("j"), .character("j"), .character("l"))
        #expect(p.state.selection == GridRect(rows: 10..<13, cols: 10..<12))
        p.press(.character("e"))
        #expect(p.state.overlay?.prompt?.text == "relu-s0_x_relu-s1_linear-cka_r10-12_c10-11.csv")
        let effects = p.press(.enter)
        guard case .export(let request)? = effects.first(where: { if case .export = $0 { return true } else { return false } }) else {
            Issue.record("no export: \(effects)")
            return
        }
        #expect(request.rows == [10, 11, 12] && request.cols == [10, 11])
        for (i, r) in (10..<13).enumerated() {
            for (j, c) in (10..<12).enumerated() {
                #expect(request.values[i][j] == .value(Fixtures.similarity(r, c)), "(\(r), \(c))")
            }
        }
    }

    /// The export effect of `e` then Enter.
    func exportRequest(_ p: inout Pilot) -> ExportRequest? {
        p.press(.character("e"))
        let effects = p.press(.enter)
        for case .export(let r) in effects { return r }
        return nil
    }

    @Test func aSelectionAcrossHiddenLayersExportsOnlyTheShownOnes() throws {
        var p = filtered()
        // Rows shown 0…2 = layer1, layer10, layer11 (layers 2…9 hidden between them); columns 0…1 = layer1, layer10.
        p.press(.character("v"), .character("j"), .character("j"), .character("l"))
        let request = try #require(exportRequest(&p))
        #expect(request.rows == [1, 10, 11] && request.cols == [1, 10])
        for (i, r) in [1, 10, 11].enumerated() {
            for (j, c) in [1, 10].enumerated() {
                #expect(request.values[i][j] == .value(Fixtures.similarity(r, c)), "(\(r), \(c))")
            }
        }
        _ = p.send(.exportFinished(path: request.path, error: nil))
        #expect(p.state.message?.text == "wrote 3×2 cells to \(request.path)", "\(p.state.message?.text ?? "")")
    }

    @Test func withoutASelectionAFilteredGridExportsItsShownLayers() throws {
        var p = filtered()
        let request = try #require(exportRequest(&p))
        #expect(request.rows == [1] + Array(10...19) && request.cols == [1] + Array(10...19))
        #expect(request.values.count == 11 && request.values.allSatisfy { $0.count == 11 })
    }

    @Test func searchJumpsToShownRowsAndNamesTheRealIndex() {
        var p = filtered()
        p.press(.character("/"))
        p.type("layer15")
        p.press(.enter)
        #expect(p.state.cursor.row == 6, "layer15 is the 7th shown row")
        let line = p.frame.lines.map(Screen.trimRight)[p.state.size.height - 2]
        #expect(line.hasPrefix("/layer15  match 1/2: row 15 layer15"), "\(line)")
    }

    @Test func theEngineIsToldRealLayers() {
        var p = filtered(cached: false)
        let effects = p.press(.character("j"), .character("l"))
        let focus = effects.compactMap { e -> Focus? in if case .updateFocus(_, let f) = e { return f } else { return nil } }.last
        #expect(focus?.row == 10 && focus?.col == 10, "\(String(describing: focus))")
        #expect(focus?.visibleRows == 1..<20 && focus?.visibleCols == 1..<20)
    }

    @Test func aPatternThatKeepsNothingLeavesThePromptOpen() {
        var p = Pilot(LoopRig.session())
        p.press(.character("f"))
        p.type("nomatch")
        p.press(.enter)
        #expect(p.state.overlay?.prompt?.kind == .filter)
        #expect(p.state.filter == nil)
        #expect(p.state.message?.text == "“nomatch” matches no layer: the filter needs rows and columns")
    }

    @Test func theBaselineViewShowsEveryLayerAndDropsAFilteredSelection() {
        var p = Pilot(BaselineFixtures.session())
        p.press(.character("f"))
        p.type("layer1")
        p.press(.enter)
        #expect(p.state.filter != nil && p.state.rowCount < p.state.allRowLayers.count)
        p.press(.character("j"), .character("v"), .character("j"))
        p.press(.character("b"))
        #expect(p.state.screen == .baseline)
        #expect(p.state.selectionAnchor == nil, "the selection counted filtered rows")
        #expect(p.state.rowCount == p.state.allRowLayers.count && p.state.activeFilter == nil)
        p.press(.character("b"))
        #expect(p.state.activeFilter?.pattern == "layer1", "the filter is back on the pair's grid")
    }

    @Test func thePatternFollowsThePairAndTheTranspose() {
        var p = filtered()
        p.press(.character("j"), .character("j"))  // shown row 2 = layer11, column 0 = layer1
        p.press(.character("t"))
        #expect(p.state.gridKey == GridKey(metric: .linearCKA, rowModel: 1, colModel: 0))
        #expect(p.state.filter?.rows.count == 11)
        #expect(p.state.realPosition(p.state.cursor) == GridPosition(row: 1, col: 11))
        p.press(.tab)
        #expect(p.state.filter?.pattern == "layer1")
    }
}

/// `t` on a measure that is not symmetric: the transposed grid is computed for itself
/// (`compute B A`), never mirrored from A × B.
@Suite struct TransposeTests {
    @Test func pairIndicesAreRowMajor() {
        let s = Fixtures.session(models: 3, layers: 2)
        #expect(s.pairCount == 9)
        for i in 0..<9 {
            #expect(s.pair(at: i) == ModelPair(rowModel: i / 3, colModel: i % 3))
            #expect(s.pair(at: i) == s.pairs[i])
            #expect(s.pairIndex(of: s.pair(at: i)) == i)
        }
    }

    @Test func anAsymmetricMeasureAsksForTheSwappedGrid() {
        let ab = GridKey(metric: .regression, rowModel: 0, colModel: 1)
        var p = Pilot(Fixtures.session(layers: 6, metrics: [.regression], cached: Fixtures.fullGrid(ab, rows: 6, cols: 6)))
        p.press(.character("j"), .character("l"), .character("l"))
        let effects = p.press(.character("t"))
        let ba = GridKey(metric: .regression, rowModel: 1, colModel: 0)
        #expect(effects.contains(.computeGrid(ba, p.state.focus, known: [])), "\(effects)")
        #expect(p.state.cursor == GridPosition(row: 2, col: 1))
        let line = p.frame.lines.map(Screen.trimRight)[21]
        #expect(line == "relu-s1:layer2 × relu-s0:layer1  not computed yet", "\(line)")
        // The engine's answer for B × A is what the cell shows.
        p.send(.engine(.cell(CellKey(grid: ba, row: 2, col: 1), Fixtures.value(0.25))))
        #expect(p.frame.lines.map(Screen.trimRight)[21] == "relu-s1:layer2 × relu-s0:layer1 = 0.250")
    }

    @Test func aModelAgainstItselfMovesTheCursorAcrossTheDiagonal() {
        var p = Pilot(Fixtures.session(models: 1, layers: 6))
        p.press(.character("j"), .character("l"), .character("l"), .character("l"))
        p.press(.character("t"))
        #expect(p.state.cursor == GridPosition(row: 3, col: 1))
        #expect(p.state.message?.text.hasPrefix("relu-s0 against itself: its transpose is the same grid") == true)
    }
}

/// The pure parts: percentiles, the colour range, fuzzy ranking, the number formats.
@Suite struct ColorRangeAndPickerTests {
    @Test func percentilesInterpolateLikeNumpy() {
        // np.percentile([0.5, 0.1, 0.9, 0.3, 0.7], [2, 50, 98]) == [0.116, 0.5, 0.884]
        let sorted = [0.1, 0.3, 0.5, 0.7, 0.9]
        #expect(abs(ColorRange.percentile(sorted, 2)! - 0.116) < 1e-12)
        #expect(ColorRange.percentile(sorted, 50) == 0.5)
        #expect(abs(ColorRange.percentile(sorted, 98)! - 0.884) < 1e-12)
        #expect(ColorRange.percentile([], 50) == nil)
        #expect(ColorRange.percentile([0.3], 98) == 0.3)
    }

    @Test func robustRangeOfAGridMatchesNumpy() {
        // The 12×12 fixture grid: np.percentile(v, [2, 98]) == [0.2857142857142857, 1.0], min 0.2666….
        let key = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        var p = Pilot(Fixtures.session(layers: 12, cached: Fixtures.fullGrid(key, rows: 12, cols: 12)))
        p.press(.character("s"))
        #expect(abs(p.state.colorRangeInUse.lowerBound - 0.26666666666666666) < 1e-15)
        p.press(.character("s"))
        #expect(abs(p.state.colorRangeInUse.lowerBound - 0.2857142857142857) < 1e-15)
        #expect(p.state.colorRangeInUse.upperBound == 1)
    }

    @Test func autoAndRobustFallBackToTheFullRangeWithoutSpread() {
        #expect(ColorRange.auto.resolve(full: 0...1, sorted: []) == 0...1)
        #expect(ColorRange.robust.resolve(full: 0...2, sorted: [0.5, 0.5]) == 0...2)
        #expect(ColorRange.auto.resolve(full: 0...1, sorted: [0.9, 0.95, 0.99]) == 0.9...0.99)
    }

    @Test func fixedRangesAreParsedOrExplained() {
        #expect(ColorRange.parseFixed("0.9:1") == .success(.fixed(lower: 0.9, upper: 1)))
        #expect(ColorRange.parseFixed(" -1 : 1 ") == .success(.fixed(lower: -1, upper: 1)))
        #expect(ColorRange.parseFixed("1:0.9") == .failure(.notIncreasing(1, 0.9)))
        #expect(ColorRange.parseFixed("0.9") == .failure(.notAPair("0.9")))
        #expect(ColorRange.parseFixed("a:1") == .failure(.notANumber("a")))
        #expect(ColorRange.parseFixed("0:nan") == .failure(.notANumber("nan")))
    }

    @Test func aWrongFixedRangeKeepsThePromptOpen() {
        var p = Pilot(LoopRig.session())
        p.press(.character("s"), .character("s"), .character("s"))
        p.press(.control("u"))
        p.type("1:0")
        p.press(.enter)
        #expect(p.state.overlay?.prompt?.kind == .range)
        #expect(p.state.message?.text == "MIN must be below MAX (got 1:0)")
    }

    @Test func sortedValuesFollowOverwritesAndSkipUndefinedCells() {
        var v = GridValues(rows: 2, cols: 2)
        v.set(Fixtures.value(0.7), row: 0, col: 0)
        v.set(Fixtures.value(0.2), row: 0, col: 1)
        v.set(Fixtures.undefined("constant"), row: 1, col: 0)
        v.set(Fixtures.value(0.9), row: 1, col: 1)
        #expect(v.sortedValues == [0.2, 0.7, 0.9])
        v.set(Fixtures.value(0.1), row: 1, col: 1)
        #expect(v.sortedValues == [0.1, 0.2, 0.7])
        v.set(Fixtures.value(0.5), row: 1, col: 0)
        #expect(v.sortedValues == [0.1, 0.2, 0.5, 0.7])
        v.set(Fixtures.value(0.3), row: 0, col: 0, onlyIfEmpty: true)
        #expect(v.sortedValues == [0.1, 0.2, 0.5, 0.7])
    }

    @Test func fuzzyMatchingRanksTheIntendedPairFirst() {
        let names = ["relu-s0", "relu-s1", "relu-s2", "relu-s3", "tanh-s0", "tanh-s1", "tanh-s2", "tanh-s3",
                     "tanh-s4", "tanh-s5", "tanh-s6", "tanh-s7", "wide"]
        let labels = names.flatMap { a in names.map { b in "\(a) × \(b)" } }
        #expect(labels.count == 169)
        #expect(labels[FuzzyMatch.rank("t5r2", labels)[0]] == "tanh-s5 × relu-s2")
        #expect(labels[FuzzyMatch.rank("r0 t1", labels)[0]] == "relu-s0 × tanh-s1")
        #expect(labels[FuzzyMatch.rank("wide wide", labels)[0]] == "wide × wide")
        #expect(labels[FuzzyMatch.rank("t5", labels)[0]] == "tanh-s5 × relu-s0", "the row model is typed first")
        #expect(FuzzyMatch.score("s1s0", in: "relu-s0 × relu-s1") == nil, "order matters")
        #expect(FuzzyMatch.score("", in: "x") == 0)
        // Consecutive and word-start matches score above scattered ones.
        #expect(FuzzyMatch.score("tanh", in: "tanh-s1")! > FuzzyMatch.score("tanh", in: "t-a-n-h")!)
    }

    @Test func numbersAtFullPrecisionAndMoreDecimals() {
        #expect(NumberFormat.full(0.99912345678901) == "0.9991234568")
        #expect(NumberFormat.full(1) == "1.000")
        #expect(NumberFormat.full(0.8) == "0.800")
        #expect(NumberFormat.full(-0.0) == "0.000")
        #expect(NumberFormat.full(1.2345678912e-7) == "1.234567891e-07")
        #expect(NumberFormat.compact(0.99912, width: 6, maxDecimals: 4) == "0.9991")
        #expect(NumberFormat.compact(-0.99912, width: 6, maxDecimals: 4) == "-0.999")
        #expect(NumberFormat.compact(0.99912345, width: 8, maxDecimals: 6) == "0.999123")
    }

    @Test func columnNamesShowWhenTheySayMoreThanTheIndices() {
        let names = ["layer1", "layer2", "layer3", "layer4", "layer5", "layer6", "layer7", "layer8_logits"]
        let p = Pilot(Fixtures.session(layers: 8, names: names))
        let lines = p.frame.lines.map(Screen.trimRight)
        #expect(lines[1] == "                0 1 2 3 4 5 6 7", "\(lines[1])")
        #expect(lines[2] == "         layer* 1 2 3 4 5 6 7 8_logits", "\(lines[2])")
        #expect(lines[3].hasPrefix("0 layer1"))
        // layer0 … layer39: the names are the indices, so no row of names.
        let plain = Pilot(LoopRig.session())
        #expect(plain.frame.lines.map(Screen.trimRight)[2].hasPrefix(" 0 layer0"))
    }

    @Test func theStatusLineKeepsTheValueWhenNamesAreLong() {
        let names = (0..<4).map { "encoder.layer.\($0).attention.output.dense.weight.projection" }
        let p = Pilot(Fixtures.session(layers: 4, cached: Fixtures.fullGrid(GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), rows: 4, cols: 4),
                                       names: names), size: Fixtures.size80x24)
        let line = p.frame.lines.map(Screen.trimRight)[21]
        #expect(line.hasSuffix(" = 1.000"), "\(line)")
        #expect(line.hasPrefix("encoder.layer.0.a…"), "\(line)")
    }

    @Test func theDetailsGiveTheValueAtFullPrecisionAndTheMeasuresAtTheCellsDecimals() {
        let rig = LoopRig(size: TerminalSize(width: 80, height: 70))
        rig.press(.character("l"), .character("l"), .character("l"), .character("d"), .enter)
        #expect(rig.screen.contains("linear CKA = 0.5714285714"), "\(rig.screen)")
        // DrillFixtures.measures: RBF CKA 0.7512 at 4 decimals.
        #expect(rig.screen.contains("RBF CKA             0.7512"), "\(rig.screen)")
    }
}
