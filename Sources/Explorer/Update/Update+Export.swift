import LayerIO
import Similarity

/// The rectangle selection and exports (the prompt's keys are `Overlays/Prompt`).
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

    /// `e`: opens the prompt with a file name that says what is in the file.
    mutating func openExportPrompt() {
        overlay = .prompt(Prompt(kind: .export, text: defaultExportName))
        message = nil // the line below the grid shows the prompt's keys and formats instead
    }

    /// `rowModel_x_colModel_metric[_rA-B_cC-D].csv`, or in the baseline view
    /// `baseline_groupA_vs_groupB_metric[_rA-B_cC-D].csv`, with unsafe characters replaced.
    public var defaultExportName: String {
        func safe(_ s: String) -> String {
            String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
        }
        var name = "\(safe(rowModel.name))_x_\(safe(colModel.name))_\(metric.rawValue)"
        if screen == .baseline, let b = session.baseline { name = baselineExportStem(b, safe: safe) }
        if screen == .grid, let stem = differenceExportStem(safe: safe) { name = stem }
        if activeClusterOrder != nil {
            name += shownSelection == nil ? "_clustered" : "_clustered_selection"
        } else if let s = selection {
            name += "_r\(s.rows.lowerBound)-\(s.rows.upperBound - 1)_c\(s.cols.lowerBound)-\(s.cols.upperBound - 1)"
        }
        return name + ".csv"
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
        let shown = selectedShownLayers
        var request: ExportRequest
        let missing: Int
        if screen == .baseline, let r = baselineExport(path: path, format: format, rect: rect) {
            (request, missing) = (r, 0)
        } else if screen == .grid, difference != nil {
            (request, missing) = differenceExport(path: path, format: format, rows: shown.rows, cols: shown.cols)
        } else {
            (request, missing) = gridExport(path: path, format: format, rows: shown.rows, cols: shown.cols)
        }
        // The shown layers are in the clustered order when it is on (`realRow`): say so in the file.
        request.order = activeClusterOrder?.method
        // The count the answer reports: the shown rows and columns written.
        pendingExports[path] = shownSelection ?? GridRect(rows: 0..<rowCount, cols: 0..<colCount)
        overlay = nil
        message = StatusMessage("writing \(path)\(glyphs.ellipsis)" + (missing > 0 ? " (\(missing) cells not computed yet)" : ""))
        return [.export(request)]
    }

    /// The loop's answer to an export.
    mutating func finishExport(path: String, error: String?) {
        let rect = pendingExports.removeValue(forKey: path)
        if pendingExports.isEmpty { dropQuitQuestion() }
        if let error {
            say("could not write \(path): \(error)", .error)
        } else if let r = rect {
            say("wrote \(r.rows.count)\(glyphs.times)\(r.cols.count) cells to \(path)", .success)
        } else {
            say("wrote \(path)", .success)
        }
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
