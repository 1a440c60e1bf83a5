import Foundation
import Testing
import Explorer
import LayerIO
import Similarity

/// The difference view (`D`) and the clipboard (`y`) through the real loop and the fake
/// terminal, and their pure parts. Expected values are worked out by hand from
/// `Fixtures.similarity` (1 / (1 + |r − c|/4)) and the constant grids below; the OSC 52 bytes
/// from the escape codes and base64 written out here.
enum DifferenceKeyChecks {
    /// Two models of 12 layers: linear CKA = `similarity`, RBF CKA = 0.25 everywhere
    /// except (0, 1), undefined; MMD² (linear), a distance, on offer too.
    static func session(cachedB: Bool = true) -> Session {
        let a = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        let b = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        var cells = Fixtures.fullGrid(a, rows: 12, cols: 12)
        if cachedB {
            for r in 0..<12 { for c in 0..<12 { cells[CellKey(grid: b, row: r, col: c)] = Fixtures.value(0.25) } }
            cells[CellKey(grid: b, row: 0, col: 1)] = Fixtures.undefined("a constant layer")
        }
        return Fixtures.session(metrics: [.linearCKA, .rbfCKA, .mmdLinear], cached: cells)
    }

    /// `D`, "difference with a metric…", then the metric whose label starts with `name`.
    static func subtractMetric(_ rig: LoopRig, _ name: String) {
        rig.press(.character("D"), .enter)
        rig.type(name)
        rig.press(.enter)
    }

    static func check(_ action: Action, _ key: Key, sourceLocation: SourceLocation = #_sourceLocation) {
        switch action {
        case .differenceMenu:
            let rig = LoopRig(session())
            rig.press(key)
            #expect(rig.state.overlay?.picker?.kind == .differenceMenu, sourceLocation: sourceLocation)
            #expect(rig.screen.contains("difference with a metric…") && rig.screen.contains("difference with a model pair…"),
                    "\(rig.screen)", sourceLocation: sourceLocation)
            rig.press(.enter)
            #expect(rig.state.overlay?.picker?.kind == .differenceMetric, sourceLocation: sourceLocation)
            #expect(rig.screen.contains("MMD² (linear)  (a distance: refused)"), "\(rig.screen)", sourceLocation: sourceLocation)
            rig.type("RBF")
            rig.press(.enter)
            #expect(rig.title.hasPrefix("difference: linear CKA − RBF CKA · relu-s0 × relu-s1"), "\(rig.title)",
                    sourceLocation: sourceLocation)
            // (0, 0): 1 − 0.25.
            #expect(rig.cellLine == "layer0 × layer0 = +0.750  (linear CKA 1.000 − RBF CKA 0.250)", "\(rig.cellLine)",
                    sourceLocation: sourceLocation)
            rig.press(key)
            #expect(rig.screen.contains("back to the plain grid"), sourceLocation: sourceLocation)
            rig.press(.down, .down, .enter)
            #expect(rig.state.difference == nil && rig.title.hasPrefix("relu-s0 × relu-s1 — linear CKA"), "\(rig.title)",
                    sourceLocation: sourceLocation)
        case .copyToClipboard:
            let rig = LoopRig(session())
            rig.press(.character("l"), .character("l"), key)
            // (0, 2): 1 / 1.5 at round-trip precision.
            let text = NumberFormat.exact(1 / 1.5)
            #expect(rig.infoLine.hasPrefix("copied \(text) to the clipboard (OSC 52)"), "\(rig.infoLine)", sourceLocation: sourceLocation)
            #expect(rig.term.controlSequences == [OSC52.sequence(text, framing: .plain)], sourceLocation: sourceLocation)
        default:
            Issue.record("not a difference or clipboard key: \(action)", sourceLocation: sourceLocation)
        }
    }
}

