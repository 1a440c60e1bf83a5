import Testing
import Explorer
import Similarity

/// The details panel's table of measures shows each measure's extras after its value.
@Suite struct DrillMeasuresTests {
    let cell = CellKey(grid: GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), row: 0, col: 0)

    static let measures = [
        MeasureRow(metric: .linearCKA, outcome: PairOutcome(value: .value(0.8))),
        MeasureRow(metric: .svcca, outcome: PairOutcome(value: .value(0.912), extras: ["svcca_k_y": 9, "svcca_k_x": 12])),
        MeasureRow(metric: .procrustes, outcome: PairOutcome(value: .value(0.912), extras: ["procrustes_distance": 0.176])),
        MeasureRow(metric: .regression, outcome: PairOutcome(value: .value(0.93), extras: ["regression_heldout_r2": 0.8412])),
        MeasureRow(metric: .mmdPoly, outcome: PairOutcome(value: .value(0.031), extras: ["dead_x": 2, "dead_y": 0])),
        MeasureRow(metric: .matchedCorr, outcome: PairOutcome(value: .undefined(reason: "no neurons could be matched"),
                                                              extras: ["dead_x": 64, "dead_y": 0])),
    ]

    @Test func extrasFollowTheValueCompactly() {
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 60))
        p.press(.enter)
        p.send(.engine(.drill(cell, .measures(Self.measures))))
        let f = p.frame
        let lines = f.lines.map(Screen.trimRight)
        #expect(lines.contains("  linear CKA           0.800"))
        #expect(lines.contains("  SVCCA                0.912  k_x=12 k_y=9"))
        #expect(lines.contains("  Procrustes           0.912  distance=0.176"))
        #expect(lines.contains("  regression R²        0.930  heldout_r2=0.841"))
        #expect(lines.contains("  MMD² (poly)          0.031  (distance)  dead_x=2 dead_y=0"))
        #expect(lines.contains("  matched corr.   undefined: no neurons could be matched  dead_x=64 dead_y=0"))
        // The extras are dimmed; the value keeps its style.
        guard let y = lines.firstIndex(of: "  SVCCA                0.912  k_x=12 k_y=9") else { return }
        Screen.expectStyle(f, x: 28, y: y, width: 14, "the extras") { $0.attributes == .dim }
        Screen.expectStyle(f, x: 0, y: y, width: 28, "the value") { $0 == .plain }
    }
}

/// The neuron-matching section reads the many-to-one matching beside the one-to-one one.
@Suite struct DrillManyToOneTests {
    let cell = CellKey(grid: GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), row: 0, col: 0)

    @Test(arguments: [(0.74, "0.140 above"), (0.5, "0.100 below")])
    func manyToOneLineGivesTheGap(many: Double, gap: String) {
        let matching = NeuronMatching(matches: [.init(x: 0, y: 1, correlation: 0.7), .init(x: 1, y: 0, correlation: -0.5)],
                                      deadX: 0, deadY: 1, widthX: 2, widthY: 4,
                                      manyToOne: ManyToOneMatching(meanAbsCorrelation: many, distinctY: 1))
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 120, height: 60))
        p.press(.enter)
        p.send(.engine(.drill(cell, .matching(.success(matching)))))
        let lines = p.frame.lines.map(Screen.trimRight)
        let want = "  many-to-one (each A neuron's best, max-corr) = \(String(format: "%.3f", many)) using 1 of 3 B neurons: \(gap) one-to-one"
        #expect(lines.contains(want), "\(lines.filter { $0.contains("many-to-one") })")
    }
}
