/// The outcome of one measure on one layer pair: a number, or the reason there is none.
///
/// A degenerate pair (a constant layer, a layer holding NaN, too few samples for the
/// estimator) is `undefined` with a reason a user can act on. The engine never lets a NaN
/// through as a value: `CellValue.checked` turns one into `undefined`.
public enum CellValue: Sendable, Equatable, Hashable {
    case value(Double)
    case undefined(reason: String)

    /// The number, or `nil` when undefined.
    public var number: Double? {
        if case .value(let v) = self { return v }
        return nil
    }

    /// The reason, or `nil` when defined.
    public var reason: String? {
        if case .undefined(let r) = self { return r }
        return nil
    }

    /// `.value(v)` when `v` is finite, otherwise `.undefined` with `reason`.
    public static func checked(_ v: Double, otherwise reason: String) -> CellValue {
        v.isFinite ? .value(v) : .undefined(reason: reason)
    }
}