@Suite struct DifferenceLoopTests {
    @Test func cellsAreAMinusBAndUndefinedNamesTheOperand() {
        let rig = LoopRig(DifferenceKeyChecks.session())
        DifferenceKeyChecks.subtractMetric(rig, "RBF")
        let d = try! #require(rig.state.difference)
        #expect(d.subtrahend == GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1))
        // Largest |A − B|: the diagonal, 1 − 0.25.
        #expect(d.limit == 0.75)
        rig.press(.character("l"))
        #expect(rig.cellLine == "layer0 × layer1: undefined: RBF CKA undefined: a constant layer", "\(rig.cellLine)")
        rig.press(.character("l"))
        // (0, 2): 1/1.5 − 0.25 = 0.41666…
        #expect(rig.cellLine.hasPrefix("layer0 × layer2 = +0.4166666667  (linear CKA 0.6666666667 − RBF CKA 0.250)"), "\(rig.cellLine)")
        // The legend: the diverging scale over ±0.75, what + means.
        #expect(rig.lines[rig.lines.count - 4].hasPrefix("-0.75 "), "\(rig.lines[rig.lines.count - 4])")
        #expect(rig.lines[rig.lines.count - 4].contains("+ = linear CKA > RBF CKA"))
    }

    @Test func aSimilarityMinusADistanceIsRefused() {
        let rig = LoopRig(DifferenceKeyChecks.session())
        DifferenceKeyChecks.subtractMetric(rig, "MMD")
        #expect(rig.state.difference == nil)
        #expect(rig.state.message?.text == "refused: linear CKA is a similarity and MMD² (linear) a distance: their difference means nothing; pick a similarity",
                "\(rig.state.message?.text ?? "")")
    }

    @Test func aPairWithOtherLayersIsRefusedNamingTheLayer() {
        var models = (0..<2).map { Session.Model(name: "relu-s\($0)", layers: Fixtures.layers(4)) }
        models.append(Session.Model(name: "tanh-s0", layers: Fixtures.layers(4, names: ["layer0", "layer1", "conv", "layer3"])))
        let session = Session(models: models, sampleCount: 500, reducePolicy: "flatten", metrics: [.linearCKA],
                              colorMode: .palette256, supportsUnicode: true)
        let rig = LoopRig(session)
        rig.press(.character("D"), .down, .enter)
        #expect(rig.state.overlay?.picker?.kind == .differencePair)
        #expect(rig.screen.contains("relu-s0 × tanh-s0  (other layers: refused)"), "\(rig.screen)")
        rig.type("relu-s0 × tanh-s0")
        rig.press(.enter)
        #expect(rig.state.difference == nil)
        #expect(rig.state.message?.text == "refused: the columns differ: layer 2 is layer2 in relu-s1 and conv in tanh-s0", "\(rig.state.message?.text ?? "")")
        // A pair with the same layers is taken: (relu-s0 × relu-s1) − (relu-s0 × relu-s0).
        rig.press(.character("D"), .down, .enter)
        rig.type("relu-s0 × relu-s0")
        rig.press(.enter)
        #expect(rig.title.hasPrefix("difference: (relu-s0 × relu-s1) − (relu-s0 × relu-s0) · linear CKA"), "\(rig.title)")
    }

    @Test func bothOperandsAreAskedForOneAfterTheOther() {
        var p = Pilot(DifferenceKeyChecks.session(cachedB: false))
        p.clearEffects()
        p.press(.character("D"), .enter)
        p.type("RBF")
        let effects = p.press(.enter)
        let b = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        // A is complete (cached), so B is asked for at once, cursor first.
        #expect(effects.contains { if case .computeGrid(let k, _, _) = $0 { return k == b } else { return false } }, "\(effects)")
        #expect(p.state.values(for: b).knownCount == 0)
        // Moving reorders B's job.
        let moved = p.press(.character("j"))
        #expect(moved.contains(.updateFocus(b, p.state.focus)), "\(moved)")
        // Esc leaves the view and cancels B.
        let left = p.press(.escape)
        #expect(left.contains(.cancelGrid(b)) && p.state.difference == nil, "\(left)")
    }

    @Test func aWithWorkLeftIsComputedFirstThenB() {
        let a = GridKey(metric: .linearCKA, rowModel: 0, colModel: 1)
        let b = GridKey(metric: .rbfCKA, rowModel: 0, colModel: 1)
        var p = Pilot(Fixtures.session(metrics: [.linearCKA, .rbfCKA]))
        p.press(.character("D"), .enter)
        p.type("RBF")
        let first = p.press(.enter)
        #expect(!first.contains { if case .computeGrid(let k, _, _) = $0 { return k == b } else { return false } }, "A is still running: \(first)")
        for r in 0..<12 { for c in 0..<12 { _ = p.send(.engine(.cell(CellKey(grid: a, row: r, col: c), Fixtures.value(0.5)))) } }
        let next = p.send(.engine(.finished(a)))
        #expect(next.contains { if case .computeGrid(let k, _, _) = $0 { return k == b } else { return false } }, "\(next)")
        // A cell of B arriving widens the scale: 0.5 − (−0.5).
        _ = p.send(.engine(.cell(CellKey(grid: b, row: 3, col: 4), Fixtures.value(-0.5))))
        #expect(p.state.difference?.limit == 1.0)
    }

    @Test func keysThatChangeThePairOrMetricLeaveTheView() {
        let rig = LoopRig(DifferenceKeyChecks.session())
        DifferenceKeyChecks.subtractMetric(rig, "RBF")
        rig.press(.tab)
        #expect(rig.state.difference == nil && rig.title.hasPrefix("relu-s1 × relu-s0 — linear CKA"), "\(rig.title)")
    }

    @Test func enterShowsBothOperands() {
        let rig = LoopRig(DifferenceKeyChecks.session())
        DifferenceKeyChecks.subtractMetric(rig, "RBF")
        rig.press(.character("j"), .enter)
        #expect(rig.state.overlay?.panel?.differenceDrill == DifferenceDrillState(row: 1, col: 0))
        #expect(rig.lines[1] == "Difference  relu-s0:layer1 × relu-s1:layer0", "\(rig.lines[1])")
        // (1, 0): 0.8 − 0.25.
        #expect(rig.screen.contains("A      0.800   linear CKA, relu-s0 × relu-s1"), "\(rig.screen)")
        #expect(rig.screen.contains("B      0.250   RBF CKA, relu-s0 × relu-s1"), "\(rig.screen)")
        #expect(rig.screen.contains("A − B  +0.550"), "\(rig.screen)")
    }

    @Test func anExportCarriesTheDifferenceAndNamesBothOperands() throws {
        var p = Pilot(DifferenceKeyChecks.session())
        p.press(.character("D"), .enter)
        p.type("RBF")
        p.press(.enter)
        p.press(.character("v"), .character("l"))
        p.press(.character("e"))
        #expect(p.state.overlay?.prompt?.text == "relu-s0_x_relu-s1_linear-cka_minus_rbf-cka_r0-0_c0-1.csv")
        let effects = p.press(.enter)
        var found: ExportRequest?
        for case .export(let r) in effects { found = r }
        let request = try #require(found)
        #expect(request.kind == .difference && request.rows == [0] && request.cols == [0, 1])
        #expect(request.values == [[.value(0.75), .undefined(reason: "RBF CKA undefined: a constant layer")]])
        let d = try #require(request.difference)
        #expect(d.minuend.metric == .linearCKA && d.subtrahend.metric == .rbfCKA)
        #expect(d.minuend.values == [[1, 0.8]] && d.subtrahend.values == [[0.25, nil]])
        #expect(d.title == "linear CKA − RBF CKA · relu-s0 × relu-s1")
    }

    @Test func theSelectionIsCopiedAsCSVNamingTheOperands() {
        let rig = LoopRig(DifferenceKeyChecks.session())
        DifferenceKeyChecks.subtractMetric(rig, "RBF")
        rig.press(.character("v"), .character("j"), .character("l"), .character("y"))
        #expect(rig.infoLine.hasPrefix("copied 2×2 cells as CSV to the clipboard (OSC 52)"), "\(rig.infoLine)")
        let expected = """
            # difference: linear CKA − RBF CKA · relu-s0 × relu-s1
            # A: linear-cka, rows relu-s0, columns relu-s1
            # B: rbf-cka, rows relu-s0, columns relu-s1
            # values: A − B; empty where A or B is undefined or not computed
            ,layer0,layer1
            layer0,0.75,
            layer1,0.55,0.75

            """
        #expect(rig.term.controlSequences == [OSC52.sequence(expected, framing: .plain)])
    }
}

