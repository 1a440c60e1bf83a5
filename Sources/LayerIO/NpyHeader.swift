import Foundation

/// Parser for the header of a .npy file (format versions 1.0, 2.0 and 3.0).
///
/// Layout, per the docstring of numpy's `lib/format.py` (`numpy.lib.format`):
///
///     offset 0   6 bytes   magic "\x93NUMPY"
///     offset 6   1 byte    major version (1, 2 or 3)
///     offset 7   1 byte    minor version (0)
///     offset 8   2 bytes   header length HLEN, little-endian (version 1.0)
///                4 bytes   header length HLEN, little-endian (versions 2.0 and 3.0)
///     then       HLEN      header: an ASCII/latin-1 (1.0, 2.0) or UTF-8 (3.0) Python dict literal
///                          with exactly the keys 'descr', 'fortran_order' and 'shape',
///                          padded with spaces and ended by '\n'
///     then                 the raw array data, shape.product × itemsize bytes
///
/// Only float descriptors `<f2 <f4 <f8 >f2 >f4 >f8` are accepted; everything else
/// (object arrays `|O`, integers, complex, structured dtypes, `|` on floats) is an
/// `unsupportedDType` error.
enum NpyHeader {
    /// The magic string every .npy file starts with.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
    /// Largest header accepted. numpy itself refuses headers over 10 000 bytes unless told otherwise;
    /// 1 MiB leaves room for hand-written files while bounding what a hostile file can make us parse.
    static let maxHeaderLength = 1 << 20

    /// Result of parsing: the array description and where its data starts.
    struct Parsed: Equatable {
        var tensor: TensorHeader
        /// Offset of the first data byte from the start of the .npy bytes.
        var dataOffset: Int
    }

    /// How many leading bytes are needed before `parse` can succeed, given the first bytes seen so
    /// far: 12 while the prefix is incomplete, then prefix + HLEN. Lets the .npz reader stream just
    /// enough of a compressed member. Throws for bad magic or an over-long header.
    static func requiredPrefixLength(_ bytes: UnsafeRawBufferPointer, path: String, layer: String?) throws(LayerIOError) -> Int {
        guard bytes.count >= 12 else { return 12 }
        let (prefix, headerLength) = try readPrefix(bytes, path: path, layer: layer)
        return prefix + headerLength  // both bounded, cannot overflow
    }

