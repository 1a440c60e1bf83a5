import Foundation

/// The keys of a JSON object's top level, in order, duplicates kept.
///
/// `JSONSerialization` keeps only the last of two equal keys, so a safetensors header listing
/// one tensor name twice would silently lose a tensor. This scanner walks the already validated
/// JSON text once (strings, escapes and nesting only) and decodes each top-level key's string
/// token, so `"a"` and `"\u0061"` are the same key.
enum JSONObjectKeys {
    /// - Parameter text: a valid JSON object (as checked by `JSONSerialization`).
    /// - Complexity: O(text.count).
    static func topLevel(_ text: UnsafeRawBufferPointer) -> [String] {
        var keys: [String] = []
        var depth = 0
        var expectingKey = false
        var i = 0
        let n = text.count
        while i < n {
            let c = text[i]
            if c == UInt8(ascii: "\"") {
                // A string token: find its end, skipping escapes.
                let start = i
                i += 1
                while i < n && text[i] != UInt8(ascii: "\"") { i += text[i] == UInt8(ascii: "\\") ? 2 : 1 }
                let end = min(i + 1, n)
                if depth == 1 && expectingKey {
                    let token = Data(UnsafeRawBufferPointer(rebasing: text[start..<end]))
                    let key = (try? JSONSerialization.jsonObject(with: token, options: .fragmentsAllowed)) as? String
                    keys.append(key ?? String(decoding: token, as: UTF8.self))
                    expectingKey = false
                }
            } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                depth += 1
                expectingKey = depth == 1 && c == UInt8(ascii: "{")
            } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                depth -= 1
            } else if c == UInt8(ascii: ",") && depth == 1 {
                expectingKey = true
            }
            i += 1
        }
        return keys
    }

    /// The first key listed more than once, if any.
    static func firstDuplicate(_ text: UnsafeRawBufferPointer) -> String? {
        var seen = Set<String>()
        for k in topLevel(text) where !seen.insert(k).inserted { return k }
        return nil
    }
}