@Suite struct ClipboardTests {
    @Test func theSequenceIsOSC52WithBase64() {
        // base64("0.5") = "MC41".
        #expect(OSC52.sequence("0.5", framing: .plain) == [0x1B] + Array("]52;c;MC41".utf8) + [0x07])
        #expect(OSC52.sequence("0.5", framing: .tmuxPassthrough)
                == [0x1B] + Array("Ptmux;".utf8) + [0x1B, 0x1B] + Array("]52;c;MC41".utf8) + [0x07, 0x1B, 0x5C])
        // Non-ASCII text is encoded as UTF-8 first: "×" = C3 97 → "w5c=".
        #expect(OSC52.sequence("×", framing: .plain) == [0x1B] + Array("]52;c;w5c=".utf8) + [0x07])
    }

    @Test func theRouteFollowsTheTerminalAndTmuxOptions() {
        func route(_ env: [String: String], tty: Bool = true, _ options: [String: String] = [:]) -> ClipboardRoute {
            ClipboardRoute.detect(environment: env, outputIsTerminal: tty, tmuxOption: { options[$0] })
        }
        #expect(route(["TERM": "xterm-256color"]) == .terminal)
        #expect(route(["TERM": "xterm"], tty: false) == .refused("standard output is not a terminal"))
        #expect(route(["TERM": "dumb"]) == .refused("TERM=dumb cannot take OSC 52"))
        let tmux = ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"]
        #expect(route(tmux, ["set-clipboard": "on", "allow-passthrough": "off"]) == .osc52(.plain, via: "OSC 52 via tmux"))
        #expect(route(tmux, ["set-clipboard": "external", "allow-passthrough": "on"]) == .osc52(.tmuxPassthrough, via: "OSC 52 through tmux"))
        #expect(route(tmux, [:]) == .osc52(.tmuxPassthrough, via: "OSC 52 through tmux"))
        guard case .refused(let why) = route(tmux, ["set-clipboard": "external", "allow-passthrough": "off"]) else {
            Issue.record("tmux that drops OSC 52 is not refused")
            return
        }
        #expect(why.contains("set-clipboard external") && why.contains("tmux set -g set-clipboard on"), "\(why)")
    }

    @Test func aRefusedRouteSaysSoAndSendsNothing() {
        var session = DifferenceKeyChecks.session()
        session.clipboard = .refused("TERM=dumb cannot take OSC 52")
        let rig = LoopRig(session)
        rig.press(.character("y"))
        #expect(rig.infoLine.hasPrefix("copy refused: TERM=dumb cannot take OSC 52"), "\(rig.infoLine)")
        #expect(rig.term.controlSequences.isEmpty)
    }

    @Test func anUndefinedOrTooLargeCopyIsRefused() {
        var session = DifferenceKeyChecks.session()
        session.clipboard = .terminal
        let rig = LoopRig(Fixtures.session(layers: 300, metrics: [.linearCKA],
                                           cached: Fixtures.fullGrid(GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), rows: 300, cols: 300)))
        // The whole 300×300 grid as CSV is far over 100 kB.
        rig.press(.character("v"), .character("G"), .character("$"), .character("y"))
        #expect(rig.infoLine.hasPrefix("copy refused: "), "\(rig.infoLine)")
        #expect(rig.infoLine.contains("kB is over the 100 kB"), "\(rig.infoLine)")
        #expect(rig.term.controlSequences.isEmpty)
        let b = LoopRig(DifferenceKeyChecks.session())
        DifferenceKeyChecks.subtractMetric(b, "RBF")
        b.press(.character("l"), .character("y"))
        #expect(b.state.message?.text == "copy refused: the cell is undefined (RBF CKA undefined: a constant layer)", "\(b.state.message?.text ?? "")")
    }

    @Test func aFilteredSelectionCopiesTheShownLayers() {
        let rig = LoopRig(LoopRig.session())
        rig.press(.character("f"))
        rig.type("layer1")
        rig.press(.enter)
        // Shown rows 0…1 = layer1, layer10; column 0 = layer1.
        rig.press(.character("v"), .character("j"), .character("y"))
        let csv = ",layer1\nlayer1,1\nlayer10,\(NumberFormat.exact(Fixtures.similarity(10, 1)))\n"
        #expect(rig.term.controlSequences == [OSC52.sequence(csv, framing: .plain)])
    }
}
