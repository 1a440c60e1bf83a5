/// The channels-first layout of one example of a 4-D layer N×C×H×W: C channel maps of H×W.
/// In flatten order (the `flatten` reduce policy, C order), element (c, h, w) of an example is
/// at column (c·H + h)·W + w.
public struct SpatialShape: Sendable, Hashable, CustomStringConvertible {
    /// C, the number of channels.
    public let channels: Int
    /// H, the height of a map.
    public let height: Int
    /// W, the width of a map.
    public let width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    /// H·W, the values of one map.
    public var mapSize: Int { height * width }
    /// C·H·W, the values of one example.
    public var elementCount: Int { channels * mapSize }

    /// `C×H×W`, e.g. `64×8×8`.
    public var description: String { "\(channels)×\(height)×\(width)" }
}
