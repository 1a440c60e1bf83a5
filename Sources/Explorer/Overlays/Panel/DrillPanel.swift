import Similarity

/// The details panel of one grid cell, built as lines (`PanelView` draws them scrolled in
/// the body rows).
///
/// Sections, each "computing…" until its part arrives: the pair (names, n, d_A, d_B,
/// shapes); HSIC terms and CKA for both estimators; the top principal-component pairs;
/// neuron matching with a histogram of matched |r|; every measure with its extras; stitching
/// (once the measures are in); the direct-matching sweeps; significance.
enum DrillPanel {
    /// How many principal-component pairs are listed.
    static let topPairs = 8

    /// Every line of the panel of `d`'s cell (empty when the cell is outside its grid).
    static func lines(_ d: DrillState, _ state: AppState, width: Int) -> [StyledLine] {
        let theme = Theme(state.session.colorMode)
        let u = state.session.supportsUnicode
        let g = state.glyphs
        let rowModel = state.session.models[d.cell.grid.rowModel]
        let colModel = state.session.models[d.cell.grid.colModel]
        guard d.cell.row < rowModel.layers.count, d.cell.col < colModel.layers.count else { return [] }
        let a = rowModel.layers[d.cell.row], b = colModel.layers[d.cell.col]
        let outcome = state.values(for: d.cell.grid)[d.cell.row, d.cell.col]
        let computing = StyledLine("  computing" + String(g.ellipsis), theme.dim)
        var out: [StyledLine] = []
        func heading(_ s: String) {
            if !out.isEmpty { out.append(.empty) }
            out.append(StyledLine(s, theme.heading))
        }
        func line(_ s: String, _ style: Style = .plain) { out.append(StyledLine("  " + s, style)) }
        func failure(_ e: SimilarityError) { line("not available: \(e.description)", theme.warning) }

        // The pair.
        out.append(StyledLine([("Details  ", theme.title),
                               ("\(rowModel.name):\(a.name) \(g.times) \(colModel.name):\(b.name)", theme.title)]))
        line("n = \(state.session.sampleCount)   d_A = \(a.width)   d_B = \(b.width)   reduce: \(state.session.reducePolicy)")
        line("A: \(a.shape) \(a.dtype)    B: \(b.shape) \(b.dtype)", theme.dim)
        switch outcome?.value {
        case nil: line("\(d.cell.grid.metric.displayName): not computed yet", theme.dim)
        case .undefined(let reason)?: line("\(d.cell.grid.metric.displayName): undefined: \(reason)", theme.warning)
        case .value(let v)?: line("\(d.cell.grid.metric.displayName) = \(NumberFormat.full(v))", theme.title)
        }

        // HSIC terms.
        if let terms = d.linearTerms {
            heading("HSIC terms, linear kernel")
            switch terms {
            case .success(let cka): out += hsicTable(cka)
            case .failure(let e): failure(e)
            }
        } else if let cka = outcome?.cka {
            heading("HSIC terms, \(cka.kernel) kernel (from the grid; linear terms computing\(g.ellipsis))")
            out += hsicTable(cka)
        } else {
            heading("HSIC terms, linear kernel")
            out.append(computing)
        }

        // Principal-component pairs.
        heading("Principal-component pairs of HSIC(K,L)")
        switch d.decomposition {
        case nil: out.append(computing)
        case .failure(let e)?: failure(e)
        case .success(let dec)?:
            let lam = u ? "λ" : "lambda"
            out.append(StyledLine("  " + cols(["i", "j", lam + "_A", lam + "_B", u ? "⟨u,v⟩²" : "align", "share"],
                                              widths: [4, 4, 11, 11, 8, 8]), theme.dim))
            for c in dec.top.prefix(topPairs) {
                line(cols([String(c.i), String(c.j), NumberFormat.scientific(c.lambdaX, 2),
                           NumberFormat.scientific(c.lambdaY, 2), NumberFormat.fixed(c.alignment, 3),
                           NumberFormat.percent(c.share)], widths: [4, 4, 11, 11, 8, 8]))
            }
            let shown = dec.top.prefix(topPairs).reduce(0) { $0 + $1.share }
            line("top \(min(topPairs, dec.top.count)) pairs: \(NumberFormat.percent(shown)) of HSIC(K,L) = \(NumberFormat.scientific(dec.total))", theme.dim)
        }

        // Neuron matching.
        heading("Neuron matching (Hungarian, |Pearson r|)")
        switch d.matching {
        case nil:
            if let p = d.matchingProgress {
                let barWidth = 20
                let filled = Int((p * Double(barWidth)).rounded(.down))
                out.append(StyledLine([("  computing" + String(g.ellipsis) + " \(NumberFormat.fixed(p * 100, 0))%  ", theme.dim),
                                       (String(repeating: g.bar, count: filled), .plain),
                                       (String(repeating: g.shades[1] == " " ? "." : g.shades[1], count: barWidth - filled), theme.dim)]))
            } else {
                out.append(computing)
            }
        case .failure(let e)?: failure(e)
        case .success(let m)?:
            out += matchingLines(m, width: width, unicode: u, glyphs: g, theme: theme)
        }

        // Every measure.
        heading("Measures")
        if let rows = d.measures {
            let nameWidth = max(14, rows.map { $0.metric.displayName.count }.max() ?? 0) + 2
            for r in rows {
                let name = TextFit.padRight(r.metric.displayName, nameWidth)
                let dir = r.metric.orientation == .distance ? "  (distance)" : ""
                var row: StyledLine
                switch r.outcome.value {
                case .value(let v): row = StyledLine("  " + name + TextFit.padLeft(DrillPanel.measureText(v, state.precision), 10) + dir,
                                                     r.metric == d.cell.grid.metric ? theme.title : .plain)
                case .undefined(let reason): row = StyledLine("  " + name + "undefined: " + reason, theme.warning)
                }
                let extras = extrasText(r)
                if !extras.isEmpty { row.append("  " + extras, theme.dim) }
                out.append(row)
            }
        } else {
            out.append(computing)
        }

        // Stitching, once the measures (stitch among them) are in.
        if let row = d.measures?.first(where: { $0.metric == .stitch }) {
            heading("Stitching (B's readout on A mapped into B)")
            out += stitchLines(row, theme: theme)
        }

        // The direct-matching sweeps.
        heading("Direct matching: rank and sparsity sweeps")
        out += sweepLines(d.sweeps, width: width, unicode: u, theme: theme, computing: computing)

        // Significance.
        heading("Significance (\(d.cell.grid.metric.displayName))")
        switch d.significance {
        case nil: out.append(computing)
        case .failure(let e)?: failure(e)
        case .success(let s)?:
            if let p = s.permutationP {
                line("permutation p = \(NumberFormat.value(p))  (\(s.permutations) permutations)")
            } else {
                line("no permutation test", theme.dim)
            }
            if let lo = s.bootstrapLow, let hi = s.bootstrapHigh {
                line("bootstrap 95% interval (\(s.bootstrapMethod)) \(NumberFormat.value(lo)) \(u ? "–" : "to") \(NumberFormat.value(hi))  (\(s.bootstrapSamples) resamples, seed \(s.seed))")
                if let bias = s.bootstrapBias {
                    line("bootstrap bias \(bias >= 0 ? "+" : "")\(NumberFormat.value(bias))"
                         + (s.observedOutsidePercentileInterval ? "  (the value is outside the plain percentile interval)" : ""))
                }
            } else {
                line("no bootstrap interval", theme.dim)
            }
        }
        return out
    }