    /// Parses the header at the start of `bytes` (a whole .npy file, or at least its header).
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String, layer: String?) throws(LayerIOError) -> Parsed {
        let (text, end) = try headerText(bytes, path: path, layer: layer)
        let tensor = try parseDict(text, path: path, layer: layer)
        return Parsed(tensor: tensor, dataOffset: end)
    }

    /// The header dict's text and the offset where the data starts (after checking magic,
    /// version and length).
    static func headerText(_ bytes: UnsafeRawBufferPointer, path: String, layer: String?) throws(LayerIOError) -> (text: String, dataOffset: Int) {
        let (prefix, headerLength) = try readPrefix(bytes, path: path, layer: layer)
        let end = prefix + headerLength
        guard bytes.count >= end else {
            throw .truncatedHeader(path: path, layer: layer,
                                   detail: "the header needs \(end) bytes but the file holds \(bytes.count)")
        }
        let major = bytes[6]
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[prefix..<end])
        let text: String
        if major == 3 {
            guard let decoded = String(validating: headerBytes, as: UTF8.self) else {
                throw .malformedHeader(path: path, layer: layer, detail: "the version 3.0 header is not valid UTF-8")
            }
            text = decoded
        } else {
            // Versions 1.0 and 2.0 are latin-1: every byte is one scalar.
            text = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))
        }
        return (text, end)
    }

    /// Checks magic and version; returns (prefix length, header length).
    private static func readPrefix(_ bytes: UnsafeRawBufferPointer, path: String, layer: String?) throws(LayerIOError) -> (Int, Int) {
        let magicCount = magic.count
        guard bytes.count >= magicCount else {
            if bytes.elementsEqual(magic.prefix(bytes.count)) {
                throw .truncatedHeader(path: path, layer: layer,
                                       detail: "the file holds \(bytes.count) bytes, too few for the .npy magic")
            }
            throw .badMagic(path: path, layer: layer, detail: "not a .npy file (it does not start with \\x93NUMPY)")
        }
        guard bytes.prefix(magicCount).elementsEqual(magic) else {
            throw .badMagic(path: path, layer: layer, detail: "not a .npy file (it does not start with \\x93NUMPY)")
        }
        guard bytes.count >= 8 else {
            throw .truncatedHeader(path: path, layer: layer, detail: "the file ends inside the version bytes")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthBytes: Int
        switch (major, minor) {
        case (1, 0): lengthBytes = 2
        case (2, 0), (3, 0): lengthBytes = 4
        default:
            throw .malformedHeader(path: path, layer: layer,
                                   detail: "unsupported .npy format version \(major).\(minor) (known: 1.0, 2.0, 3.0)")
        }
        let prefix = 8 + lengthBytes
        guard bytes.count >= prefix else {
            throw .truncatedHeader(path: path, layer: layer, detail: "the file ends inside the header-length field")
        }
        var headerLength = 0
        for i in (0..<lengthBytes).reversed() {
            headerLength = headerLength << 8 | Int(bytes[8 + i])
        }
        guard headerLength <= maxHeaderLength else {
            throw .headerTooLarge(path: path, layer: layer,
                                  detail: "the header claims \(headerLength) bytes; at most \(maxHeaderLength) are accepted")
        }
        return (prefix, headerLength)
    }

    /// Interprets the header dict.
    static func parseDict(_ text: String, path: String, layer: String?) throws(LayerIOError) -> TensorHeader {
        let fields = try parseFields(text, path: path, layer: layer)
        let elementType = try parseDescr(fields.descr, path: path, layer: layer)
        return TensorHeader(elementType: elementType, shape: fields.shape, isFortranOrder: fields.isFortranOrder)
    }

    /// The header dict's three keys, checked but with `descr` left uninterpreted (a token mask
    /// reads bool and integer arrays, which layers do not accept).
    static func parseFields(_ text: String, path: String, layer: String?) throws(LayerIOError) -> (descr: PythonLiteral, isFortranOrder: Bool, shape: [Int]) {
        let literal: PythonLiteral
        do {
            literal = try PythonLiteralParser.parse(text)
        } catch {
            throw .malformedHeader(path: path, layer: layer, detail: "header is not a Python dict literal: \(error.message)")
        }
        guard case .dict(let pairs) = literal else {
            throw .malformedHeader(path: path, layer: layer, detail: "header is \(literal.typeName), not a dict")
        }
        var descr: PythonLiteral?, fortran: PythonLiteral?, shape: PythonLiteral?
        for (key, value) in pairs {
            guard case .string(let name) = key else {
                throw .malformedHeader(path: path, layer: layer, detail: "header key is \(key.typeName), not a string")
            }
            switch name {
            case "descr" where descr == nil: descr = value
            case "fortran_order" where fortran == nil: fortran = value
            case "shape" where shape == nil: shape = value
            case "descr", "fortran_order", "shape":
                throw .malformedHeader(path: path, layer: layer, detail: "header repeats the key '\(name)'")
            default:
                throw .malformedHeader(path: path, layer: layer, detail: "header has the unexpected key '\(name)'")
            }
        }
        guard let descr, let fortran, let shape else {
            let missing = [("descr", descr), ("fortran_order", fortran), ("shape", shape)]
                .filter { $0.1 == nil }.map { "'\($0.0)'" }.joined(separator: ", ")
            throw .malformedHeader(path: path, layer: layer, detail: "header lacks \(missing)")
        }
        guard case .bool(let isFortran) = fortran else {
            throw .malformedHeader(path: path, layer: layer,
                                   detail: "'fortran_order' is \(fortran.typeName), not True or False")
        }
        guard case .tuple(let dims) = shape else {
            throw .malformedHeader(path: path, layer: layer, detail: "'shape' is \(shape.typeName), not a tuple")
        }
        var dimensions: [Int] = []
        for dim in dims {
            guard case .integer(let n) = dim else {
                throw .malformedHeader(path: path, layer: layer, detail: "'shape' holds \(dim.typeName), not an integer")
            }
            dimensions.append(n)
        }
        return (descr, isFortran, dimensions)
    }

    /// Maps a numpy type descriptor to an element type: `<f4` → float32 little-endian, etc.
    static func parseDescr(_ descr: PythonLiteral, path: String, layer: String?) throws(LayerIOError) -> ElementType {
        guard case .string(let code) = descr else {
            throw .unsupportedDType(path: path, layer: layer,
                                    detail: "structured dtype (descr is \(descr.typeName)); only float arrays are supported")
        }
        let scalars = Array(code.unicodeScalars)
        let unsupported = { (why: String) -> LayerIOError in
            .unsupportedDType(path: path, layer: layer,
                              detail: "dtype '\(code)' \(why); supported: <f2 <f4 <f8 >f2 >f4 >f8")
        }
        guard scalars.count >= 2 else { throw unsupported("is not a numpy type code") }
        let order = scalars[0], kind = scalars[1]
        let size = String(String.UnicodeScalarView(scalars.dropFirst(2)))
        switch kind {
        case "O": throw unsupported("is an object array (pickled Python objects)")
        case "i", "u": throw unsupported("is an integer type")
        case "b": throw unsupported("is a boolean type")
        case "c": throw unsupported("is a complex type")
        case "f": break
        default: throw unsupported("is not a floating-point type")
        }
        let bigEndian: Bool
        switch order {
        case "<": bigEndian = false
        case ">": bigEndian = true
        case "|": throw unsupported("has no byte order ('|'), which is invalid for floats")
        default: throw unsupported("has an unknown byte-order mark")
        }
        switch size {
        case "2": return ElementType(.float16, bigEndian: bigEndian)
        case "4": return ElementType(.float32, bigEndian: bigEndian)
        case "8": return ElementType(.float64, bigEndian: bigEndian)
        default: throw unsupported("has an unsupported float size")
        }
    }
}
