import LayerIO
import Similarity

/// The three bottom lines:
/// - the cursor cell: `relu-s0:layer3 × relu-s1:layer7 = 0.873` (or why it is undefined),
///   and the selection's size;
/// - a message (what just happened, an error, a question) or the search position, and the
///   job's progress with an ETA: `412/1225 cells · ETA 3s`;
/// - the key hints from the key table, or the prompt (`PromptView`).
///
/// The baseline view has its own cell line and progress (`StatusBar+Baseline`).
enum StatusBar {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout CellBuffer) {
        let theme = Theme(state.session.colorMode)
        let width = layout.width
        let ellipsis = state.glyphs.ellipsis

        // The cursor cell.
        let right = selectionText(state)
        let cellRoom = width - (right.isEmpty ? 0 : right.count + 2)
        let (cellText, cellStyle) = state.screen == .baseline ? baselineCellLine(state, theme: theme)
            : state.difference != nil ? differenceCellLine(state, theme: theme) : cellLine(state, theme: theme, width: cellRoom)
        buffer.put(TextFit.truncate(cellText, to: cellRoom, ellipsis: ellipsis), x: 0, y: layout.cellLineY, style: cellStyle)
        if !right.isEmpty { buffer.put(right, x: width - right.count, y: layout.cellLineY, style: theme.title) }

        // Messages and progress.
        let progress = state.screen == .baseline ? baselineProgressText(state)
            : state.difference != nil ? differenceProgressText(state) : progressText(state)
        let infoRoom = width - progress.count - 2
        if let (text, style) = infoText(state, theme: theme) {
            buffer.put(TextFit.truncate(text, to: infoRoom, ellipsis: ellipsis), x: 0, y: layout.infoLineY, style: style)
        }
        buffer.put(progress, x: max(0, width - progress.count), y: layout.infoLineY, style: theme.dim)

