/// How wide a grid cell is drawn. `+` and `-` step through the levels.
public enum Zoom: Int, Sendable, CaseIterable, Comparable {
    /// One column per cell, so 150+ layers fit across.
    case compact
    /// Two columns per cell: a square-looking coloured block (the default).
    case normal
    /// Six columns per cell: the value's digits show (`0.873`, `-0.02`, `1.000`).
    case values

    /// Screen columns per cell.
    public var cellWidth: Int {
        switch self {
        case .compact: return 1
        case .normal: return 2
        case .values: return 6
        }
    }

    public var zoomedIn: Zoom { Zoom(rawValue: rawValue + 1) ?? self }
    public var zoomedOut: Zoom { Zoom(rawValue: rawValue - 1) ?? self }

    public static func < (a: Zoom, b: Zoom) -> Bool { a.rawValue < b.rawValue }
}
