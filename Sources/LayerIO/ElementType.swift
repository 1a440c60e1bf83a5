/// The element types LayerIO reads: the floating-point formats activations are stored in.
public enum ScalarKind: String, Sendable, Equatable, CaseIterable {
    /// IEEE 754 binary16 (numpy `f2`, safetensors `F16`).
    case float16
    /// Brain float: the upper half of a binary32 (safetensors `BF16`; .npy has no standard code for it).
    case bfloat16
    /// IEEE 754 binary32 (numpy `f4`, safetensors `F32`).
    case float32
    /// IEEE 754 binary64 (numpy `f8`, safetensors `F64`).
    case float64

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float16, .bfloat16: return 2
        case .float32: return 4
        case .float64: return 8
        }
    }
}

/// A scalar kind together with the byte order it is stored in.
///
/// .npy files may be big-endian (`>f4`); safetensors is always little-endian. Values are
/// byte-swapped as they are read, so the mapped file is never modified.
public struct ElementType: Sendable, Equatable, CustomStringConvertible {
    /// Which floating-point format.
    public let kind: ScalarKind
    /// True for big-endian storage (numpy `>`).
    public let isBigEndian: Bool

    public init(_ kind: ScalarKind, bigEndian: Bool = false) {
        self.kind = kind
        self.isBigEndian = bigEndian
    }

    /// Bytes per element.
    public var byteCount: Int { kind.byteCount }

    /// Display name, numpy-style: `float32`, `float16`, `bfloat16`, `float64`; big-endian
    /// storage is marked with a suffix, e.g. `float32 (big-endian)`.
    public var description: String {
        isBigEndian ? "\(kind.rawValue) (big-endian)" : kind.rawValue
    }
}
