/// A list overlay with a fuzzy filter: the model-pair picker (`p`) and the metric menu
/// (`:`). Typed characters filter the list (`FuzzyMatch`), the arrows move, Enter opens
/// the item, Esc closes. Its update is `Picker+Update`, its view `PickerView`.
public struct Picker: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Items are indices into `Session.pairs`.
        case pair
        /// Items are indices into `Session.metrics`.
        case metric
        /// `D`'s menu (`Difference/`): 0 a metric, 1 a pair, 2 back to the plain grid.
        case differenceMenu
        /// The metric, or the pair, to subtract from the grid shown (indices as above).
        case differenceMetric, differencePair
    }

    /// One line of the list: what it says and what it opens.
    public struct Item: Sendable, Equatable {
        public let label: String
        /// The pair's or the metric's index in the session.
        public let value: Int
        public init(label: String, value: Int) { self.label = label; self.value = value }
    }

    public let kind: Kind
    public let items: [Item]
    /// The item shown now (marked in the list).
    public let current: Int
    /// What has been typed.
    public private(set) var query: String = ""
    /// The items matching `query`, best first (all of them, in order, for an empty query):
    /// indices into `items`.
    public private(set) var matches: [Int]
    /// The highlighted match: an index into `matches`.
    public private(set) var selected: Int

    /// The picker with every item listed and the current one highlighted.
    public init(kind: Kind, items: [Item], current: Int) {
        self.kind = kind
        self.items = items
        self.current = current
        matches = Array(items.indices)
        selected = items.firstIndex { $0.value == current } ?? 0
    }

    /// The heading over the list.
    public var title: String {
        switch kind {
        case .pair: return "Open a model pair"
        case .metric: return "Switch the metric"
        case .differenceMenu: return "Difference view: subtract"
        case .differenceMetric: return "Subtract the grid of this metric (same pair)"
        case .differencePair: return "Subtract the grid of this pair (same metric)"
        }
    }

    /// The highlighted item, if anything matches.
    public var selectedItem: Item? { matches.indices.contains(selected) ? items[matches[selected]] : nil }

    /// A new filter text: the matches are ranked again and the best is highlighted (for an
    /// empty text, the current item again).
    public mutating func setQuery(_ text: String) {
        query = text
        if text.filter({ $0 != " " }).isEmpty {
            matches = Array(items.indices)
            selected = items.firstIndex { $0.value == current } ?? 0
        } else {
            matches = FuzzyMatch.rank(text, items.map(\.label))
            selected = 0
        }
    }

    /// Moves the highlight by `n` matches, stopping at the ends.
    public mutating func move(by n: Int) {
        guard !matches.isEmpty else { return }
        selected = min(matches.count - 1, max(0, selected + n))
    }
}
