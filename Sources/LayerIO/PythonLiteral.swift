/// A value of the tiny Python-literal language used by .npy headers.
///
/// numpy writes the header with `repr()` of a dict such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (500, 64), }`. Only what such headers need is
/// understood: strings, `True`/`False`/`None`, non-negative decimal integers, tuples, lists and dicts.
/// Anything else (expressions, floats, negative numbers, Python 2 `L` suffixes, calls) is rejected,
/// which is stricter than numpy's `ast.literal_eval` but never evaluates anything.
enum PythonLiteral: Equatable {
    case string(String)
    case bool(Bool)
    case none
    case integer(Int)
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    /// Key/value pairs in source order; keys are literals too (numpy uses strings).
    case dict([(key: PythonLiteral, value: PythonLiteral)])

    static func == (lhs: PythonLiteral, rhs: PythonLiteral) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.none, .none): return true
        case let (.integer(a), .integer(b)): return a == b
        case let (.tuple(a), .tuple(b)), let (.list(a), .list(b)): return a == b
        case let (.dict(a), .dict(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// A short name of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .string: return "a string"
        case .bool: return "a boolean"
        case .none: return "None"
        case .integer: return "an integer"
        case .tuple: return "a tuple"
        case .list: return "a list"
        case .dict: return "a dict"
        }
    }
}

/// Why a literal could not be parsed; the header reader turns it into `malformedHeader`.
struct PythonLiteralError: Error, Equatable {
    let message: String
}

/// Recursive-descent parser over the header's Unicode scalars.
///
/// Whitespace (space, tab, CR, LF) may appear between any tokens; a trailing comma is allowed
/// before `)`, `]` and `}`. A one-element tuple needs its comma, as in Python: `(5,)`.
/// Nesting is capped so a hostile header cannot exhaust the stack.
struct PythonLiteralParser {
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0
    private static let maxDepth = 32

    /// Parses `text`, which must hold exactly one literal (surrounding whitespace allowed).
    static func parse(_ text: String) throws(PythonLiteralError) -> PythonLiteral {
        var parser = PythonLiteralParser(scalars: Array(text.unicodeScalars))
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == parser.scalars.count else {
            throw parser.failure("unexpected text after the literal")
        }
        return value
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private func failure(_ message: String) -> PythonLiteralError {
        let near = current.map { " near '\(String($0).debugDescription.dropFirst().dropLast())'" } ?? " at the end"
        return PythonLiteralError(message: "\(message) (character \(position)\(near))")
    }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { position += 1 }
    }

    private mutating func parseValue() throws(PythonLiteralError) -> PythonLiteral {
        skipWhitespace()
        guard let c = current else { throw failure("expected a value") }
        switch c {
        case "'", "\"": return .string(try parseString())
        case "(": return try parseSequence(close: ")", isTuple: true)
        case "[": return try parseSequence(close: "]", isTuple: false)
        case "{": return try parseDict()
        case "0"..."9": return .integer(try parseInteger())
        default:
            let word = parseWord()
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default: throw failure(word.isEmpty ? "unexpected character" : "unknown name '\(word)'")
            }
        }
    }

    private mutating func parseWord() -> String {
        var word = ""
        while let c = current, c.properties.isAlphabetic || c == "_" || ("0"..."9").contains(c) {
            word.unicodeScalars.append(c)
            position += 1
        }
        return word
    }

    private mutating func parseInteger() throws(PythonLiteralError) -> Int {
        var digits = ""
        while let c = current, ("0"..."9").contains(c) {
            digits.unicodeScalars.append(c)
            position += 1
        }
        if let c = current, c.properties.isAlphabetic || c == "_" || c == "." {
            throw failure("only plain non-negative integers are allowed")
        }
        guard let value = Int(digits) else { throw failure("integer \(digits) is too large") }
        return value
    }

    private mutating func parseString() throws(PythonLiteralError) -> String {
        guard let quote = current else { throw failure("expected a string") }
        position += 1
        var text = ""
        while let c = current {
            position += 1
            if c == quote { return text }
            if c == "\n" { throw failure("newline inside a string") }
            if c == "\\" {
                // Only the escapes repr() produces for simple strings.
                guard let next = current else { break }
                position += 1
                switch next {
                case "\\", "'", "\"": text.unicodeScalars.append(next)
                case "n": text.unicodeScalars.append("\n")
                case "t": text.unicodeScalars.append("\t")
                default: throw failure("unsupported escape \\\(next) in a string")
                }
                continue
            }
            text.unicodeScalars.append(c)
        }
        throw failure("unterminated string")
    }

    private mutating func enter() throws(PythonLiteralError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth)") }
    }

    private mutating func parseSequence(close: Unicode.Scalar, isTuple: Bool) throws(PythonLiteralError) -> PythonLiteral {
        try enter()
        defer { depth -= 1 }
        position += 1  // the opening bracket
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipWhitespace()
            if current == close {
                position += 1
                // `(5)` is just 5 in Python, not a tuple; require `(5,)`.
                if isTuple && items.count == 1 && !sawComma {
                    throw failure("a one-element tuple needs a trailing comma")
                }
                return isTuple ? .tuple(items) : .list(items)
            }
            items.append(try parseValue())
            skipWhitespace()
            if current == "," {
                position += 1
                sawComma = true
            } else if current != close {
                throw failure("expected ',' or '\(close)'")
            }
        }
    }

    private mutating func parseDict() throws(PythonLiteralError) -> PythonLiteral {
        try enter()
        defer { depth -= 1 }
        position += 1  // "{"
        var pairs: [(key: PythonLiteral, value: PythonLiteral)] = []
        while true {
            skipWhitespace()
            if current == "}" {
                position += 1
                return .dict(pairs)
            }
            let key = try parseValue()
            skipWhitespace()
            guard current == ":" else { throw failure("expected ':' after a dict key") }
            position += 1
            let value = try parseValue()
            pairs.append((key, value))
            skipWhitespace()
            if current == "," {
                position += 1
            } else if current != "}" {
                throw failure("expected ',' or '}'")
            }
        }
    }
}
