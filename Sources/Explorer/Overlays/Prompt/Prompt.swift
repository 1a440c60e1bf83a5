/// The one-line prompt at the bottom of the screen, for a file name, a search, a layer
/// filter or a colour range.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Asks where to export the selection (or the grid).
        case export
        /// Asks what to search for in layer names.
        case search
        /// Asks for the layer filter's pattern (empty clears it).
        case filter
        /// Asks for a fixed colour range, `MIN:MAX`.
        case range
    }

    public var kind: Kind
    /// What has been typed (or the default, for an export).
    public var text: String

    public init(kind: Kind, text: String = "") {
        self.kind = kind; self.text = text
    }

    /// The label before the text.
    public var label: String {
        switch kind {
        case .export: return "export to: "
        case .search: return "search: /"
        case .filter: return "filter layers (glob or substring, empty clears): "
        case .range: return "colour range MIN:MAX: "
        }
    }
}