    /// A measure's extras, compactly: `k_x=12 k_y=9`, `distance=0.176`, `dead_x=2 dead_y=0`,
    /// sorted by key, the metric's own prefix (`svcca_`, `procrustes_`) left out, counts
    /// without decimals.
    static func extrasText(_ row: MeasureRow) -> String {
        let prefix = row.metric.jsonKey + "_"
        return row.outcome.extras.sorted { $0.key < $1.key }.map { key, v in
            let name = key.hasPrefix(prefix) && key.count > prefix.count ? String(key.dropFirst(prefix.count)) : key
            let text = v.isFinite && v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : NumberFormat.value(v)
            return name + "=" + text
        }.joined(separator: " ")
    }

    /// Columns right-aligned to `widths`.
    static func cols(_ items: [String], widths: [Int]) -> String {
        zip(items, widths).map { TextFit.padLeft($0, $1) }.joined()
    }

    /// The biased and unbiased rows: HSIC(K,L), HSIC(K,K), HSIC(L,L), CKA.
    static func hsicTable(_ r: CKAResult) -> [StyledLine] {
        let widths = [10, 12, 12, 12, 9]
        var out = [StyledLine("  " + cols(["", "HSIC(K,L)", "HSIC(K,K)", "HSIC(L,L)", "CKA"], widths: widths), Style(attributes: .dim))]
        func row(_ name: String, _ t: HSICTerms?) {
            guard let t else {
                out.append(StyledLine("  " + TextFit.padLeft(name, 10) + "  needs more than 3 samples (n = \(r.sampleCount))"))
                return
            }
            let cka = t.normalized.map { NumberFormat.fixed($0, 3) } ?? "undef."
            out.append(StyledLine("  " + cols([name, NumberFormat.scientific(t.xy), NumberFormat.scientific(t.xx),
                                               NumberFormat.scientific(t.yy), cka], widths: widths)))
        }
        row("biased", r.biased)
        row("unbiased", r.unbiased)
        return out
    }

