/// A restricted unpickler for the `data.pkl` of a `torch.save` archive: it builds dicts,
/// `OrderedDict`s, lists, tuples, strings, numbers, booleans, None, storages and tensors, and
/// refuses everything else, as `torch.load(weights_only=True)` does. Nothing in the pickle can
/// run code or name a class beyond `TorchGlobal`'s few.
///
/// Opcodes follow CPython's `Lib/pickle.py` and `Lib/pickletools.py` (protocols 0–5; `torch.save`
/// writes protocol 2). Read: PROTO, FRAME, STOP, MARK, POP, POP_MARK, EMPTY_DICT/LIST/TUPLE,
/// DICT, LIST, TUPLE, TUPLE1–3, APPEND(S), SETITEM(S), BINPUT, LONG_BINPUT, MEMOIZE, BINGET,
/// LONG_BINGET, BININT, BININT1, BININT2, LONG1, LONG4 (up to 8 bytes), NONE, NEWTRUE,
/// NEWFALSE, BINFLOAT, BINUNICODE, SHORT_BINUNICODE, BINUNICODE8, GLOBAL, STACK_GLOBAL,
/// BINPERSID, REDUCE, and BUILD on an `OrderedDict` only. Any other opcode (INST, OBJ, NEWOBJ,
/// the byte strings, the text-form protocol 0 opcodes, …) is refused by name.
///
/// Hostile input: every length is checked against the bytes left; the stack, the mark stack,
/// the memo and container nesting are capped; memo indexes go into a dictionary (a huge index allocates
/// nothing). Memo references (BINGET) and DUP may not fetch a list or a dict: torch never
/// writes one (it refers back only to strings, globals, tuples and tensors), and refusing them
/// keeps every value a tree, so there are no cycles (which would leak) and no shared
/// containers (which could make flattening exponential). A tuple reached twice is caught by
/// `TorchFile`'s flattening.
struct TorchUnpickler {
    /// Most values the stack may hold at once. torch's pickler flushes SETITEMS every 1000
    /// items, so real files stay far below.
    static let maxStackDepth = 1_000_000
    /// Deepest container nesting accepted (a state dict nests a few levels).
    static let maxNesting = 64
    /// Most memo entries. torch memoizes about ten values per tensor, so this allows a few
    /// hundred thousand tensors while bounding what a pickle of BINPUTs alone can allocate.
    static let maxMemoEntries = 4_000_000

    /// The memo cap this unpickler applies (`maxMemoEntries`; tests lower it to reach it quickly).
    private let memoLimit: Int

    private let bytes: UnsafeRawBufferPointer
    private let path: String
    private let member: String
    private var position = 0
    /// Where the current opcode started, for messages.
    private var opcodeStart = 0
    private var stack: [TorchPickleValue] = []
    /// Stack heights at each MARK.
    private var marks: [Int] = []
    private var memo: [Int: TorchPickleValue] = [:]

    /// Parses the pickle in `bytes` (the archive member `member` of the file at `path`).
    init(bytes: UnsafeRawBufferPointer, path: String, member: String, memoLimit: Int = maxMemoEntries) {
        self.memoLimit = memoLimit
        self.bytes = bytes
        self.path = path
        self.member = member
    }

    /// The value the pickle builds (what STOP returns).
    ///
    /// - Throws: `malformedHeader` naming the opcode (and its byte offset) or the global that was
    ///   refused, or what was malformed.
    /// - Complexity: O(pickle length); every opcode does work proportional to the bytes it reads
    ///   or the stack items it consumes.
    static func load(_ bytes: UnsafeRawBufferPointer, path: String, member: String,
                     memoLimit: Int = maxMemoEntries) throws(LayerIOError) -> TorchPickleValue {
        var unpickler = TorchUnpickler(bytes: bytes, path: path, member: member, memoLimit: memoLimit)
        return try unpickler.run()
    }

    func fail(_ detail: String) -> LayerIOError {
        .malformedHeader(path: path, layer: nil, detail: "\(member), byte \(opcodeStart): \(detail)")
    }

    private func refused(_ opcode: UInt8) -> LayerIOError {
        let name = Self.opcodeNames[opcode].map { "\($0) (0x\(String(opcode, radix: 16)))" }
            ?? "0x\(String(opcode, radix: 16)) (not an opcode of any pickle protocol)"
        return fail("the pickle opcode \(name) is refused: a .pt file is read like torch.load(weights_only=True), which builds only tensors and the dicts, lists and tuples holding them")
    }

    // MARK: the loop

