/// Opening a `.pt` / `.pth` file written by `torch.save`: one layer per tensor, in the saved order.
///
/// The file is a zip archive (`TorchArchive`) whose `data.pkl` is read by a restricted
/// unpickler (`TorchUnpickler`) that builds only tensors and the containers holding them,
/// like `torch.load(weights_only=True)`. No Python runs and no array data is read at open.
///
/// What becomes layers:
/// - A dict or `OrderedDict` of tensors: one layer per key, in insertion order (the order the
///   dict was filled, which for activations captured by hooks is the model's order).
/// - A list or tuple of tensors: layers named `0`, `1`, … in order.
/// - Nested containers are flattened with dotted names, as `state_dict()` names parameters:
///   `{"block": {"conv": t}}` → `block.conv`, `{"h": [t0, t1]}` → `h.0`, `h.1`.
/// - Each tensor is then an N×… layer like an array in a .npy file: axis 0 holds the samples,
///   and `--reduce` turns N×C×H×W (or N×T×D) into N×D exactly as for .npy and .safetensors.
///
/// Refused, with the file, the key and the reason: a single bare tensor (save a dict or list),
/// a value that is not a tensor or container (an int, a str, None…), int/bool/complex tensors,
/// dict keys other than str and int, two entries with one name, an empty key, and any container
/// that appears twice.
enum TorchFile {
    static func openLayers(path: String, modelName: String, reduce: ReducePolicy) throws(LayerIOError) -> [Layer] {
        let archive = try TorchArchive(path: path)
        let root = try TorchUnpickler.load(try archive.pickleBytes(), path: path, member: archive.pickle.name)
        switch root {
        case .dict, .list, .tuple: break
        case .tensor:
            throw .malformedHeader(path: path, layer: nil,
                                   detail: "the file holds one bare tensor; save a dict of tensors (torch.save({\"name\": t}, path)) or a list, so each layer has a name")
        default:
            throw .malformedHeader(path: path, layer: nil,
                                   detail: "the file holds \(root.kindDescription); a .pt model is a dict, OrderedDict, list or tuple of tensors")
        }
        var flattening = Flattening(path: path)
        try flattening.visit(root, name: nil)
        var layers: [Layer] = []
        var checked: [String: StoredMember] = [:]
        for (name, tensor) in flattening.tensors {
            let (header, data) = try TorchTensorLayout.open(tensor, name: name, archive: archive, checked: &checked)
            layers.append(try Layer(modelName: modelName, name: name, path: path, header: header,
                                    reduce: reduce, data: data))
        }
        return layers
    }

    /// The depth-first walk that names every tensor. Container nesting is capped by the
    /// unpickler, so the recursion is shallow.
    private struct Flattening {
        let path: String
        var tensors: [(name: String, tensor: TorchTensorReference)] = []
        var names = Set<String>()
        var seen = Set<ObjectIdentifier>()

        init(path: String) { self.path = path }

        mutating func visit(_ value: TorchPickleValue, name: String?) throws(LayerIOError) {
            switch value {
            case .tensor(let tensor):
                let name = name ?? ""
                guard names.insert(name).inserted else {
                    throw .malformedHeader(path: path, layer: name, detail: "two entries of the saved object are both named \"\(name)\"")
                }
                tensors.append((name, tensor))
            case .dict(let dict):
                try enter(dict, name: name)
                for (key, child) in dict.entries {
                    guard !key.name.isEmpty else {
                        throw .malformedHeader(path: path, layer: name, detail: "an empty dict key cannot name a layer")
                    }
                    try visit(child, name: join(name, key.name))
                }
            case .list(let list):
                try enter(list, name: name)
                for (index, child) in list.items.enumerated() { try visit(child, name: join(name, String(index))) }
            case .tuple(let tuple):
                try enter(tuple, name: name)
                for (index, child) in tuple.items.enumerated() { try visit(child, name: join(name, String(index))) }
            default:
                throw .malformedHeader(path: path, layer: name,
                                       detail: "the entry is \(value.kindDescription), not a tensor; a .pt model holds only tensors, in dicts, lists and tuples")
            }
        }

        /// Records a container, refusing one met before (a memo reference to a shared tuple).
        mutating func enter(_ container: AnyObject, name: String?) throws(LayerIOError) {
            guard seen.insert(ObjectIdentifier(container)).inserted else {
                throw .malformedHeader(path: path, layer: name,
                                       detail: "this container also appears elsewhere in the saved object; each container is read once")
            }
        }

        func join(_ prefix: String?, _ part: String) -> String {
            prefix.map { $0 + "." + part } ?? part
        }
    }
}
