/// What the unpickler's GLOBAL, STACK_GLOBAL, BINPERSID, REDUCE and BUILD opcodes do: resolve
/// one of the few allowed globals, turn a persistent id into a storage, and call the allowed
/// functions (`OrderedDict()`, `_rebuild_tensor_v2`, `_rebuild_parameter`) with checked
/// arguments. Everything else is refused by name.
extension TorchUnpickler {
    func resolve(module: String, name: String) throws(LayerIOError) -> TorchGlobal {
        guard let global = TorchGlobal(module: module, name: name) else {
            throw fail("the global \(module).\(name) is refused: a .pt file is read like torch.load(weights_only=True), which allows only tensors (of float16, bfloat16, float32 and float64 storages) and the dicts, lists and tuples holding them")
        }
        return global
    }

    /// BINPERSID's argument: `('storage', storage_type, key, location, numel)`, as torch's
    /// zip serialization writes it (torch/serialization.py, `_save`'s `persistent_id`).
    func persistentLoad(_ pid: TorchPickleValue) throws(LayerIOError) -> TorchStorageReference {
        guard case .tuple(let tuple) = pid, tuple.items.count == 5, case .string("storage") = tuple.items[0] else {
            throw fail("a persistent id is \(pid.kindDescription), not the tuple ('storage', type, key, location, numel)")
        }
        guard case .global(let global) = tuple.items[1], case .storageType(let type) = global else {
            throw fail("a persistent id's storage type is \(tuple.items[1].kindDescription), not a torch storage class")
        }
        guard case .string(let key) = tuple.items[2], case .string(let location) = tuple.items[3],
              case .int(let numel) = tuple.items[4] else {
            throw fail("a persistent id's key, location or numel has the wrong type (str, str, int expected)")
        }
        guard numel >= 0 else { throw fail("storage \"\(key)\" claims a negative size \(numel)") }
        return TorchStorageReference(type: type, key: key, location: location, numel: numel)
    }

    func reduce(_ callable: TorchPickleValue, _ arguments: TorchPickleValue) throws(LayerIOError) -> TorchPickleValue {
        guard case .global(let global) = callable else {
            throw fail("REDUCE calls \(callable.kindDescription), which is not an allowed function")
        }
        guard case .tuple(let tuple) = arguments else {
            throw fail("REDUCE's arguments are \(arguments.kindDescription), not a tuple")
        }
        let args = tuple.items
        switch global {
        case .orderedDict:
            guard args.isEmpty else { throw fail("collections.OrderedDict is called with arguments; only OrderedDict() is read") }
            return .dict(TorchPickleDict(isOrderedDict: true))
        case .rebuildTensorV2:
            return .tensor(try rebuildTensor(args))
        case .rebuildParameter:
            guard args.count == 3, case .tensor(let tensor) = args[0] else {
                throw fail("torch._utils._rebuild_parameter needs (tensor, requires_grad, hooks)")
            }
            return .tensor(tensor)
        case .storageType(let type):
            throw fail("REDUCE calls torch.\(type.name), which is refused: storages come only from persistent ids")
        }
    }

    /// BUILD gives an object its state. Only an `OrderedDict`'s attribute dict is accepted (as
    /// `torch.load(weights_only=True)` accepts it): `state_dict()` pickles its `_metadata`
    /// (module versions) that way. The attributes are not layers and are dropped.
    func build(state: TorchPickleValue, on object: TorchPickleValue) throws(LayerIOError) {
        guard case .dict(let dict) = object, dict.isOrderedDict else {
            throw fail("the pickle opcode BUILD (0x62) on \(object.kindDescription) is refused: only an OrderedDict's attributes are read, as torch.load(weights_only=True) does")
        }
        switch state {
        case .dict, .none: return
        default: throw fail("BUILD gives an OrderedDict \(state.kindDescription) instead of a dict of attributes")
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`
    /// (torch/_utils.py). `requires_grad` and the hooks do not change the values and are ignored;
    /// `metadata`, when present, must be an empty dict.
    func rebuildTensor(_ args: [TorchPickleValue]) throws(LayerIOError) -> TorchTensorReference {
        let name = "torch._utils._rebuild_tensor_v2"
        guard args.count == 6 || args.count == 7 else {
            throw fail("\(name) is called with \(args.count) arguments; 6 or 7 are expected")
        }
        guard case .storage(let storage) = args[0] else {
            throw fail("\(name)'s first argument is \(args[0].kindDescription), not a storage")
        }
        guard case .int(let offset) = args[1] else {
            throw fail("\(name)'s storage offset is \(args[1].kindDescription), not an int")
        }
        guard offset >= 0 else { throw fail("\(name) gets a negative storage offset \(offset)") }
        let size = try integers(args[2], "size", of: name)
        let stride = try integers(args[3], "stride", of: name)
        guard size.count == stride.count else {
            throw fail("\(name) gets a size of \(size.count) axes but a stride of \(stride.count)")
        }
        if let bad = size.first(where: { $0 < 0 }) { throw fail("\(name) gets a negative size \(bad)") }
        if let bad = stride.first(where: { $0 < 0 }) { throw fail("\(name) gets a negative stride \(bad)") }
        if args.count == 7 {
            switch args[6] {
            case .none: break
            case .dict(let d) where d.entries.isEmpty: break
            default: throw fail("\(name) gets tensor metadata (\(args[6].kindDescription)), which is not read")
            }
        }
        return TorchTensorReference(storage: storage, offset: offset, size: size, stride: stride)
    }

    /// A tuple (or list) of ints.
    func integers(_ value: TorchPickleValue, _ what: String, of function: String) throws(LayerIOError) -> [Int] {
        let items: [TorchPickleValue]
        switch value {
        case .tuple(let t): items = t.items
        case .list(let l): items = l.items
        default: throw fail("\(function)'s \(what) is \(value.kindDescription), not a tuple of ints")
        }
        return try items.map { (item: TorchPickleValue) throws(LayerIOError) -> Int in
            guard case .int(let n) = item else { throw fail("\(function)'s \(what) holds \(item.kindDescription), not an int") }
            return n
        }
    }
}
