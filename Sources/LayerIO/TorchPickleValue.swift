/// The values the restricted unpickler (`TorchUnpickler`) can build from a `torch.save` pickle:
/// exactly what a saved dict, list or tuple of tensors needs, and nothing that can run code.
///
/// Containers are reference types, as in Python, because the pickle's memo refers to objects by
/// identity. The unpickler keeps them a tree (see `TorchUnpickler` on memo references), and
/// `height` (1 for a container of scalars only) is capped, so no walk over a value, and no
/// release of one, recurses deeper than that cap.
enum TorchPickleValue {
    case none
    case bool(Bool)
    /// A Python int that fits `Int` (larger ones are refused).
    case int(Int)
    case float(Double)
    case string(String)
    case tuple(TorchPickleTuple)
    case list(TorchPickleList)
    case dict(TorchPickleDict)
    /// One of the allowed globals (`TorchGlobal`), before it is called by REDUCE.
    case global(TorchGlobal)
    /// A storage from a persistent id `('storage', type, key, location, numel)`.
    case storage(TorchStorageReference)
    /// The result of `torch._utils._rebuild_tensor_v2` (or `_rebuild_parameter`).
    case tensor(TorchTensorReference)

    /// What the value is, for messages: `an int`, `a str`, `a tensor`, ….
    var kindDescription: String {
        switch self {
        case .none: return "None"
        case .bool: return "a bool"
        case .int: return "an int"
        case .float: return "a float"
        case .string: return "a str"
        case .tuple: return "a tuple"
        case .list: return "a list"
        case .dict: return "a dict"
        case .global(let g): return "the global \(g.qualifiedName)"
        case .storage: return "a storage"
        case .tensor: return "a tensor"
        }
    }

    /// Nesting height: 0 for scalars, 1 + the tallest child for containers.
    var height: Int {
        switch self {
        case .tuple(let t): return t.height
        case .list(let l): return l.height
        case .dict(let d): return d.height
        default: return 0
        }
    }
}

/// An immutable Python tuple.
final class TorchPickleTuple {
    let items: [TorchPickleValue]
    let height: Int

    init(_ items: [TorchPickleValue]) {
        self.items = items
        height = 1 + (items.map(\.height).max() ?? 0)
    }
}

/// A Python list, filled by APPEND / APPENDS after it is created.
final class TorchPickleList {
    private(set) var items: [TorchPickleValue] = []
    private(set) var height = 1

    func append(_ value: TorchPickleValue) {
        items.append(value)
        height = max(height, value.height + 1)
    }
}

/// A Python dict or `collections.OrderedDict`, in insertion order (what both keep), filled by
/// SETITEM / SETITEMS. Keys are strings or ints; setting an existing key replaces its value in
/// place, as Python does.
final class TorchPickleDict {
    enum Key: Hashable {
        case string(String)
        case int(Int)

        /// The key as a layer-name part: the string itself, or the int in decimal.
        var name: String {
            switch self {
            case .string(let s): return s
            case .int(let i): return String(i)
            }
        }
    }

    /// True for a `collections.OrderedDict` (the only dict BUILD may give attributes to).
    let isOrderedDict: Bool
    private(set) var entries: [(key: Key, value: TorchPickleValue)] = []
    private var index: [Key: Int] = [:]
    private(set) var height = 1

    init(isOrderedDict: Bool = false) {
        self.isOrderedDict = isOrderedDict
    }

    func set(_ key: Key, _ value: TorchPickleValue) {
        if let at = index[key] {
            entries[at].value = value
        } else {
            index[key] = entries.count
            entries.append((key, value))
        }
        height = max(height, value.height + 1)
    }
}

/// The globals the unpickler resolves. Any other `module.name` is refused.
enum TorchGlobal {
    /// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])`.
    case rebuildTensorV2
    /// `torch._utils._rebuild_parameter(tensor, requires_grad, hooks)`: an `nn.Parameter`.
    case rebuildParameter
    /// `collections.OrderedDict`, called with no arguments (then filled by SETITEMS).
    case orderedDict
    /// `torch.FloatStorage` and its kin: the element type of a persistent storage.
    case storageType(TorchStorageType)

    /// `module.name` as the pickle spells it.
    var qualifiedName: String {
        switch self {
        case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case .orderedDict: return "collections.OrderedDict"
        case .storageType(let s): return "torch." + s.name
        }
    }

    /// The global `module.name`, or nil when it is not allowed.
    init?(module: String, name: String) {
        switch (module, name) {
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): self = .rebuildParameter
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch", _):
            guard let storage = TorchStorageType(name: name) else { return nil }
            self = .storageType(storage)
        default: return nil
        }
    }
}

/// A `torch.*Storage` class named in a persistent id: which element type its bytes hold.
///
/// The storage types of float16, bfloat16, float32 and float64 are read. The other tensor
/// storage types are known by name so that a tensor of one is refused with its layer's name
/// and element type, rather than as an unknown global.
struct TorchStorageType: Equatable {
    /// `FloatStorage`, `LongStorage`, ….
    let name: String
    /// The element type, or nil for a known storage type that layermap does not read.
    let kind: ScalarKind?
    /// Bytes per element (for unsupported types too, so their sizes can still be reported).
    let itemSize: Int

    /// torch's storage classes (torch/storage.py, `_LegacyStorage` subclasses) and their elements.
    static let known: [String: (ScalarKind?, Int, String)] = [
        "FloatStorage": (.float32, 4, "float32"), "DoubleStorage": (.float64, 8, "float64"),
        "HalfStorage": (.float16, 2, "float16"), "BFloat16Storage": (.bfloat16, 2, "bfloat16"),
        "LongStorage": (nil, 8, "int64"), "IntStorage": (nil, 4, "int32"), "ShortStorage": (nil, 2, "int16"),
        "CharStorage": (nil, 1, "int8"), "ByteStorage": (nil, 1, "uint8"), "BoolStorage": (nil, 1, "bool"),
        "ComplexFloatStorage": (nil, 8, "complex64"), "ComplexDoubleStorage": (nil, 16, "complex128"),
        "QInt8Storage": (nil, 1, "qint8"), "QUInt8Storage": (nil, 1, "quint8"), "QInt32Storage": (nil, 4, "qint32"),
        "QUInt4x2Storage": (nil, 1, "quint4x2"), "QUInt2x4Storage": (nil, 1, "quint2x4"),
    ]

    /// torch's name of the element type: `float32`, `int64`, ….
    let dtypeName: String

    init?(name: String) {
        guard let (kind, size, dtype) = Self.known[name] else { return nil }
        self.name = name
        self.kind = kind
        self.itemSize = size
        self.dtypeName = dtype
    }
}

/// A persistent id `('storage', storage_type, key, location, numel)`: the archive member
/// `data/<key>` holds `numel` elements of `type`. `location` (`cpu`, `cuda:0`, …) is where the
/// tensor lived; the bytes in the archive are the same wherever that was.
struct TorchStorageReference {
    let type: TorchStorageType
    let key: String
    let location: String
    let numel: Int
}

/// A tensor as `_rebuild_tensor_v2` describes it: a view of `size` with `stride` (in elements)
/// starting `offset` elements into `storage`. Checked against the archive by `TorchTensorLayout`.
struct TorchTensorReference {
    let storage: TorchStorageReference
    let offset: Int
    let size: [Int]
    let stride: [Int]
}
