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

extension CellValue {
    /// The same value seen from the swapped pair: a reason's words for the two roles trade
    /// places ("row" ↔ "column", X's kernel terms `HSIC(K,K)` ↔ Y's `HSIC(L,L)`, `k_x` ↔
    /// `k_y`), so a reason reused at (j, i) names the layer it is about. A number is unchanged.
    public var transposed: CellValue {
        guard case .undefined(let reason) = self else { return self }
        return .undefined(reason: ReasonWording.swappingRoles(reason))
    }
}

/// The role words of an undefined cell's reason.
enum ReasonWording {
    /// Pairs of words that name the row's and the column's side; each is swapped for the other
    /// where it stands as a whole word.
    static let roles: [(String, String)] = [("row", "column"), ("HSIC(K,K)", "HSIC(L,L)"), ("k_x", "k_y"), ("d_x", "d_y")]

    /// `reason` with every role word replaced by its counterpart. - Complexity: O(length).
    static func swappingRoles(_ reason: String) -> String {
        var out = ""
        var rest = Substring(reason)
        outer: while !rest.isEmpty {
            let boundaryBefore = out.last.map { !isWordCharacter($0) } ?? true
            if boundaryBefore {
                for (a, b) in roles {
                    for (word, other) in [(a, b), (b, a)] where rest.hasPrefix(word) {
                        let after = rest.dropFirst(word.count)
                        if after.first.map({ !isWordCharacter($0) }) ?? true {
                            out += other
                            rest = after
                            continue outer
                        }
                    }
                }
            }
            out.append(rest.removeFirst())
        }
        return out
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
}
