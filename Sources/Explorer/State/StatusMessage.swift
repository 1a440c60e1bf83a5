/// A transient line in the status bar: what just happened (an export written, an error,
/// a question). It disappears at `expires` (tick time, seconds), or stays until replaced
/// when `expires` is `nil`.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, success, error }
    public var text: String
    public var kind: Kind
    public var expires: Double?

    public init(_ text: String, kind: Kind = .info, expires: Double? = nil) {
        self.text = text; self.kind = kind; self.expires = expires
    }

    /// How long messages stay, in seconds.
    public static let infoLifetime: Double = 5
    public static let errorLifetime: Double = 10
}
