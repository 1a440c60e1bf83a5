/// One layer as the engine sees it: a stable identity, a name for messages, and its data.
public struct GridLayer: Sendable {
    /// Unique within a session (e.g. "model/layer"); keys the per-layer cache.
    public let id: String
    /// How the layer is named in undefined-cell reasons, e.g. `layer "fc3" of model "a"`.
    public let label: String
    public let source: any ActivationSource

    public init(id: String, label: String, source: any ActivationSource) {
        self.id = id
        self.label = label
        self.source = source
    }
}
