/// Decoding of one stored element into `Float` / `Double`, specialised per element type.
///
/// The hot loops in `LayerReading` are generic over a `ScalarCodec` so the switch on the element
/// type happens once per call, not once per element. All loads are unaligned-safe:
/// .npy data offsets are usually 64-byte aligned, but archive members and safetensors tensors
/// need not be aligned at all.
protocol ScalarCodec {
    /// Bytes per element.
    static var byteCount: Int { get }
    /// The element at `p`, rounded to `Float` (exact for 16-bit formats and float32).
    static func float(_ p: UnsafeRawPointer) -> Float
    /// The element at `p`, widened to `Double` (exact for every supported format).
    static func double(_ p: UnsafeRawPointer) -> Double
    /// True when the element at `p` is NaN or ±infinity, decided from its bits.
    static func isNonFinite(_ p: UnsafeRawPointer) -> Bool
}

/// Byte order of stored integers.
protocol StorageOrder {
    static func load<T: FixedWidthInteger>(_ type: T.Type, _ p: UnsafeRawPointer) -> T
}

enum LittleEndianStorage: StorageOrder {
    @inline(__always)
    static func load<T: FixedWidthInteger>(_ type: T.Type, _ p: UnsafeRawPointer) -> T {
        T(littleEndian: p.loadUnaligned(as: T.self))
    }
}

enum BigEndianStorage: StorageOrder {
    @inline(__always)
    static func load<T: FixedWidthInteger>(_ type: T.Type, _ p: UnsafeRawPointer) -> T {
        T(bigEndian: p.loadUnaligned(as: T.self))
    }
}

enum HalfCodec<Order: StorageOrder>: ScalarCodec {
    static var byteCount: Int { 2 }
    @inline(__always) static func float(_ p: UnsafeRawPointer) -> Float {
        HalfFloat.float(fromHalfBits: Order.load(UInt16.self, p))
    }
    @inline(__always) static func double(_ p: UnsafeRawPointer) -> Double { Double(float(p)) }
    @inline(__always) static func isNonFinite(_ p: UnsafeRawPointer) -> Bool {
        HalfFloat.halfIsNonFinite(Order.load(UInt16.self, p))
    }
}

enum BFloat16Codec<Order: StorageOrder>: ScalarCodec {
    static var byteCount: Int { 2 }
    @inline(__always) static func float(_ p: UnsafeRawPointer) -> Float {
        HalfFloat.float(fromBFloat16Bits: Order.load(UInt16.self, p))
    }
    @inline(__always) static func double(_ p: UnsafeRawPointer) -> Double { Double(float(p)) }
    @inline(__always) static func isNonFinite(_ p: UnsafeRawPointer) -> Bool {
        HalfFloat.bfloat16IsNonFinite(Order.load(UInt16.self, p))
    }
}

enum Float32Codec<Order: StorageOrder>: ScalarCodec {
    static var byteCount: Int { 4 }
    @inline(__always) static func float(_ p: UnsafeRawPointer) -> Float {
        Float(bitPattern: Order.load(UInt32.self, p))
    }
    @inline(__always) static func double(_ p: UnsafeRawPointer) -> Double { Double(float(p)) }
    @inline(__always) static func isNonFinite(_ p: UnsafeRawPointer) -> Bool {
        Order.load(UInt32.self, p) & 0x7F80_0000 == 0x7F80_0000
    }
}

enum Float64Codec<Order: StorageOrder>: ScalarCodec {
    static var byteCount: Int { 8 }
    @inline(__always) static func float(_ p: UnsafeRawPointer) -> Float { Float(double(p)) }
    @inline(__always) static func double(_ p: UnsafeRawPointer) -> Double {
        Double(bitPattern: Order.load(UInt64.self, p))
    }
    @inline(__always) static func isNonFinite(_ p: UnsafeRawPointer) -> Bool {
        Order.load(UInt64.self, p) & 0x7FF0_0000_0000_0000 == 0x7FF0_0000_0000_0000
    }
}

/// Something generic over the element codec, run once the element type is known.
protocol CodecVisitor {
    associatedtype Result
    func visit<C: ScalarCodec>(_ codec: C.Type) throws -> Result
}

extension ElementType {
    /// Runs `visitor` with the codec for this element type and byte order.
    func accept<V: CodecVisitor>(_ visitor: V) throws -> V.Result {
        switch (kind, isBigEndian) {
        case (.float16, false): return try visitor.visit(HalfCodec<LittleEndianStorage>.self)
        case (.float16, true): return try visitor.visit(HalfCodec<BigEndianStorage>.self)
        case (.bfloat16, false): return try visitor.visit(BFloat16Codec<LittleEndianStorage>.self)
        case (.bfloat16, true): return try visitor.visit(BFloat16Codec<BigEndianStorage>.self)
        case (.float32, false): return try visitor.visit(Float32Codec<LittleEndianStorage>.self)
        case (.float32, true): return try visitor.visit(Float32Codec<BigEndianStorage>.self)
        case (.float64, false): return try visitor.visit(Float64Codec<LittleEndianStorage>.self)
        case (.float64, true): return try visitor.visit(Float64Codec<BigEndianStorage>.self)
        }
    }
}
