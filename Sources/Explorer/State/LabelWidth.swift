/// How wide the row-label column may grow (`w` toggles).
///
/// - `fit`: at most a quarter of the terminal, 10 to 28 columns, so the grid keeps most of
///   the screen;
/// - `wide`: up to half of the terminal, with no fixed cap, so long names
///   (`encoder.layer.11.attention.output.dense`) show whole when there is room.
public enum LabelWidth: Sendable, Equatable {
    case fit
    case wide

    /// The most columns the label column may take on a terminal `width` columns wide.
    public func cap(width: Int) -> Int {
        switch self {
        case .fit: return min(28, max(10, width / 4))
        case .wide: return max(10, width / 2)
        }
    }

    public var toggled: LabelWidth { self == .fit ? .wide : .fit }
}
