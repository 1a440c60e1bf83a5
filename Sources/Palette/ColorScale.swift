/// A map from a position in 0…1 to a colour, with 256 steps.
///
/// - `viridis` for similarities (low = dark purple, high = yellow),
/// - `viridisReversed` for distances, so that "more alike" has the same colour whatever
///   the metric's orientation,
/// - `diverging` (blue–white–red) for signed differences, white at 0.5.
public enum ColorScale: String, Sendable, Hashable, CaseIterable {
    case viridis
    case viridisReversed
    case diverging

    /// The number of distinct steps every scale has.
    public static let steps = 256

    /// The step (0…255) for position `t` (clamped to 0…1; NaN reads as 0).
    public static func step(_ t: Double) -> Int {
        guard t.isFinite else { return 0 }
        return Int((min(1, max(0, t)) * Double(steps - 1)).rounded())
    }

    /// Where `value` lies in `range`, clamped to 0…1 (0 for an empty range or NaN).
    public static func position(of value: Double, in range: ClosedRange<Double>) -> Double {
        let span = range.upperBound - range.lowerBound
        guard span > 0, value.isFinite else { return 0 }
        return min(1, max(0, (value - range.lowerBound) / span))
    }

    /// The colour at position `t` in 0…1 (clamped), taken from the nearest of 256 steps.
    public func rgb(at t: Double) -> RGB { rgb(step: ColorScale.step(t)) }

    /// The colour of step `i` (0…255, clamped).
    public func rgb(step i: Int) -> RGB {
        let s = min(ColorScale.steps - 1, max(0, i))
        switch self {
        case .viridis: return Viridis.rgb(s)
        case .viridisReversed: return Viridis.rgb(ColorScale.steps - 1 - s)
        case .diverging: return Diverging.table[s]
        }
    }

    /// The colour of `value` placed in `range` (clamped).
    public func rgb(for value: Double, in range: ClosedRange<Double>) -> RGB {
        rgb(at: ColorScale.position(of: value, in: range))
    }
}

extension Viridis {
    /// Stop `i` as 8-bit sRGB.
    static func rgb(_ i: Int) -> RGB { table[i] }

    /// All 256 stops as 8-bit sRGB.
    static let table: [RGB] = (0..<count).map { i in
        RGB(unit: stops[3 * i], stops[3 * i + 1], stops[3 * i + 2])
    }
}

/// A blue–white–red diverging scale for signed differences: ColorBrewer's 11-class RdBu
/// anchors (Brewer 2002), reversed so negative is blue, linearly interpolated to 256 steps.
enum Diverging {
    /// From most negative (dark blue) through white (middle) to most positive (dark red).
    static let anchors: [RGB] = [
        RGB(5, 48, 97), RGB(33, 102, 172), RGB(67, 147, 195), RGB(146, 197, 222),
        RGB(209, 229, 240), RGB(247, 247, 247), RGB(253, 219, 199), RGB(244, 165, 130),
        RGB(214, 96, 77), RGB(178, 24, 43), RGB(103, 0, 31),
    ]

    static let table: [RGB] = (0..<ColorScale.steps).map { i in
        let x = Double(i) / Double(ColorScale.steps - 1) * Double(anchors.count - 1)
        let k = min(anchors.count - 2, Int(x))
        let f = x - Double(k)
        let a = anchors[k], b = anchors[k + 1]
        func mix(_ p: UInt8, _ q: UInt8) -> Double { (Double(p) * (1 - f) + Double(q) * f) / 255 }
        return RGB(unit: mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }
}