        // Hints, or the prompt.
        if let p = state.overlay?.prompt {
            PromptView.draw(p, y: layout.hintLineY, width: width, theme: theme, ellipsis: ellipsis, into: &buffer)
        } else {
            let hints = KeyMap.standard.hints(for: state.keyContext, width: width, unicode: state.session.supportsUnicode,
                                              hiding: hiddenHints(state))
            buffer.fill(x: 0, y: layout.hintLineY, width: width, height: 1, with: Cell(" ", style: theme.hintBar))
            buffer.put(hints, x: 0, y: layout.hintLineY, style: theme.hintBar)
        }
    }

    /// `model:layer × model:layer = value` with the value at full precision (10 significant
    /// digits), or the undefined reason, or "not computed yet". The layers are the real ones
    /// (under a layer filter too): the cursor's, or the open panel's cell. When the line is
    /// wider than `width`, the model names go first (the title has them), then the layer
    /// names are cut in the middle, so the value always shows. An undefined reason is cut at
    /// its end before the layer names are (its first words stay): the names say which cell
    /// it is, and the details panel has the reason whole.
    static func cellLine(_ state: AppState, theme: Theme, width: Int = .max) -> (String, Style) {
        let p = state.overlay?.panel?.drill.map { GridPosition(row: $0.cell.row, col: $0.cell.col) } ?? state.realPosition(state.cursor)
        let rows = state.allRowLayers, cols = state.allColLayers
        guard rows.indices.contains(p.row), cols.indices.contains(p.col) else { return ("", .plain) }
        let a = rows[p.row].name, b = cols[p.col].name
        let times = state.glyphs.times
        let tail: String
        let style: Style
        var essential: Int?
        switch state.values[p.row, p.col]?.value {
        case nil:
            (tail, style) = ("  not computed yet", .plain)
        case .undefined(let reason)?:
            (tail, style) = ("  undefined: " + reason, theme.warning)
            essential = "  undefined: ".count + min(reason.count, 8)
        case .value(let v)?:
            var s = " = " + NumberFormat.full(v)
            if state.showBestMatch {
                let same = state.pair.rowModel == state.pair.colModel
                if state.values.bestColumn(inRow: p.row, orientation: state.metric.orientation, skipping: same ? p.row : nil) == p.col {
                    s += "  (best in row)"
                }
            }
            (tail, style) = (s, .plain)
        }
        let need = essential ?? tail.count
        let full = "\(state.rowModel.name):\(a) \(times) \(state.colModel.name):\(b)"
        if full.count + need <= width { return (full + tail, style) }
        let bare = "\(a) \(times) \(b)"
        if bare.count + need <= width { return (bare + tail, style) }
        // Each name gets half of what is left beside the value (at least a few characters).
        let room = max(4, (width - need - times.count - 2) / 2)
        let ellipsis = state.glyphs.ellipsis
        let cut = "\(TextFit.truncateMiddle(a, to: room, ellipsis: ellipsis)) \(times) \(TextFit.truncateMiddle(b, to: room, ellipsis: ellipsis))"
        return (cut + tail, style)
    }

    /// Actions left out of the hint line because they would do nothing now: the baseline
    /// key without groups, best-match marks in the baseline view, cancel while nothing is
    /// being computed, resume unless something was stopped with work left.
    static func hiddenHints(_ state: AppState) -> Set<Action> {
        var hidden: Set<Action> = []
        if state.session.baseline == nil { hidden.insert(.toggleBaseline) }
        if state.screen == .baseline { hidden.insert(.toggleBestMatch) }
        let running: Bool, resumable: Bool
        if state.screen == .baseline {
            running = state.baselineStatus?.isComputing ?? false
            switch state.baselineStatus {
            case .cancelled?, .failed?: resumable = true
            default: resumable = false
            }
        } else if let d = state.difference {
            running = d.operands.contains { state.jobs[$0]?.phase == .running && !state.values(for: $0).isComplete }
            resumable = !running && d.operands.contains { state.jobs[$0]?.phase == .cancelled && !state.values(for: $0).isComplete }
            hidden.insert(.toggleBestMatch)
        } else {
            let phase = state.jobs[state.gridKey]?.phase
            running = phase == .running && !state.values.isComplete
            resumable = phase == .cancelled && !state.values.isComplete
        }
        if !running { hidden.insert(.cancelJob) }
        if !resumable { hidden.insert(.resumeJob) }
        return hidden
    }

    /// `sel 4×6` while selecting.
    static func selectionText(_ state: AppState) -> String {
        guard state.overlay?.panel == nil, let s = state.shownSelection else { return "" }
        return "sel \(s.rows.count)\(state.glyphs.times)\(s.cols.count)"
    }

    /// The message, the quit question, the search position (not over a details panel,
    /// where n/N do nothing), or the prompt's help.
    static func infoText(_ state: AppState, theme: Theme) -> (String, Style)? {
        if let m = state.message {
            switch m.kind {
            case .info: return (m.text, .plain)
            case .success: return (m.text, theme.success)
            case .error: return (m.text, theme.error)
            }
        }
        if let p = state.overlay?.prompt {
            return PromptView.keysText(p, unicode: state.session.supportsUnicode, theme: theme)
        }
        if let s = state.search, !s.matches.isEmpty, state.overlay?.panel == nil {
            let what: String
            switch s.matches[s.index] {
            case .row(let r): what = "row \(state.realRow(r)) \(state.rowLayers[r].name)"
            case .col(let c): what = "column \(state.realCol(c)) \(state.colLayers[c].name)"
            }
            return ("/\(s.query)  match \(s.index + 1)/\(s.matches.count): \(what)  (n/N)", .plain)
        }
        return nil
    }

    /// `412/1225 cells · ETA 3s`, `1225/1225 cells · done`, `… · cancelled (r resumes)`.
    static func progressText(_ state: AppState) -> String {
        let v = state.values
        let dot = state.session.supportsUnicode ? "·" : "-"
        let total = v.totalCount
        guard let job = state.jobs[state.gridKey] else {
            return v.isComplete ? "\(total)/\(total) cells \(dot) done" : "\(v.knownCount)/\(total) cells"
        }
        let done = min(total, max(job.done, v.knownCount))
        switch job.phase {
        case .running:
            if v.isComplete { return "\(total)/\(total) cells \(dot) done" }
            let eta = job.eta(now: state.now).map { " \(dot) ETA \(NumberFormat.duration($0))" } ?? ""
            return "\(done)/\(total) cells" + eta
        case .cancelling:
            return "\(done)/\(total) cells \(dot) cancelling\(state.glyphs.ellipsis)"
        case .cancelled:
            return v.isComplete ? "\(total)/\(total) cells \(dot) done" : "\(v.knownCount)/\(total) cells \(dot) cancelled (r resumes)"
        case .finished:
            return "\(max(done, v.knownCount))/\(total) cells \(dot) done"
        }
    }
}
