import Similarity

extension DrillPanel {
    /// The maps of the stitching section: (extras infix, name shown).
    static let stitchMaps: [(key: String, name: String)] = [
        ("regression", "least squares"), ("regression_rank", "rank ≤ k"), ("regression_l1", "lasso"), ("task_loss", "task loss"),
    ]

    /// The stitching section, from the `stitch` row of the measures (its extras; see
    /// `StitchMeasure`): B's own held-out accuracy, then each map's stitched and relative
    /// accuracy; or the reason stitch is undefined.
    static func stitchLines(_ row: MeasureRow, theme: Theme) -> [StyledLine] {
        guard row.outcome.value.number != nil, let acc = row.outcome.extras["stitch_b_accuracy"] else {
            return [StyledLine("  undefined: \(row.outcome.value.reason ?? "no accuracies")", theme.warning)]
        }
        let e = row.outcome.extras
        var out = [StyledLine("  B's own readout accuracy \(NumberFormat.fixed(acc, 3)) (held-out half)")]
        out.append(StyledLine("  " + TextFit.padRight("map", 16) + cols(["stitched", "relative"], widths: [10, 10]), theme.dim))
        for m in stitchMaps {
            var name = m.name
            if m.key == "regression_rank", let k = e["stitch_regression_rank_k"] { name = "rank ≤ \(Int(k))" }
            let a = e["stitch_\(m.key)_accuracy"].map { NumberFormat.fixed($0, 3) } ?? "undef."
            let r = e["stitch_\(m.key)_relative"].map { NumberFormat.fixed($0, 3) } ?? "undef."
            out.append(StyledLine("  " + TextFit.padRight(name, 16) + cols([a, r], widths: [10, 10]),
                                  m.key == "task_loss" ? theme.title : .plain))
        }
        if let steps = e["stitch_task_loss_steps"], let c0 = e["stitch_regression_train_ce"], let c1 = e["stitch_task_loss_train_ce"] {
            out.append(StyledLine("  task loss: \(Int(steps)) steps, training cross-entropy \(NumberFormat.fixed(c0, 4)) → \(NumberFormat.fixed(c1, 4))",
                                  theme.dim))
        }
        return out
    }
}