    private mutating func run() throws(LayerIOError) -> TorchPickleValue {
        while true {
            opcodeStart = position
            let opcode = try byte()
            switch opcode {
            case 0x80:  // PROTO
                let version = try byte()
                guard version <= 5 else { throw fail("pickle protocol \(version) is unknown (at most 5 exists)") }
            case 0x95:  // FRAME: a length prefix for the opcodes that follow; nothing to do
                let length = try uint(8)
                guard length <= UInt64(bytes.count - position) else { throw fail("a frame of \(length) bytes runs past the end") }
            case UInt8(ascii: "."):  // STOP
                guard marks.isEmpty, stack.count == 1, let value = stack.last else {
                    throw fail("STOP leaves \(stack.count) values and \(marks.count) marks on the stack instead of one value")
                }
                return value
            case UInt8(ascii: "("):  // MARK
                guard marks.count < Self.maxStackDepth else { throw fail("more than \(Self.maxStackDepth) marks") }
                marks.append(stack.count)
            case UInt8(ascii: "0"):  // POP
                if let mark = marks.last, mark == stack.count {
                    marks.removeLast()  // pickle.py: POP of a mark pops the mark
                } else {
                    _ = try pop()
                }
            case UInt8(ascii: "1"):  // POP_MARK
                _ = try popToMark()
            case UInt8(ascii: "2"):  // DUP
                let top = try peek()
                try checkShareable(top, "DUP")
                try push(top)
            case UInt8(ascii: "}"): try push(.dict(TorchPickleDict()))  // EMPTY_DICT
            case UInt8(ascii: "]"): try push(.list(TorchPickleList()))  // EMPTY_LIST
            case UInt8(ascii: ")"): try push(.tuple(TorchPickleTuple([])))  // EMPTY_TUPLE
            case UInt8(ascii: "d"):  // DICT
                let items = try popToMark()
                let dict = TorchPickleDict()
                try setItems(items, into: dict)
                try push(.dict(dict))
            case UInt8(ascii: "l"):  // LIST
                let items = try popToMark()
                let list = TorchPickleList()
                for item in items { try append(item, to: list) }
                try push(.list(list))
            case UInt8(ascii: "t"): try pushTuple(try popToMark())  // TUPLE
            case 0x85: try pushTuple([try pop()])  // TUPLE1
            case 0x86:  // TUPLE2
                let b = try pop(), a = try pop()
                try pushTuple([a, b])
            case 0x87:  // TUPLE3
                let c = try pop(), b = try pop(), a = try pop()
                try pushTuple([a, b, c])
            case UInt8(ascii: "a"):  // APPEND
                let item = try pop()
                try append(item, to: try topList("APPEND"))
            case UInt8(ascii: "e"):  // APPENDS
                let items = try popToMark()
                let list = try topList("APPENDS")
                for item in items { try append(item, to: list) }
            case UInt8(ascii: "s"):  // SETITEM
                let value = try pop(), key = try pop()
                try setItems([key, value], into: try topDict("SETITEM"))
            case UInt8(ascii: "u"):  // SETITEMS
                let items = try popToMark()
                try setItems(items, into: try topDict("SETITEMS"))
            case UInt8(ascii: "q"): try put(Int(try uint(1)))  // BINPUT
            case UInt8(ascii: "r"): try put(Int(try uint(4)))  // LONG_BINPUT
            case 0x94: try put(memo.count)  // MEMOIZE
            case UInt8(ascii: "h"): try get(Int(try uint(1)))  // BINGET
            case UInt8(ascii: "j"): try get(Int(try uint(4)))  // LONG_BINGET
            case UInt8(ascii: "J"): try push(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
            case UInt8(ascii: "K"): try push(.int(Int(try uint(1))))  // BININT1
            case UInt8(ascii: "M"): try push(.int(Int(try uint(2))))  // BININT2
            case 0x8a: try push(.int(try long(byteCount: Int(try uint(1)))))  // LONG1
            case 0x8b:  // LONG4
                let count = try uint(4)
                guard count <= 8 else { throw fail("LONG4 holds a \(count)-byte integer; at most 8 bytes are read") }
                try push(.int(try long(byteCount: Int(count))))
            case UInt8(ascii: "N"): try push(.none)
            case 0x88: try push(.bool(true))  // NEWTRUE
            case 0x89: try push(.bool(false))  // NEWFALSE
            case UInt8(ascii: "G"): try push(.float(Double(bitPattern: try uintBigEndian(8))))  // BINFLOAT
            case UInt8(ascii: "X"): try push(.string(try utf8(count: try uint(4))))  // BINUNICODE
            case 0x8c: try push(.string(try utf8(count: try uint(1))))  // SHORT_BINUNICODE
            case 0x8d: try push(.string(try utf8(count: try uint(8))))  // BINUNICODE8
            case UInt8(ascii: "c"):  // GLOBAL: "module\nname\n"
                let module = try line(), name = try line()
                try push(.global(try resolve(module: module, name: name)))
            case 0x93:  // STACK_GLOBAL
                let name = try pop(), module = try pop()
                guard case .string(let m) = module, case .string(let n) = name else {
                    throw fail("STACK_GLOBAL needs two strings, found \(module.kindDescription) and \(name.kindDescription)")
                }
                try push(.global(try resolve(module: m, name: n)))
            case UInt8(ascii: "Q"):  // BINPERSID
                try push(.storage(try persistentLoad(try pop())))
            case UInt8(ascii: "R"):  // REDUCE
                let arguments = try pop(), callable = try pop()
                try push(try reduce(callable, arguments))
            case UInt8(ascii: "b"):  // BUILD
                try build(state: try pop(), on: try peek())
            default:
                throw refused(opcode)
            }
        }
    }

    // MARK: reading bytes

    private mutating func byte() throws(LayerIOError) -> UInt8 {
        guard position < bytes.count else {
            throw fail("the pickle ends before its STOP opcode (truncated)")
        }
        defer { position += 1 }
        return bytes[position]
    }

    /// A little-endian unsigned integer of `width` bytes.
    private mutating func uint(_ width: Int) throws(LayerIOError) -> UInt64 {
        guard width <= bytes.count - position else {
            throw fail("the pickle ends inside an opcode's argument (truncated)")
        }
        var value: UInt64 = 0
        for i in (0..<width).reversed() { value = value << 8 | UInt64(bytes[position + i]) }
        position += width
        return value
    }

    private mutating func uintBigEndian(_ width: Int) throws(LayerIOError) -> UInt64 {
        guard width <= bytes.count - position else {
            throw fail("the pickle ends inside an opcode's argument (truncated)")
        }
        var value: UInt64 = 0
        for i in 0..<width { value = value << 8 | UInt64(bytes[position + i]) }
        position += width
        return value
    }

    /// A two's-complement little-endian integer of `byteCount` bytes (LONG1 / LONG4).
    private mutating func long(byteCount: Int) throws(LayerIOError) -> Int {
        guard byteCount <= bytes.count - position else {
            throw fail("the pickle ends inside an integer (truncated)")
        }
        guard byteCount > 0 else { return 0 }
        let negative = bytes[position + byteCount - 1] & 0x80 != 0
        if byteCount > 8 {
            // Fits 64 bits only when the bytes past the eighth merely repeat the sign.
            let fill: UInt8 = negative ? 0xFF : 0
            let fits = (bytes[position + 7] & 0x80 != 0) == negative
                && (8..<byteCount).allSatisfy { bytes[position + $0] == fill }
            guard fits else { throw fail("an integer of \(byteCount) bytes does not fit 64 bits") }
        }
        var value: UInt64 = negative ? ~0 : 0
        for i in (0..<min(byteCount, 8)).reversed() { value = value << 8 | UInt64(bytes[position + i]) }
        position += byteCount
        return Int(Int64(bitPattern: value))
    }

    private mutating func utf8(count: UInt64) throws(LayerIOError) -> String {
        guard count <= UInt64(bytes.count - position) else {
            throw fail("a string of \(count) bytes runs past the end of the pickle")
        }
        let n = Int(count)
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)])
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw fail("a string is not valid UTF-8")
        }
        position += n
        return text
    }

    /// A newline-terminated ASCII line (GLOBAL's arguments), at most 256 bytes.
    private mutating func line() throws(LayerIOError) -> String {
        let limit = min(bytes.count, position + 256)
        var end = position
        while end < limit, bytes[end] != 0x0A { end += 1 }
        guard end < limit else { throw fail("GLOBAL's module or name is not a line of at most 256 bytes") }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[position..<end])
        guard let text = String(validating: slice, as: UTF8.self) else { throw fail("GLOBAL's name is not valid UTF-8") }
        position = end + 1
        return text
    }

    // MARK: the stack

    private mutating func push(_ value: TorchPickleValue) throws(LayerIOError) {
        guard stack.count < Self.maxStackDepth else {
            throw fail("the pickle's stack grows past \(Self.maxStackDepth) values")
        }
        stack.append(value)
    }

    private mutating func pop() throws(LayerIOError) -> TorchPickleValue {
        guard let value = stack.last, stack.count > (marks.last ?? 0) else {
            throw fail("an opcode needs a value but the stack (above the last mark) is empty")
        }
        stack.removeLast()
        return value
    }

    private func peek() throws(LayerIOError) -> TorchPickleValue {
        guard let value = stack.last, stack.count > (marks.last ?? 0) else {
            throw fail("an opcode needs a value but the stack (above the last mark) is empty")
        }
        return value
    }

    /// The values above the last mark, oldest first; removes them and the mark.
    private mutating func popToMark() throws(LayerIOError) -> [TorchPickleValue] {
        guard let mark = marks.popLast() else { throw fail("an opcode needs a MARK but there is none") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private mutating func pushTuple(_ items: [TorchPickleValue]) throws(LayerIOError) {
        let tuple = TorchPickleTuple(items)
        try checkHeight(tuple.height)
        try push(.tuple(tuple))
    }

    private func checkHeight(_ height: Int) throws(LayerIOError) {
        guard height <= Self.maxNesting else {
            throw fail("containers nest deeper than \(Self.maxNesting) levels")
        }
    }

    private func topList(_ opcode: String) throws(LayerIOError) -> TorchPickleList {
        let top = try peek()
        guard case .list(let list) = top else { throw fail("\(opcode) needs a list, found \(top.kindDescription)") }
        return list
    }

    private func topDict(_ opcode: String) throws(LayerIOError) -> TorchPickleDict {
        let top = try peek()
        guard case .dict(let dict) = top else { throw fail("\(opcode) needs a dict, found \(top.kindDescription)") }
        return dict
    }

    private func append(_ item: TorchPickleValue, to list: TorchPickleList) throws(LayerIOError) {
        try checkHeight(item.height + 1)
        list.append(item)
    }

    /// Sets key/value pairs (`items` alternates them) into `dict`.
    private func setItems(_ items: [TorchPickleValue], into dict: TorchPickleDict) throws(LayerIOError) {
        guard items.count % 2 == 0 else { throw fail("SETITEMS has an odd number of keys and values") }
        var k = 0
        while k < items.count {
            let key: TorchPickleDict.Key
            switch items[k] {
            case .string(let s): key = .string(s)
            case .int(let i): key = .int(i)
            default: throw fail("a dict key is \(items[k].kindDescription); only str and int keys are read")
            }
            try checkHeight(items[k + 1].height + 1)
            dict.set(key, items[k + 1])
            k += 2
        }
    }

    // MARK: memo

    private mutating func put(_ index: Int) throws(LayerIOError) {
        let value = try peek()
        guard memo.count < memoLimit || memo[index] != nil else {
            throw fail("the pickle stores more than \(memoLimit) memo entries")
        }
        memo[index] = value
    }

    private mutating func get(_ index: Int) throws(LayerIOError) {
        guard let value = memo[index] else { throw fail("a memo reference to \(index), which was never stored") }
        try checkShareable(value, "a memo reference")
        try push(value)
    }

    /// Lists and dicts may not be reached twice (see the type's doc: it keeps values a tree).
    private func checkShareable(_ value: TorchPickleValue, _ what: String) throws(LayerIOError) {
        switch value {
        case .list, .dict:
            throw fail("\(what) fetches \(value.kindDescription) a second time; shared or self-containing lists and dicts are not read")
        default: return
        }
    }

    /// Names of the opcodes that are refused, for messages (pickletools' names).
    static let opcodeNames: [UInt8: String] = [
        UInt8(ascii: "i"): "INST", UInt8(ascii: "o"): "OBJ", 0x81: "NEWOBJ",
        0x92: "NEWOBJ_EX", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", UInt8(ascii: "P"): "PERSID",
        UInt8(ascii: "B"): "BINBYTES", UInt8(ascii: "C"): "SHORT_BINBYTES", 0x8e: "BINBYTES8",
        0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER", 0x8f: "EMPTY_SET",
        0x90: "ADDITEMS", 0x91: "FROZENSET", UInt8(ascii: "I"): "INT", UInt8(ascii: "L"): "LONG",
        UInt8(ascii: "S"): "STRING", UInt8(ascii: "T"): "BINSTRING", UInt8(ascii: "U"): "SHORT_BINSTRING",
        UInt8(ascii: "V"): "UNICODE", UInt8(ascii: "F"): "FLOAT", UInt8(ascii: "p"): "PUT", UInt8(ascii: "g"): "GET",
    ]
}
