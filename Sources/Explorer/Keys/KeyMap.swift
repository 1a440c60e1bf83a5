import Similarity

/// Where a binding applies. `update` looks a key up in the innermost context first, then
/// in `global`.
public enum KeyContext: String, Sendable, Hashable, CaseIterable {
    /// The heatmap.
    case grid
    /// The details panel of one cell.
    case drill
    /// The one-line prompt (typing goes into the text; these are the editing keys).
    case prompt
    /// A list picker (model pairs, metrics): typing goes into its filter, like the prompt.
    case picker
    /// The help screen.
    case help
    /// Everywhere except the prompt's text.
    case global
    /// The overview of every model pair (`o`).
    case overview
}

/// One row of the key table: the keys, what they do, where, and the help text that the
/// `?` screen and the hint line show. There is no other source of key documentation.
public struct Binding: Sendable, Equatable {
    public let keys: [Key]
    public let action: Action
    public let context: KeyContext
    /// The help screen's section.
    public let group: String
    /// One line for the help screen.
    public let help: String
    /// A word for the hint line (`?:help`), or `nil` to leave the binding out of it.
    public let hint: String?
    /// The hint's place in the hint line, left to right. When the line is too narrow, the
    /// first and the last of a context's hints stay (help and quit) and the others are
    /// kept in this order while they fit.
    public let hintRank: Int
    /// Replaces the keys' labels in the help screen (for mouse rows, or `H J K L`).
    public let label: String?

    public init(_ keys: [Key], _ action: Action, _ context: KeyContext, group: String, help: String,
                hint: String? = nil, hintRank: Int = 50, label: String? = nil) {
        self.keys = keys; self.action = action; self.context = context; self.group = group
        self.help = help; self.hint = hint; self.hintRank = hintRank; self.label = label
    }

    /// The keys as the help screen writes them, e.g. `↑ k`.
    public func keyLabel(unicode: Bool) -> String {
        label ?? keys.map { $0.label(unicode: unicode) }.joined(separator: " ")
    }

    /// The first key as the hint line writes it, e.g. `↵`.
    public func hintKey(unicode: Bool) -> String {
        keys.first.map { $0.label(unicode: unicode, short: true) } ?? (label ?? "")
    }
}

/// The key table: every binding in every context, in help-screen order.
public struct KeyMap: Sendable {
    public let bindings: [Binding]

    public init(_ bindings: [Binding]) { self.bindings = bindings }

