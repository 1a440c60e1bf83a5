import Testing
import Explorer
import Similarity

/// The details panel's stitching section, as a picture: it appears with the measures and reads
/// the `stitch` row's extras; an undefined stitch shows its reason.
@Suite struct StitchPanelTests {
    static let extras: [String: Double] = [
        "stitch_b_accuracy": 0.97, "stitch_regression_accuracy": 0.965, "stitch_regression_relative": 0.965 / 0.97,
        "stitch_regression_rank_accuracy": 0.95, "stitch_regression_rank_relative": 0.95 / 0.97, "stitch_regression_rank_k": 8,
        "stitch_regression_l1_accuracy": 0.96, "stitch_regression_l1_relative": 0.96 / 0.97,
        "stitch_task_loss_accuracy": 0.965, "stitch_task_loss_relative": 0.965 / 0.97,
        "stitch_task_loss_steps": 1000, "stitch_regression_train_ce": 0.035556, "stitch_task_loss_train_ce": 0.008849,
    ]

    @Test func theSectionFollowsTheMeasures() {
        let cell = CellKey(grid: GridKey(metric: .linearCKA, rowModel: 0, colModel: 1), row: 0, col: 0)
        var p = Pilot(Fixtures.session(layers: 4), size: TerminalSize(width: 100, height: 200))
        p.press(.enter)
        #expect(!p.frame.lines.contains { $0.contains("Stitching (B's readout on A mapped into B)") })
        let rows = [MeasureRow(metric: .linearCKA, outcome: PairOutcome(value: .value(0.9))),
                    MeasureRow(metric: .stitch, outcome: PairOutcome(value: .value(0.965 / 0.97), extras: Self.extras))]
        p.send(.engine(.drill(cell, .measures(rows))))
        let lines = p.frame.lines.map(Screen.trimRight)
        guard let h = lines.firstIndex(where: { $0.contains("Stitching (B's readout on A mapped into B)") }) else {
            Issue.record("no stitching heading: \(lines)")
            return
        }
        #expect(Array(lines[(h + 1)...(h + 7)]) == [
            "  B's own readout accuracy 0.970 (held-out half)",
            "  map               stitched  relative",
            "  least squares        0.965     0.995",
            "  rank ≤ 8             0.950     0.979",
            "  lasso                0.960     0.990",
            "  task loss            0.965     0.995",
            "  task loss: 1000 steps, training cross-entropy 0.0356 → 0.0088",
        ])
        let undefined = [MeasureRow(metric: .stitch, outcome: PairOutcome(value: .undefined(reason: StitchMeasure.needsLabels)))]
        p.send(.engine(.drill(cell, .measures(undefined))))
        let after = p.frame.lines.map(Screen.trimRight)
        #expect(after.contains("  undefined: needs --labels FILE: class labels of the N inputs"))
    }
}
