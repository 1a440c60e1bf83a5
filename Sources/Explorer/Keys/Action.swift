/// What a key (or a table row of the help screen) does. The key table maps keys to these;
/// `update` performs them.
public enum Action: String, Sendable, Hashable, CaseIterable {
    // Grid navigation.
    case moveUp, moveDown, moveLeft, moveRight
    case moveUp10, moveDown10, moveLeft10, moveRight10
    case firstRow, lastRow, firstColumn, lastColumn
    case pageUp, pageDown
    // Grid views.
    case nextPair, previousPair, nextMetric, toggleBaseline
    case zoomIn, zoomOut, toggleBestMatch
    case drillDown
    // Colour range, precision, labels.
    case cycleColorRange, cyclePrecision, toggleLabelWidth
    // Navigation at scale: pickers, the layer filter, transposing.
    case pairPicker, metricMenu, previousMetric, layerFilter, transpose
    // Selection, export, search.
    case toggleSelection, export, search, nextMatch, previousMatch
    // Background work.
    case cancelJob, resumeJob
    // Panel scrolling (details panel, help).
    case scrollUp, scrollDown, scrollPageUp, scrollPageDown, scrollTop, scrollBottom
    // The prompt.
    case promptConfirm, promptCancel, promptDeleteBackward, promptClear
    // A list picker (model pairs, metrics): typing filters it.
    case pickerUp, pickerDown, pickerOpen, pickerClose, pickerDeleteBackward, pickerClear
    // Anywhere.
    case back, help, redraw, quit
    // The difference view's menu (`Difference/`), copying to the clipboard (`Clipboard/`).
    case differenceMenu, copyToClipboard
    /// Rows of the help screen that describe mouse use; no key performs it.
    case mouseHelp
    // The overview of every model pair, and the clustered order.
    case toggleOverview, overviewMove, overviewOpen, overviewClose
    case toggleClustering
}
