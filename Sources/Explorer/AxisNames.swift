/// One model's layer names made short for the heatmap's axes. Layer names usually share a
/// prefix (`layer1` … `layer8_logits`, `blocks.0.attn` … `blocks.11.mlp`,
/// `encoder.layer.3.output` …) that says nothing about which layer it is, while a column
/// header has 5 characters: cut in the middle, `layer1` becomes `la…r1` for every column.
/// Without the prefix they read `1`, `0.attn`, `3.output`.
///
/// The prefix taken off is the longest one every name shares that ends at a word boundary,
/// so no number or word is split: `layer10` … `layer19` lose `layer`, not `layer1`; `relu`
/// and `read` keep `re`. A boundary is after a separator (anything but a letter or a
/// digit), between a letter and a digit, or the end of a name. Separators left at the start
/// of a short name are dropped too (`input`, `input.conv` → `conv`). A name that would
/// become empty keeps its last part, after its last separator (`input` stays `input`).
/// A single name is never shortened.
///
/// The status bar and the details panel keep the full names.
public struct AxisNames: Sendable, Equatable {
    /// What was taken off the start of every name (`""` when nothing was).
    public let prefix: String
    /// The names without it, in the same order; none is empty unless its full name was.
    public let short: [String]
    /// The length of the longest full name and of the longest short one, in characters.
    public let longestName: Int
    public let longestShort: Int

    /// - Complexity: O(total length of the names).
    public init(_ names: [String]) {
        let cut = AxisNames.prefixLength(names)
        prefix = names.first.map { String($0.prefix(cut)) } ?? ""
        short = names.map { AxisNames.shorten($0, dropping: cut) }
        longestName = names.reduce(0) { max($0, $1.count) }
        longestShort = short.reduce(0) { max($0, $1.count) }
    }

    /// The length, in characters, of the prefix to take off.
    static func prefixLength(_ names: [String]) -> Int {
        guard names.count > 1 else { return 0 }
        let chars = names.map(Array.init)
        // The longest common prefix, then back to the nearest boundary that holds in every name.
        var common = chars.map(\.count).min() ?? 0
        for name in chars.dropFirst() {
            common = min(common, zip(chars[0], name).prefix { $0 == $1 }.count)
        }
        var p = common
        while p > 0 && !chars.allSatisfy({ isBoundary($0, at: p) }) { p -= 1 }
        return p
    }

    /// Whether a cut before `name[p]` splits no word or number.
    static func isBoundary(_ name: [Character], at p: Int) -> Bool {
        if p == 0 || p >= name.count { return true }
        let before = name[p - 1], after = name[p]
        if isSeparator(before) || isSeparator(after) { return true }
        return before.isNumber != after.isNumber
    }

    static func isSeparator(_ c: Character) -> Bool { !c.isLetter && !c.isNumber }

    /// `name` without its first `count` characters and the separators after them, or its
    /// last part when nothing would be left.
    static func shorten(_ name: String, dropping count: Int) -> String {
        let rest = name.dropFirst(count).drop(while: isSeparator)
        if !rest.isEmpty { return String(rest) }
        let last = name.split(whereSeparator: isSeparator).last
        return last.map(String.init) ?? name
    }
}
