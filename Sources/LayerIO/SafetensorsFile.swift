import Foundation

/// Opening a .safetensors file: one layer per tensor.
///
/// Layout, per the safetensors README (github.com/huggingface/safetensors, "Format"):
///
///     8 bytes   N, the header size, unsigned little-endian
///     N bytes   a UTF-8 JSON object, possibly padded with trailing spaces:
///               { "name": {"dtype": "F32", "shape": [500, 64], "data_offsets": [begin, end]}, …,
///                 "__metadata__": {string: string} }   (optional; see below)
///     rest      the byte buffer; [begin, end) is relative to its start
///
/// Tensors are little-endian and C-ordered. Accepted dtypes: F16, BF16, F32, F64; anything else is
/// `unsupportedDType`. The header is capped at 100 MB, as in the reference implementation. Every
/// tensor must lie inside the byte buffer with end ≥ begin and end − begin = shape.product × itemsize;
/// overlapping tensors and holes are not rejected (the reference rejects them, but they cannot make
/// a read go out of bounds).
///
/// Layer order: the order `__metadata__` records under `"layermap.order"` (see `CaptureRecord`,
/// written by the capture helper), else natural name order. Other metadata is ignored.
enum SafetensorsFile {
    /// Largest accepted header, 100 MB, matching the reference implementation's `MAX_HEADER_SIZE`.
    static let maxHeaderLength = 100_000_000

    static func openLayers(path: String, modelName: String, reduce: ReducePolicy) throws(LayerIOError) -> [Layer] {
        try openModel(path: path, modelName: modelName, reduce: reduce).layers
    }

    /// The layers, in the recorded order when the file has one, and the capture record.
    static func openModel(path: String, modelName: String,
                          reduce: ReducePolicy) throws(LayerIOError) -> (layers: [Layer], record: CaptureRecord?) {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        guard bytes.count >= 8 else {
            throw .truncatedHeader(path: path, layer: nil,
                                   detail: "the file holds \(bytes.count) bytes, too few for the 8-byte header length")
        }
        var declared: UInt64 = 0
        for i in (0..<8).reversed() { declared = declared << 8 | UInt64(bytes[i]) }
        guard declared <= UInt64(maxHeaderLength) else {
            throw .headerTooLarge(path: path, layer: nil,
                                  detail: "the header claims \(declared) bytes; at most \(maxHeaderLength) are accepted")
        }
        let headerLength = Int(declared)
        let dataStart = 8 + headerLength
        guard dataStart <= bytes.count else {
            throw .truncatedHeader(path: path, layer: nil,
                                   detail: "the header needs \(dataStart) bytes but the file holds \(bytes.count)")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<dataStart])
        guard headerBytes.first == UInt8(ascii: "{") else {
            throw .malformedHeader(path: path, layer: nil, detail: "the header does not start with '{'")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(headerBytes))
        } catch {
            throw .malformedHeader(path: path, layer: nil, detail: "the header is not valid JSON: \(error.localizedDescription)")
        }
        guard let entries = object as? [String: Any] else {
            throw .malformedHeader(path: path, layer: nil, detail: "the header is not a JSON object")
        }
        if let name = JSONObjectKeys.firstDuplicate(headerBytes) {
            throw .malformedHeader(path: path, layer: name, detail: "the header lists this tensor more than once")
        }
        let dataLength = bytes.count - dataStart
        let record = try CaptureRecord.parse(entries["__metadata__"], path: path)

        var tensors: [(name: String, begin: Int, header: TensorHeader, count: Int)] = []
        for (name, value) in entries where name != "__metadata__" {
            let (header, begin, end) = try parseEntry(name: name, value: value, path: path)
            guard end >= begin else {
                throw .offsetsOutOfRange(path: path, layer: name, detail: "data_offsets [\(begin), \(end)] end before they begin")
            }
            guard end <= dataLength else {
                throw .offsetsOutOfRange(path: path, layer: name,
                                         detail: "data_offsets [\(begin), \(end)] exceed the \(dataLength)-byte data area")
            }
            let count = try header.validatedByteCount(available: end - begin, path: path, layer: name)
            tensors.append((name, begin, header, count))
        }
        // Natural name order (`h.2` before `h.10`), as for directories: writers lay tensors out
        // by dtype and plain name order (`h.0, h.1, h.10, …`), so the data offsets say nothing
        // of the network's order.
        tensors.sort { NaturalSort.areInIncreasingOrder($0.name, $1.name) }
        if let record { tensors = try record.ordered(tensors, name: { $0.name }, path: path) }
        var layers: [Layer] = []
        for t in tensors {
            guard let slice = MappedSlice(file: file, offset: dataStart + t.begin, count: t.count) else {
                throw .offsetsOutOfRange(path: path, layer: t.name, detail: "the tensor lies outside the file")
            }
            layers.append(try Layer(modelName: modelName, name: t.name, path: path, header: t.header,
                                    reduce: reduce, data: slice))
        }
        return (layers, record)
    }

    /// Reads one tensor entry: its dtype, shape and [begin, end) offsets.
    private static func parseEntry(name: String, value: Any, path: String) throws(LayerIOError) -> (TensorHeader, Int, Int) {
        func malformed(_ detail: String) -> LayerIOError { .malformedHeader(path: path, layer: name, detail: detail) }
        guard let info = value as? [String: Any] else { throw malformed("the entry is not a JSON object") }
        guard let dtype = info["dtype"] as? String else { throw malformed("\"dtype\" is missing or not a string") }
        guard let shapeValues = info["shape"] as? [Any] else { throw malformed("\"shape\" is missing or not an array") }
        guard let offsetValues = info["data_offsets"] as? [Any], offsetValues.count == 2 else {
            throw malformed("\"data_offsets\" is missing or not a [begin, end] pair")
        }
        var shape: [Int] = []
        for v in shapeValues {
            guard let n = jsonInteger(v), n >= 0 else { throw malformed("\"shape\" holds \(v), not a non-negative integer") }
            shape.append(n)
        }
        guard let begin = jsonInteger(offsetValues[0]), let end = jsonInteger(offsetValues[1]) else {
            throw malformed("\"data_offsets\" holds something other than integers")
        }
        guard begin >= 0, end >= 0 else {
            throw .offsetsOutOfRange(path: path, layer: name, detail: "data_offsets [\(begin), \(end)] are negative")
        }
        let kind: ScalarKind
        switch dtype {
        case "F16": kind = .float16
        case "BF16": kind = .bfloat16
        case "F32": kind = .float32
        case "F64": kind = .float64
        default:
            throw .unsupportedDType(path: path, layer: name, detail: "dtype \(dtype) is not supported; supported: F16 BF16 F32 F64")
        }
        return (TensorHeader(elementType: ElementType(kind), shape: shape, isFortranOrder: false), begin, end)
    }

    /// A JSON number that was written as an integer and fits `Int`; nil for floats, booleans,
    /// strings and out-of-range values.
    private static func jsonInteger(_ value: Any) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        let type = String(cString: number.objCType)
        // "c" is how Foundation tags booleans; "d"/"f" are non-integral JSON numbers.
        guard ["s", "i", "l", "q", "S", "I", "L", "Q"].contains(type) else { return nil }
        return number as? Int
    }
}
