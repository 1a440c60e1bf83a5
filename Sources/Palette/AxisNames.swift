/// One model's layer names made short for the heatmap's axes. Layer names usually share a
/// prefix (`layer1` … `layer8_logits`, `blocks.0.attn` … `blocks.11.mlp`,
/// `encoder.layer.3.output` …) that says nothing about which layer it is, while a column
/// header has 5 characters: cut in the middle, `layer1` becomes `la…r1` for every column.
/// Without the prefix they read `1`, `0.attn`, `3.output` (`short`, for row labels).
/// Names that also share an ending (`encoder.layer.3.output`, `….4.output`) would still
/// all read `3.…ut`; without it too they read `3`, `4` (`core`, for column headers).
///
/// The prefix taken off is the longest one every name shares that ends at a word boundary,
/// so no number or word is split: `layer10` … `layer19` lose `layer`, not `layer1`; `relu`
/// and `read` keep `re`. A boundary is after a separator (anything but a letter or a
/// digit), between a letter and a digit, or the end of a name. Separators left at the start
/// of a short name are dropped too (`input`, `input.conv` → `conv`). A name that would
/// become empty keeps its last part, after its last separator (`input` stays `input`).
/// The suffix is found the same way on what is left, and a core that would be empty is
/// its short name. A single name is never shortened.
///
/// The status bar and the details panel keep the full names.
public struct AxisNames: Sendable, Equatable {
    /// What was taken off the start of every name (`""` when nothing was).
    public let prefix: String
    /// The names without it, in the same order; none is empty unless its full name was.
    public let short: [String]
    /// What was also taken off the end of every short name for `core` (`""` when nothing was).
    public let suffix: String
    /// The names without the shared prefix and the shared suffix.
    public let core: [String]
    /// The length of the longest full name, short name and core, in characters.
    public let longestName: Int
    public let longestShort: Int
    public let longestCore: Int
    /// Whether every core is its layer's index written in digits (`layer0` … `layer39`):
    /// then a header row of names would repeat the index ruler, and none is drawn.
    public let coresAreIndices: Bool

    /// - Parameter indices: each name's layer index (by default its position): a layer
    ///   filter passes the shown layers' real indices.
    /// - Complexity: O(total length of the names).
    public init(_ names: [String], indices: [Int]? = nil) {
        let chars = names.map(Array.init)
        let cut = AxisNames.sharedLength(chars)
        prefix = chars.first.map { String($0.prefix(cut)) } ?? ""
        let shortChars = chars.map { AxisNames.shorten($0, dropping: cut) }
        short = shortChars.map { String($0) }
        // The shared ending: the shared start of the reversed short names.
        let end = AxisNames.sharedLength(shortChars.map { Array($0.reversed()) })
        suffix = shortChars.first.map { String($0.suffix(end)) } ?? ""
        core = zip(shortChars, short).map { name, whole in
            let rest = name.dropLast(end)
            let trimmed = rest.reversed().drop(while: AxisNames.isSeparator).reversed()
            return trimmed.isEmpty ? whole : String(trimmed)
        }
        longestName = chars.reduce(0) { max($0, $1.count) }
        longestShort = shortChars.reduce(0) { max($0, $1.count) }
        longestCore = core.reduce(0) { max($0, $1.count) }
        let cores = core
        coresAreIndices = cores.indices.allSatisfy { i in cores[i] == String(indices?[i] ?? i) }
    }

    /// `prefix*suffix`, the pattern the cores fill in (`layer*`, `encoder.layer.*.output`),
    /// or `nil` when nothing was taken off.
    public var corePattern: String? { prefix.isEmpty && suffix.isEmpty ? nil : prefix + "*" + suffix }

    /// `prefix*`, the pattern the short names fill in, or `nil` when there is no prefix.
    public var shortPattern: String? { prefix.isEmpty ? nil : prefix + "*" }

    /// The length, in characters, of the start to take off every name: the longest they
    /// share that ends at a boundary in each.
    static func sharedLength(_ names: [[Character]]) -> Int {
        guard names.count > 1 else { return 0 }
        var common = names.map(\.count).min() ?? 0
        for name in names.dropFirst() {
            common = min(common, zip(names[0], name).prefix { $0 == $1 }.count)
        }
        var p = common
        while p > 0 && !names.allSatisfy({ isBoundary($0, at: p) }) { p -= 1 }
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

    /// Whether `c` is part of a word or number (a letter or a digit), not a separator: where
    /// the image exporter may not cut a name.
    public static func isWordCharacter(_ c: Character) -> Bool { !isSeparator(c) }

    /// `name` without its first `count` characters and the separators after them, or its
    /// last part when nothing would be left.
    static func shorten(_ name: [Character], dropping count: Int) -> [Character] {
        let rest = name.dropFirst(count).drop(while: isSeparator)
        if !rest.isEmpty { return Array(rest) }
        let last = name.split(whereSeparator: isSeparator).last
        return last.map(Array.init) ?? name
    }
}
