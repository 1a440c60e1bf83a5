import Foundation

/// What a capture tool recorded about a .safetensors file's layers in its `__metadata__`: the
/// model's layer order and the policy its token sequences were reduced by.
///
/// The keys, written by the Python helper `layermap_capture` (safetensors metadata values are
/// strings, so the order is JSON inside a string):
///
///     "layermap.order":  "[\"conv1\", \"layer1.0\", \"fc\"]"   every tensor's name, once, in order
///     "layermap.reduce": "cls"                                  flatten, cls, last, mean, …
///
/// A file with neither key has no record. A recorded order must name every tensor of the file
/// exactly once: a name without a tensor, a tensor left out and a name listed twice are
/// `malformedHeader` errors naming the file and the layer, never a silently partial model.
public struct CaptureRecord: Sendable, Equatable {
    /// The layer names in the model's order, or nil when the file records no order.
    public let order: [String]?
    /// The capture's token policy as recorded, or nil.
    public let reduce: String?

    static let orderKey = "layermap.order"
    static let reduceKey = "layermap.reduce"

    /// The record in a parsed `__metadata__` value, or nil when it holds neither key (or is not a
    /// JSON object, which the safetensors format does not define and this reader ignores).
    static func parse(_ metadata: Any?, path: String) throws(LayerIOError) -> CaptureRecord? {
        guard let metadata = metadata as? [String: Any] else { return nil }
        let orderValue = metadata[orderKey], reduceValue = metadata[reduceKey]
        if orderValue == nil && reduceValue == nil { return nil }
        func malformed(_ key: String, _ detail: String, layer: String? = nil) -> LayerIOError {
            .malformedHeader(path: path, layer: layer, detail: "__metadata__ \"\(key)\" \(detail)")
        }
        var reduce: String?
        if let reduceValue {
            guard let text = reduceValue as? String, !text.isEmpty else {
                throw malformed(reduceKey, "is not a non-empty string")
            }
            reduce = text
        }
        var order: [String]?
        if let orderValue {
            guard let text = orderValue as? String else {
                throw malformed(orderKey, "is not a string (metadata values are strings; the order is a JSON list inside one)")
            }
            let list = try? JSONSerialization.jsonObject(with: Data(text.utf8))
            guard let strings = list as? [String] else {
                throw malformed(orderKey, "is not a JSON list of layer names")
            }
            var seen = Set<String>()
            for name in strings where !seen.insert(name).inserted {
                throw malformed(orderKey, "lists this layer more than once", layer: name)
            }
            order = strings
        }
        return CaptureRecord(order: order, reduce: reduce)
    }

    /// `tensors` in the recorded order, after checking that it names each of them exactly once.
    ///
    /// - Parameter name: a tensor's layer name.
    /// - Complexity: O(tensors.count).
    func ordered<Tensor>(_ tensors: [Tensor], name: (Tensor) -> String, path: String) throws(LayerIOError) -> [Tensor] {
        guard let order else { return tensors }
        var byName: [String: Tensor] = [:]
        for t in tensors { byName[name(t)] = t }
        let listed = Set(order)
        if let missing = tensors.map(name).first(where: { !listed.contains($0) }) {
            throw .malformedHeader(path: path, layer: missing,
                                   detail: "the file holds this tensor but __metadata__ \"\(Self.orderKey)\" does not list it (it lists \(order.count) of the \(tensors.count) tensors)")
        }
        var result: [Tensor] = []
        for layer in order {
            guard let t = byName[layer] else {
                throw .malformedHeader(path: path, layer: layer,
                                       detail: "__metadata__ \"\(Self.orderKey)\" lists this layer but the file holds no such tensor")
            }
            result.append(t)
        }
        return result
    }
}
