import Foundation

/// The layers `--layers PATTERN` keeps, and their order.
///
/// Each pattern is a glob matched against a whole layer name (`*` any run, `?` one character,
/// `[abc]` / `[a-z]` / `[!a]` a set), or, written `re:EXPR`, a regular expression that must match
/// the whole name. A layer is kept when a pattern matches it. Kept layers come in the patterns'
/// order, and each pattern's matches in the model's own order; a layer two patterns match stays
/// where the first put it. So exact names keep the order they are listed in
/// (`--layers h.3 --layers h.1` gives h.3, h.1), and `--layers 'h.*'` keeps the model's order.
///
/// A pattern that matches no layer of a model is an error naming the model, the pattern and
/// the layers there are: a typo must not silently drop a layer from the grid.
public struct LayerSelection: Sendable, Equatable {
    public let patterns: [String]

    /// - Throws: `badModelSpec` for an empty pattern or an invalid regular expression.
    public init(_ patterns: [String]) throws(LayerIOError) {
        for p in patterns {
            if p.isEmpty || p == "re:" { throw .badModelSpec(path: "--layers", detail: "an empty pattern matches no layer") }
            if p.hasPrefix("re:"), (try? NSRegularExpression(pattern: String(p.dropFirst(3)))) == nil {
                throw .badModelSpec(path: "--layers", detail: "\(p) is not a valid regular expression")
            }
        }
        self.patterns = patterns
    }

    /// Whether `pattern` matches the whole of `name`.
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        if pattern.hasPrefix("re:") {
            guard let re = try? NSRegularExpression(pattern: "^(?:" + pattern.dropFirst(3) + ")$") else { return false }
            return re.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
        }
        return Glob.matches(Array(pattern), Array(name))
    }

    /// The model with only the selected layers, in the selection's order.
    /// - Throws: `emptyModel` when a pattern matches none of the model's layers.
    /// - Complexity: O(patterns × layers).
    public func apply(to model: Model) throws(LayerIOError) -> Model {
        var kept: [Layer] = []
        var taken = Set<String>()
        for p in patterns {
            let hits = model.layers.filter { Self.matches(p, $0.name) }
            if hits.isEmpty {
                let names = model.layers.map(\.name)
                let shown = names.prefix(12).joined(separator: ", ") + (names.count > 12 ? ", … (\(names.count) in all)" : "")
                throw .emptyModel(path: model.path,
                                  detail: "--layers \(p) matches no layer of model \"\(model.name)\"; its layers: \(shown)")
            }
            for layer in hits where taken.insert(layer.name).inserted { kept.append(layer) }
        }
        return model.keeping(kept, order: .selection)
    }
}

/// Shell-style glob matching over whole strings (`--layers`, the explorer's layer filter).
public enum Glob {
    /// `*` matches any run (also empty), `?` one character, `[…]` one character of a set
    /// (`[!…]` or `[^…]` negated, `a-z` ranges); every other character matches itself.
    /// - Complexity: O(pattern × name) (the usual backtracking on the last `*`).
    public static func matches(_ p: [Character], _ s: [Character]) -> Bool {
        var i = 0, j = 0
        var star: Int? = nil, resume = 0
        while j < s.count {
            if i < p.count, p[i] == "*" {
                star = i; i += 1; resume = j
                continue
            }
            if let one = single(p, i, s[j]), one.matched {
                i = one.end; j += 1
                continue
            }
            // Mismatch: let the last `*` take one more character, or fail.
            guard let st = star else { return false }
            i = st + 1; resume += 1; j = resume
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }

    /// Matches one pattern element at `i` against `c`: whether it matched and where the element
    /// ends. `nil` at the end of the pattern.
    private static func single(_ p: [Character], _ i: Int, _ c: Character) -> (matched: Bool, end: Int)? {
        guard i < p.count else { return nil }
        switch p[i] {
        case "?": return (true, i + 1)
        case "[":
            var k = i + 1
            let negated = k < p.count && (p[k] == "!" || p[k] == "^")
            if negated { k += 1 }
            var found = false
            var first = true
            while k < p.count && (p[k] != "]" || first) {
                first = false
                if k + 2 < p.count, p[k + 1] == "-", p[k + 2] != "]" {
                    if p[k] <= c && c <= p[k + 2] { found = true }
                    k += 3
                } else {
                    if p[k] == c { found = true }
                    k += 1
                }
            }
            guard k < p.count else { return (p[i] == c, i + 1) } // no closing ']': a literal '['
            return (found != negated, k + 1)
        default:
            return (p[i] == c, i + 1)
        }
    }
}
