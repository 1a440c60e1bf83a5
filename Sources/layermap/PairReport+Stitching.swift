import Engine
import LayerIO
import Palette
import Similarity

/// The stitching accuracies in `layermap pair`'s output, read from the `stitch` outcome's
/// extras (see `StitchMeasure`).
extension PairReport {
    /// The maps in the order printed: (extras infix, name shown, how it was fitted).
    static let stitchMaps: [(key: String, name: String, how: String)] = [
        ("regression", "regression", "least squares"),
        ("regression_rank", "regression-rank", "rank ≤ k (--rank)"),
        ("regression_l1", "regression-l1", "lasso (--l1)"),
        ("task_loss", "task loss", "readout's cross-entropy, from least squares"),
    ]

    /// `"stitching"`: `{"heldout_samples", "b_accuracy", "maps": {"regression": {"accuracy",
    /// "relative"}, "regression_rank": {…, "k"}, "regression_l1": …, "task_loss": {"accuracy",
    /// "relative", "steps", "train_ce_start", "train_ce"}}}`; `null` when stitch is undefined
    /// (its reason is under `undefined.stitch`); absent when stitch was not computed.
    func stitchingJSON() -> String? {
        guard let o = outcome(.stitch) else { return nil }
        guard o.value.number != nil, let acc = o.extras["stitch_b_accuracy"] else { return "null" }
        func n(_ key: String) -> String { o.extras[key].map(JSONExporter.number) ?? "null" }
        let maps = Self.stitchMaps.map { m -> String in
            var f = "\"accuracy\": \(n("stitch_\(m.key)_accuracy")), \"relative\": \(n("stitch_\(m.key)_relative"))"
            if m.key == "regression_rank" { f += ", \"k\": \(n("stitch_regression_rank_k"))" }
            if m.key == "task_loss" {
                f += ", \"steps\": \(n("stitch_task_loss_steps")), \"train_ce_start\": \(n("stitch_regression_train_ce")), "
                    + "\"train_ce\": \(n("stitch_task_loss_train_ce"))"
            }
            return "\(JSONExporter.string(m.key)): {\(f)}"
        }
        return "{\"heldout_samples\": \(sampleCount - sampleCount / 2), \"b_accuracy\": \(JSONExporter.number(acc)), "
            + "\"maps\": {\(maps.joined(separator: ", "))}}"
    }

    /// The stitching table: B's own held-out accuracy, then each map's stitched and relative accuracy.
    func stitchingText() -> String {
        guard let o = outcome(.stitch) else { return "" }
        guard o.value.number != nil, let acc = o.extras["stitch_b_accuracy"] else {
            return "\nstitching: undefined: \(o.value.reason ?? "no accuracies")\n"
        }
        let held = sampleCount - sampleCount / 2
        var out = "\nstitching (B's readout on A mapped into B; fitted on samples 0..<\(sampleCount / 2), "
            + "accuracies on the \(held) held-out samples):\n"
        out += "  B's own readout accuracy: \(String(format: "%.6f", acc))\n"
        var t: [[String]] = [["map M", "fitted by", "stitched accuracy", "relative accuracy"]]
        for m in Self.stitchMaps {
            let how = m.key == "regression_rank"
                ? o.extras["stitch_regression_rank_k"].map { "rank ≤ \(Int($0)) (--rank)" } ?? m.how : m.how
            let a = o.extras["stitch_\(m.key)_accuracy"], r = o.extras["stitch_\(m.key)_relative"]
            t.append([m.name, how, a.map { String(format: "%.6f", $0) } ?? "undefined",
                      r.map { String(format: "%.6f", $0) } ?? "undefined"])
        }
        out += TextTable.render(t)
        if let s = o.extras["stitch_task_loss_steps"], let c0 = o.extras["stitch_regression_train_ce"],
           let c1 = o.extras["stitch_task_loss_train_ce"] {
            out += "  task loss: \(Int(s)) gradient steps; training cross-entropy \(String(format: "%.6f", c0)) "
                + "(least squares) → \(String(format: "%.6f", c1))\n"
        }
        return out
    }
}