    /// Mean |r|, dead neurons, best and worst pairs, and the |r| histogram as bars.
    static func matchingLines(_ m: NeuronMatching, width: Int, unicode: Bool, glyphs: Glyphs, theme: Theme) -> [StyledLine] {
        var out: [StyledLine] = []
        let arrow = unicode ? "↔" : "<->"
        if let mean = m.meanAbsCorrelation {
            out.append(StyledLine("  mean matched |r| = \(NumberFormat.fixed(mean, 3)) over \(m.matches.count) pairs"))
        } else {
            out.append(StyledLine("  no neurons could be matched", theme.warning))
        }
        if let many = m.manyToOne, let one = m.meanAbsCorrelation {
            let gap = many.meanAbsCorrelation - one
            out.append(StyledLine("  many-to-one (each A neuron's best, max-corr) = \(NumberFormat.fixed(many.meanAbsCorrelation, 3))"
                                  + " using \(many.distinctY) of \(m.widthY - m.deadY) B neurons:"
                                  + " \(NumberFormat.fixed(abs(gap), 3)) \(gap >= 0 ? "above" : "below") one-to-one"))
        }
        out.append(StyledLine("  dead (constant) neurons: \(m.deadX) of \(m.widthX) in A, \(m.deadY) of \(m.widthY) in B"))
        if let b = m.best {
            out.append(StyledLine("  best   A#\(b.x) \(arrow) B#\(b.y)   r = \(NumberFormat.fixed(b.correlation, 3))"))
        }
        if let w = m.worst {
            out.append(StyledLine("  worst  A#\(w.x) \(arrow) B#\(w.y)   r = \(NumberFormat.fixed(w.correlation, 3))"))
        }
        guard !m.matches.isEmpty else { return out }
        let bins = m.histogram(bins: 10)
        let most = max(1, bins.max() ?? 1)
        let barRoom = max(5, min(40, width - 24))
        let dash = unicode ? "–" : "-"
        out.append(StyledLine("  matched |r|", theme.dim))
        for (i, count) in bins.enumerated() {
            let lo = NumberFormat.fixed(Double(i) / 10, 1), hi = NumberFormat.fixed(Double(i + 1) / 10, 1)
            let bar = String(repeating: glyphs.bar, count: Int((Double(count) / Double(most) * Double(barRoom)).rounded(.up)))
            out.append(StyledLine([("  \(lo)\(dash)\(hi) ", theme.dim), (bar, .plain), (" \(count)", theme.dim)]))
        }
        return out
    }

    /// A measure's value in the table: the cells' decimals (`d`: 3, 4 or 6) in a usual range,
    /// scientific notation otherwise (as `NumberFormat.value`).
    static func measureText(_ v: Double, _ precision: CellPrecision) -> String {
        let a = abs(v)
        if a == 0 || (a >= 1e-3 && a < 1e5) { return NumberFormat.fixed(v, precision.decimals) }
        return NumberFormat.value(v)
    }
}
