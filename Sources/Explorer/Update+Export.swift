import LayerIO
import Similarity

/// The rectangle selection, the prompt, and exports.
extension AppState {
    /// `v`: anchors a selection at the cursor, or ends the one there is.
    mutating func toggleSelection() {
        if selectionAnchor == nil {
            selectionAnchor = cursor
            say("selecting: move to extend, e exports it, Esc clears")
        } else {
            selectionAnchor = nil
            say("selection cleared")
        }
    }

    /// `e`: opens the prompt with a file name that says what is in the file. In the
    /// baseline view there is nothing to write until the baseline is known.
    mutating func openExportPrompt() {
        if showingBaseline && baselineStatus?.result == nil {
            say("nothing to export yet: the seed baseline is not known", .error)
            return
        }
        prompt = Prompt(kind: .export, text: defaultExportName)
        message = nil // the line below the grid shows the prompt's keys and formats instead
    }

    /// `rowModel_x_colModel_metric[_rA-B_cC-D].csv`, or in the baseline view
    /// `baseline_groupA_vs_groupB_metric[_rA-B_cC-D].csv`, with unsafe characters replaced.
    public var defaultExportName: String {
        func safe(_ s: String) -> String {
            String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
        }
        var name = "\(safe(rowModel.name))_x_\(safe(colModel.name))_\(metric.rawValue)"
        if showingBaseline, let b = session.baseline {
            name = "baseline_\(safe(b.groupNames[0]))_vs_\(safe(b.groupNames[1]))_\(metric.rawValue)"
        }
        if let s = selection {
            name += "_r\(s.rows.lowerBound)-\(s.rows.upperBound - 1)_c\(s.cols.lowerBound)-\(s.cols.upperBound - 1)"
        }
        return name + ".csv"
    }

    /// Keys while the prompt is open: editing keys from the table, characters are typed.
    mutating func promptKey(_ key: Key) -> [Effect] {
        let map = KeyMap.standard
        if let action = map.action(for: key, in: .prompt) {
            switch action {
            case .promptConfirm: return confirmPrompt()
            case .promptCancel: prompt = nil
            case .promptDeleteBackward: if prompt?.text.isEmpty == false { prompt?.text.removeLast() }
            case .promptClear: prompt?.text = ""
            default: break
            }
            return []
        }
        switch key {
        case .character(let c):
            prompt?.text.append(c)
            if message?.kind == .error { message = nil }
            return []
        case .control:
            // Ctrl-C still quits and Ctrl-L still redraws from the prompt.
            if let a = map.action(for: key, in: .global), a == .quit || a == .redraw { return perform(a) }
            return []
        default:
            return []
        }
    }

    mutating func confirmPrompt() -> [Effect] {
        guard let p = prompt else { return [] }
        switch p.kind {
        case .export: return confirmExport(p.text)
        case .search:
            prompt = nil
            runSearch(p.text)
            return []
        }
    }

    /// Enter on the export prompt: checks the name and emits the export. An unknown
    /// extension keeps the prompt open with an error.
    mutating func confirmExport(_ text: String) -> [Effect] {
        let path = text.trimmingSpaces
        if path.isEmpty {
            say("type a file name ending in \(ExportFormat.listed)", .error)
            return []
        }
        guard let format = ExportFormat(path: path) else {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if let dot = name.lastIndex(of: "."), dot != name.startIndex {
                say("unknown extension \(glyphs.openQuote)\(name[dot...])\(glyphs.closeQuote): use \(ExportFormat.listed)", .error)
            } else {
                say("add an extension: \(ExportFormat.listed)", .error)
            }
            return []
        }
        if pendingExports[path] != nil {
            say("\(path) is still being written", .error)
            return []
        }
        let rect = selection ?? GridRect(rows: 0..<rowCount, cols: 0..<colCount)
        let request: ExportRequest
        let missing: Int
        if showingBaseline, let b = session.baseline, let result = baselineStatus?.result {
            let grid = GridKey(metric: metric, rowModel: b.members[0][0], colModel: b.members[1][0])
            request = ExportRequest(path: path, format: format, grid: grid, rows: rect.rows, cols: rect.cols,
                                    kind: .baselineDifference, values: Self.differenceValues(result, in: rect))
            missing = 0
        } else {
            let v = values
            request = ExportRequest(path: path, format: format, grid: gridKey, rows: rect.rows, cols: rect.cols,
                                    values: rect.rows.map { r in rect.cols.map { c in v[r, c]?.value } })
            missing = rect.cellCount - countKnown(in: rect)
        }
        pendingExports[path] = rect
        prompt = nil
        message = StatusMessage("writing \(path)\(glyphs.ellipsis)" + (missing > 0 ? " (\(missing) cells not computed yet)" : ""))
        return [.export(request)]
    }

    /// The seed baseline's differences over a rectangle of its shared layers; a layer pair
    /// with no defined model pair is undefined with that reason.
    static func differenceValues(_ result: BaselineResult, in rect: GridRect) -> [[CellValue?]] {
        rect.rows.map { i in
            rect.cols.map { j in
                result.cell(i, j)?.difference.map(CellValue.value)
                    ?? .undefined(reason: "no defined model pair for this layer pair")
            }
        }
    }

    /// The loop's answer to an export.
    mutating func finishExport(path: String, error: String?) {
        let rect = pendingExports.removeValue(forKey: path)
        if pendingExports.isEmpty { confirmingQuit = false }
        if let error {
            say("could not write \(path): \(error)", .error)
        } else if let r = rect {
            say("wrote \(r.rows.count)\(glyphs.times)\(r.cols.count) cells to \(path)", .success)
        } else {
            say("wrote \(path)", .success)
        }
    }

    /// Known cells in a rectangle of the grid shown. - Complexity: O(cells in the rectangle).
    func countKnown(in rect: GridRect) -> Int {
        let v = values
        if v.isComplete { return rect.cellCount }
        var n = 0
        for r in rect.rows { for c in rect.cols where v[r, c] != nil { n += 1 } }
        return n
    }
}

extension String {
    /// Without leading and trailing spaces.
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
