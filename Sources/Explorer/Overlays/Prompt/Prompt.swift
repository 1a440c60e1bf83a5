/// The one-line prompt at the bottom of the screen, for a file name or a search.
public struct Prompt: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Asks where to export the selection (or the grid).
        case export
        /// Asks what to search for in layer names.
        case search
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
        }
    }
}