    /// The action `key` performs in `context`, falling back to the global bindings.
    public func action(for key: Key, in context: KeyContext) -> Action? {
        if let b = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return b.action }
        if context == .prompt || context == .picker { return nil }
        return bindings.first(where: { $0.context == .global && $0.keys.contains(key) })?.action
    }

    /// The bindings of one context, followed by the global ones for the grid and the
    /// details panel (the prompt takes text and the help screen closes on any key).
    public func bindings(for context: KeyContext) -> [Binding] {
        let own = bindings.filter { $0.context == context }
        return context == .grid || context == .drill || context == .overview ? own + bindings.filter { $0.context == .global } : own
    }

    /// The help-screen sections in order, each with its bindings.
    public var groups: [(name: String, bindings: [Binding])] {
        var order: [String] = []
        var byGroup: [String: [Binding]] = [:]
        for b in bindings {
            if byGroup[b.group] == nil { order.append(b.group) }
            byGroup[b.group, default: []].append(b)
        }
        return order.map { ($0, byGroup[$0]!) }
    }

    /// `key:hint` items for the hint line of `context` in `hintRank` order, two spaces
    /// apart, as many as fit in `width` columns (the first and last are kept first).
    /// `hiding` leaves out actions that do nothing in the current state (the baseline key
    /// without groups).
    public func hints(for context: KeyContext, width: Int, unicode: Bool, hiding: Set<Action> = []) -> String {
        let items = bindings(for: context)
            .filter { !hiding.contains($0.action) }
            .compactMap { b in b.hint.map { (rank: b.hintRank, text: b.hintKey(unicode: unicode) + ":" + $0) } }
            .sorted { $0.rank < $1.rank }
        guard !items.isEmpty else { return "" }
        var keep = Set<Int>()
        var used = 0
        for i in [0, items.count - 1] + Array(items.indices.dropFirst().dropLast()) where !keep.contains(i) {
            let cost = items[i].text.count + (keep.isEmpty ? 0 : 2)
            if used + cost <= width {
                keep.insert(i)
                used += cost
            }
        }
        return items.indices.filter(keep.contains).map { items[$0].text }.joined(separator: "  ")
    }

    /// The table the explorer uses.
    public static let standard = KeyMap([
        // Moving around the grid.
        Binding([.up, .character("k")], .moveUp, .grid, group: "Move", help: "cursor up"),
        Binding([.down, .character("j")], .moveDown, .grid, group: "Move", help: "cursor down"),
        Binding([.left, .character("h")], .moveLeft, .grid, group: "Move", help: "cursor left"),
        Binding([.right, .character("l")], .moveRight, .grid, group: "Move", help: "cursor right"),
        Binding([.character("K")], .moveUp10, .grid, group: "Move", help: "up 10 rows"),
        Binding([.character("J")], .moveDown10, .grid, group: "Move", help: "down 10 rows"),
        Binding([.character("H")], .moveLeft10, .grid, group: "Move", help: "left 10 columns"),
        Binding([.character("L")], .moveRight10, .grid, group: "Move", help: "right 10 columns"),
        Binding([.character("g"), .home], .firstRow, .grid, group: "Move", help: "first row"),
        Binding([.character("G"), .end], .lastRow, .grid, group: "Move", help: "last row"),
        Binding([.character("0")], .firstColumn, .grid, group: "Move", help: "first column"),
        Binding([.character("$")], .lastColumn, .grid, group: "Move", help: "last column"),
        Binding([.pageUp], .pageUp, .grid, group: "Move", help: "page up"),
        Binding([.pageDown], .pageDown, .grid, group: "Move", help: "page down"),
        // What the grid shows.
        Binding([.enter], .drillDown, .grid, group: "Grid", help: "details of the cell", hint: "details", hintRank: 2),
        Binding([.tab], .nextPair, .grid, group: "Grid", help: "next model pair (leaves the baseline view)",
                hint: "pair", hintRank: 6),
        Binding([.backTab], .previousPair, .grid, group: "Grid", help: "previous model pair"),
        Binding([.character("b")], .toggleBaseline, .grid, group: "Grid",
                help: "seed-baseline view: do the --groups differ?", hint: "baseline", hintRank: 7),
        Binding([.character("p")], .pairPicker, .grid, group: "Grid", help: "pick a model pair (type to filter)"),
        Binding([.character("m")], .nextMetric, .grid, group: "Grid", help: "next metric", hint: "metric", hintRank: 5),
        Binding([.character("M")], .previousMetric, .grid, group: "Grid", help: "previous metric"),
        Binding([.character(":")], .metricMenu, .grid, group: "Grid", help: "pick a metric from a menu"),
        Binding([.character("t")], .transpose, .grid, group: "Grid", help: "transpose: swap rows and columns (B × A)"),
        Binding([.character("f")], .layerFilter, .grid, group: "Grid",
                help: "layer filter: glob or substring; empty clears"),
        Binding([.character("D")], .differenceMenu, .grid, group: "Grid",
                help: "difference: minus another metric or pair"),
        Binding([.character("+"), .character("=")], .zoomIn, .grid, group: "Grid", help: "wider cells (show values)", hint: "zoom", hintRank: 9),
        Binding([.character("-")], .zoomOut, .grid, group: "Grid", help: "narrower cells (fit more layers)"),
        Binding([.character("*")], .toggleBestMatch, .grid, group: "Grid",
                help: "mark each row's best match (off the diagonal)", hint: "best", hintRank: 10),
        Binding([.character("s")], .cycleColorRange, .grid, group: "Grid",
                help: "colour range: full, auto, robust, fixed MIN:MAX"),
        Binding([.character("d")], .cyclePrecision, .grid, group: "Grid", help: "decimals in cells: 3, 4, 6 (values zoom)"),
        Binding([.character("w")], .toggleLabelWidth, .grid, group: "Grid", help: "wider or narrower row labels"),
        Binding([.character("c")], .cancelJob, .grid, group: "Grid", help: "cancel computing this grid or baseline", hint: "cancel", hintRank: 11),
        Binding([.character("r")], .resumeJob, .grid, group: "Grid", help: "resume computing this grid or baseline",
                hint: "resume", hintRank: 11),
        // Selection and export, search.
        Binding([.character("v")], .toggleSelection, .grid, group: "Select & export",
                help: "start/end a rectangle selection", hint: "select", hintRank: 3),
        Binding([.character("e")], .export, .grid, group: "Select & export",
                help: "export the selection or the whole grid", hint: "export", hintRank: 4),
        Binding([.character("y")], .copyToClipboard, .grid, group: "Select & export",
                help: "copy the value or selection (CSV)"),
        Binding([.character("/")], .search, .grid, group: "Search", help: "search layer names", hint: "search", hintRank: 8),
        Binding([.character("n")], .nextMatch, .grid, group: "Search", help: "next match"),
        Binding([.character("N")], .previousMatch, .grid, group: "Search", help: "previous match"),
        // The details panel.
        Binding([.up, .character("k")], .scrollUp, .drill, group: "Details panel", help: "scroll up", hint: "scroll", hintRank: 3),
        Binding([.down, .character("j")], .scrollDown, .drill, group: "Details panel", help: "scroll down"),
        Binding([.pageUp], .scrollPageUp, .drill, group: "Details panel", help: "page up"),
        Binding([.pageDown, .character(" ")], .scrollPageDown, .drill, group: "Details panel", help: "page down"),
        Binding([.character("g"), .home], .scrollTop, .drill, group: "Details panel", help: "top"),
        Binding([.character("G"), .end], .scrollBottom, .drill, group: "Details panel", help: "bottom"),
        Binding([.escape], .back, .drill, group: "Details panel", help: "back to the grid", hint: "back", hintRank: 4),
        // The prompt.
        Binding([.enter], .promptConfirm, .prompt, group: "Prompt", help: "confirm", hint: "confirm", hintRank: 1),
        Binding([.escape], .promptCancel, .prompt, group: "Prompt", help: "cancel", hint: "cancel", hintRank: 2),
        Binding([.backspace, .delete], .promptDeleteBackward, .prompt, group: "Prompt", help: "delete a character"),
        Binding([.control("u")], .promptClear, .prompt, group: "Prompt", help: "clear the text", hint: "clear", hintRank: 3),
        // A list picker.
        Binding([.up], .pickerUp, .picker, group: "Picker (type to filter)", help: "previous item", hint: "move", hintRank: 3),
        Binding([.down], .pickerDown, .picker, group: "Picker (type to filter)", help: "next item"),
        Binding([.enter], .pickerOpen, .picker, group: "Picker (type to filter)", help: "open the item", hint: "open", hintRank: 1),
        Binding([.escape], .pickerClose, .picker, group: "Picker (type to filter)", help: "close", hint: "close", hintRank: 2),
        Binding([.backspace, .delete], .pickerDeleteBackward, .picker, group: "Picker (type to filter)",
                help: "delete a character of the filter"),
        Binding([.control("u")], .pickerClear, .picker, group: "Picker (type to filter)", help: "clear the filter",
                hint: "clear", hintRank: 4),
        // The help screen.
        Binding([.up, .character("k")], .scrollUp, .help, group: "Help screen", help: "scroll up (when it does not fit)"),
        Binding([.down, .character("j")], .scrollDown, .help, group: "Help screen", help: "scroll down; any other key closes"),
        // Everywhere.
        Binding([.escape], .back, .global, group: "General",
                help: "back (closes what is open; never quits)"),
        Binding([.character("?")], .help, .global, group: "General", help: "this help", hint: "help", hintRank: 1),
        Binding([.control("l")], .redraw, .global, group: "General", help: "redraw the screen"),
        Binding([.character("q"), .control("c")], .quit, .global, group: "General",
                help: "quit (asks first while exporting)", hint: "quit", hintRank: 99),
        // The mouse.
        Binding([], .mouseHelp, .grid, group: "Mouse", help: "move the cursor there; on the cursor: details", label: "click"),
        Binding([], .mouseHelp, .grid, group: "Mouse", help: "scroll the grid (or the details panel)", label: "wheel"),
        // The overview of every model pair, and the clustered order.
        Binding([.character("o")], .toggleOverview, .grid, group: "Overview & order",
                help: "overview: every model pair as a thumbnail"),
        Binding([.character("C")], .toggleClustering, .grid, group: "Overview & order",
                help: "clustered order (average linkage); again: off"),
        Binding([.up, .down, .left, .right, .character("k"), .character("j"), .character("h"), .character("l")], .overviewMove,
                .overview, group: "Overview", help: "select the tile above, below, left, right", hint: "move", hintRank: 3,
                label: "arrows hjkl"),
        Binding([.enter], .overviewOpen, .overview, group: "Overview", help: "open the pair's grid", hint: "open", hintRank: 2),
        Binding([.escape, .character("o")], .overviewClose, .overview, group: "Overview", help: "back to the grid",
                hint: "back", hintRank: 4),
    ])
}
