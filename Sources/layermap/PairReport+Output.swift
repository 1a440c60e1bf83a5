import Engine
import LayerIO
import Palette
import Similarity

/// What `layermap pair` prints: the report as JSON or as a readable table.
extension PairReport {
    /// The JSON object `layermap pair --format json` prints: one key per metric (its name with
    /// `-` as `_`, `null` when undefined), `hsic` and `hsic_unbiased` (linear kernel),
    /// `rbf_hsic` and `rbf_hsic_unbiased`, each measure's extras, and `undefined` reasons.
    func json() -> String {
        var fields: [(String, String)] = [
            ("row", JSONExporter.string(rowLabel)),
            ("col", JSONExporter.string(colLabel)),
            ("n", "\(sampleCount)"),
            ("d_x", "\(widthX)"),
            ("d_y", "\(widthY)"),
        ]
        var reasons: [(String, String)] = []
        var extras: [(String, String)] = []
        for (metric, o) in outcomes {
            fields.append((metric.jsonKey, o.value.number.map(JSONExporter.number) ?? "null"))
            if let r = o.value.reason { reasons.append((metric.jsonKey, JSONExporter.string(r))) }
            for (k, v) in o.extras.sorted(by: { $0.key < $1.key }) {
                // Extras are namespaced by their metric (svcca_k_x, matched_corr_dead_x) so two
                // measures reporting e.g. dead neurons never collide.
                let key = k.hasPrefix(metric.jsonKey + "_") ? k : metric.jsonKey + "_" + k
                extras.append((key, JSONExporter.number(v)))
            }
        }
        if let lin = outcome(.linearCKA)?.cka {
            fields.append(("hsic", Self.terms(lin.biased)))
            fields.append(("hsic_unbiased", lin.unbiased.map(Self.terms) ?? "null"))
        }
        if let rbf = outcome(.rbfCKA)?.cka {
            fields.append(("rbf_hsic", Self.terms(rbf.biased)))
            fields.append(("rbf_hsic_unbiased", rbf.unbiased.map(Self.terms) ?? "null"))
        }
        fields += extras
        if let sw = sweepsJSON(reasons: &reasons) { fields.append(("sweeps", sw)) }
        if let st = stitchingJSON() { fields.append(("stitching", st)) }
        switch significance {
        case .success(let s)?:
            fields.append(("significance_metric", JSONExporter.string(s.metric.rawValue)))
            fields.append(("permutation_p", s.permutationP.map(JSONExporter.number) ?? "null"))
            fields.append(("permutations", "\(s.permutations)"))
            let ci = s.bootstrapLow.flatMap { lo in s.bootstrapHigh.map { "[\(JSONExporter.number(lo)), \(JSONExporter.number($0))]" } }
            fields.append(("bootstrap_ci", ci ?? "null"))
            fields.append(("bootstrap_method", JSONExporter.string(s.bootstrapMethod)))
            let pci = s.percentileLow.flatMap { lo in s.percentileHigh.map { "[\(JSONExporter.number(lo)), \(JSONExporter.number($0))]" } }
            fields.append(("bootstrap_percentile_ci", pci ?? "null"))
            fields.append(("bootstrap_bias", s.bootstrapBias.map(JSONExporter.number) ?? "null"))
            fields.append(("observed_outside_percentile_ci", s.observedOutsidePercentileInterval ? "true" : "false"))
            fields.append(("bootstrap_samples", "\(s.bootstrapSamples)"))
            fields.append(("seed", "\(s.seed)"))
        case .failure(let e)?:
            fields.append(("permutation_p", "null"))
            fields.append(("bootstrap_ci", "null"))
            reasons.append(("significance", JSONExporter.string(e.description)))
        case nil:
            break
        }
        fields.append(("undefined", "{" + reasons.map { "\(JSONExporter.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"))
        return "{\n" + fields.map { "  \(JSONExporter.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    static func terms(_ t: HSICTerms) -> String {
        "{\"xy\": \(JSONExporter.number(t.xy)), \"xx\": \(JSONExporter.number(t.xx)), \"yy\": \(JSONExporter.number(t.yy))}"
    }

    /// A readable summary: the pair, each measure, the two neuron matchings side by side, then
    /// the HSIC terms.
    func text() -> String {
        var out = TerminalText.escaped("\(rowLabel) × \(colLabel)") + "\nn = \(sampleCount), d_x = \(widthX), d_y = \(widthY)\n\n"
        var rows: [[String]] = [["measure", "value", ""]]
        for (metric, o) in outcomes {
            let value = o.value.number.map { String(format: "%.6f", $0) } ?? "undefined"
            var note = o.value.reason ?? ""
            if !o.extras.isEmpty {
                note += (note.isEmpty ? "" : "; ") + o.extras.sorted { $0.key < $1.key }
                    .map { "\($0.key) = \(NumberFormat.significant($0.value, 6))" }.joined(separator: ", ")
            }
            rows.append([metric.rawValue, value, note])
        }
        out += TextTable.render(rows)
        if let many = outcome(.maxCorr), let one = outcome(.matchedCorr), let m = many.value.number, let o = one.value.number,
           let distinct = many.extras["distinct_y"] {
            let gap = m - o
            out += "\nneuron matching: many-to-one (max-corr) \(String(format: "%.6f", m)) uses \(Int(distinct)) distinct Y neurons; "
                + "one-to-one (matched-corr) \(String(format: "%.6f", o)): the many-to-one reading is "
                + "\(String(format: "%.6f", abs(gap))) \(gap >= 0 ? "higher" : "lower")\n"
        }
        out += sweepsText()
        out += stitchingText()
        for (title, metric) in [("linear kernel", Metric.linearCKA), ("RBF kernel", .rbfCKA)] {
            guard let c = outcome(metric)?.cka else { continue }
            out += "\nHSIC terms, \(title):\n"
            var t: [[String]] = [["estimator", "HSIC(K,L)", "HSIC(K,K)", "HSIC(L,L)", "CKA"]]
            t.append(["biased"] + Self.row(c.biased))
            if let u = c.unbiased { t.append(["unbiased"] + Self.row(u)) }
            out += TextTable.render(t)
        }
        switch significance {
        case .success(let s)?:
            out += "\nsignificance of \(s.metric.rawValue) = \(String(format: "%.6f", s.observed)) (seed \(s.seed)):\n"
            if let p = s.permutationP { out += "  permutation test: p = \(NumberFormat.significant(p, 6)) over \(s.permutations) permutations of Y's samples\n" }
            if let lo = s.bootstrapLow, let hi = s.bootstrapHigh {
                out += "  bootstrap 95 % interval (\(s.bootstrapMethod)): [\(String(format: "%.6f", lo)), \(String(format: "%.6f", hi))] from \(s.bootstrapSamples) resamples\n"
            }
            if let bias = s.bootstrapBias {
                out += "  bootstrap bias estimate (mean of resamples − value): \(String(format: "%+.6f", bias))\n"
            }
            if s.observedOutsidePercentileInterval, let lo = s.percentileLow, let hi = s.percentileHigh {
                out += "  note: the value lies outside the plain percentile interval [\(String(format: "%.6f", lo)), \(String(format: "%.6f", hi))]: resampling repeats samples, which shifts this measure; "
                    + (s.bootstrapMethod == "BCa" ? "the BCa interval corrects for it\n"
                       : "every resample lies on one side of the value, so BCa cannot be estimated and the basic interval (2·value − percentiles, centred on value − bias) is shown\n")
            }
        case .failure(let e)?:
            out += "\nsignificance: not computed: \(e)\n"
        case nil:
            break
        }
        return out
    }

    static func row(_ t: HSICTerms) -> [String] {
        // A term that is not finite (n = 1 divides by n − 1 = 0) reads "undefined", never "nan".
        [t.xy, t.xx, t.yy].map { $0.isFinite ? NumberFormat.significant($0, 6) : "undefined" }
            + [t.normalized.map { String(format: "%.6f", $0) } ?? "undefined"]
    }
}
