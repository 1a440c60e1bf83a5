/// Everything that can go wrong while opening or reading activation files.
///
/// Every case carries the file path it concerns, the layer name when one is known, and a
/// human-readable detail. `description` is a single line meant for stderr, for example
///
///     samples/a.npz: layer "fc3": shape 500×64 needs 128000 bytes but the data holds 127996
///
/// The cases are coarse on purpose: callers (and tests) branch on *what kind* of problem it was,
/// while the detail says exactly what was found. Readers never trap on malformed input; they throw
/// one of these instead.
public enum LayerIOError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file or directory cannot be opened, stat'ed, mapped or listed.
    case unreadableFile(path: String, detail: String)
    /// The file does not start with the format's magic (`\x93NUMPY` for .npy).
    case badMagic(path: String, layer: String?, detail: String)
    /// The file ends before its header does.
    case truncatedHeader(path: String, layer: String?, detail: String)
    /// The declared header length exceeds the reader's cap (1 MiB for .npy, 100 MB for safetensors).
    case headerTooLarge(path: String, layer: String?, detail: String)
    /// The header is not the dict / JSON object the format prescribes, or has wrong keys or types.
    case malformedHeader(path: String, layer: String?, detail: String)
    /// The element type is not one of float16, bfloat16, float32, float64 (object arrays, ints, complex…).
    case unsupportedDType(path: String, layer: String?, detail: String)
    /// The data area is shorter or longer than shape × item size.
    case sizeMismatch(path: String, layer: String?, detail: String)
    /// Byte offsets point outside the file, or end before they begin.
    case offsetsOutOfRange(path: String, layer: String?, detail: String)
    /// A .npz file is not a zip archive that can be read (corrupt, truncated, encrypted, CRC error…).
    case unreadableZip(path: String, layer: String?, detail: String)
    /// A model has no layers at all.
    case emptyModel(path: String, detail: String)
    /// A layer's sample count N differs from the first model's; `path` is the offending model's.
    case sampleCountMismatch(path: String, layer: String?, detail: String)
    /// A layer's shape cannot become an N×D matrix: a 0-d scalar, zero samples or a zero-size axis.
    case badLayerShape(path: String, layer: String?, detail: String)
    /// Two models were given the same display name.
    case duplicateModelName(path: String, detail: String)
    /// A MODEL argument cannot be understood (empty name, missing path, unknown file kind…).
    case badModelSpec(path: String, detail: String)
    /// The `--mask` file is not an N×T array of 0/1 flags, marks no real token in a row, or does not
    /// line up with a layer (the detail names the row, value or layer).
    case badMask(path: String, detail: String)
    /// The `--labels` file is not a list of N integer class labels (the detail names the line
    /// or element, or the mismatch with the models).
    case badLabels(path: String, detail: String)
    /// `readRows` was asked for rows outside `0..<sampleCount`.
    case rowsOutOfRange(path: String, layer: String?, detail: String)

    /// The file (or directory, or MODEL argument) the error is about.
    public var path: String {
        switch self {
        case .unreadableFile(let path, _), .emptyModel(let path, _),
             .duplicateModelName(let path, _), .badModelSpec(let path, _),
             .badMask(let path, _), .badLabels(let path, _):
            return path
        case .badMagic(let path, _, _), .truncatedHeader(let path, _, _), .headerTooLarge(let path, _, _),
             .malformedHeader(let path, _, _), .unsupportedDType(let path, _, _), .sizeMismatch(let path, _, _),
             .offsetsOutOfRange(let path, _, _), .unreadableZip(let path, _, _),
             .sampleCountMismatch(let path, _, _), .badLayerShape(let path, _, _),
             .rowsOutOfRange(let path, _, _):
            return path
        }
    }

    /// The layer the error is about, when known.
    public var layer: String? {
        switch self {
        case .unreadableFile, .emptyModel, .duplicateModelName, .badModelSpec, .badMask, .badLabels:
            return nil
        case .badMagic(_, let layer, _), .truncatedHeader(_, let layer, _), .headerTooLarge(_, let layer, _),
             .malformedHeader(_, let layer, _), .unsupportedDType(_, let layer, _), .sizeMismatch(_, let layer, _),
             .offsetsOutOfRange(_, let layer, _), .unreadableZip(_, let layer, _),
             .sampleCountMismatch(_, let layer, _), .badLayerShape(_, let layer, _),
             .rowsOutOfRange(_, let layer, _):
            return layer
        }
    }

    /// What exactly was wrong, without the path and layer prefix.
    public var detail: String {
        switch self {
        case .unreadableFile(_, let detail), .emptyModel(_, let detail),
             .duplicateModelName(_, let detail), .badModelSpec(_, let detail),
             .badMask(_, let detail), .badLabels(_, let detail):
            return detail
        case .badMagic(_, _, let detail), .truncatedHeader(_, _, let detail), .headerTooLarge(_, _, let detail),
             .malformedHeader(_, _, let detail), .unsupportedDType(_, _, let detail), .sizeMismatch(_, _, let detail),
             .offsetsOutOfRange(_, _, let detail), .unreadableZip(_, _, let detail),
             .sampleCountMismatch(_, _, let detail), .badLayerShape(_, _, let detail),
             .rowsOutOfRange(_, _, let detail):
            return detail
        }
    }

    /// One line: `path: layer "name": detail`, or `path: detail` when no layer is known.
    /// Newlines in the parts are replaced by spaces so the message stays on one line.
    public var description: String {
        var parts = [path]
        if let layer { parts.append("layer \"\(layer)\"") }
        parts.append(detail)
        return parts.joined(separator: ": ").map { $0.isNewline ? " " : String($0) }.joined()
    }

    /// The same error attributed to `layer` (used when a header parser that knows no names fails).
    func attributed(to layer: String?) -> LayerIOError {
        guard let layer else { return self }
        switch self {
        case .badMagic(let p, _, let d): return .badMagic(path: p, layer: layer, detail: d)
        case .truncatedHeader(let p, _, let d): return .truncatedHeader(path: p, layer: layer, detail: d)
        case .headerTooLarge(let p, _, let d): return .headerTooLarge(path: p, layer: layer, detail: d)
        case .malformedHeader(let p, _, let d): return .malformedHeader(path: p, layer: layer, detail: d)
        case .unsupportedDType(let p, _, let d): return .unsupportedDType(path: p, layer: layer, detail: d)
        case .sizeMismatch(let p, _, let d): return .sizeMismatch(path: p, layer: layer, detail: d)
        case .offsetsOutOfRange(let p, _, let d): return .offsetsOutOfRange(path: p, layer: layer, detail: d)
        case .unreadableZip(let p, _, let d): return .unreadableZip(path: p, layer: layer, detail: d)
        case .sampleCountMismatch(let p, _, let d): return .sampleCountMismatch(path: p, layer: layer, detail: d)
        case .badLayerShape(let p, _, let d): return .badLayerShape(path: p, layer: layer, detail: d)
        case .rowsOutOfRange(let p, _, let d): return .rowsOutOfRange(path: p, layer: layer, detail: d)
        case .unreadableFile, .emptyModel, .duplicateModelName, .badModelSpec, .badMask, .badLabels: return self
        }
    }
}

/// Runs `body`, passing `LayerIOError`s through and wrapping anything else as `unreadableFile`.
/// Bridges closure APIs (`withUnsafeBytes`, ZIPFoundation) that throw untyped errors.
func rethrowingLayerIOErrors<T>(path: String, _ body: () throws -> T) throws(LayerIOError) -> T {
    do {
        return try body()
    } catch let error as LayerIOError {
        throw error
    } catch {
        throw .unreadableFile(path: path, detail: "\(error)")
    }
}
