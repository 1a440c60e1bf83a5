import Foundation
import Similarity

/// Reads `--labels FILE`: the class labels of the N inputs, for `stitch`.
///
/// Two forms, told apart by the .npy magic bytes:
/// - a `.npy` of N labels (shape (N,), or (N, 1)): bool, signed or unsigned integers of 1–8
///   bytes, or float32/float64 whose values are integers (a float such as 2.5 or NaN is an
///   error naming its element);
/// - text, one sample per line in sample order: `row_index label` (the label is the second
///   column, as in `samples/heldout.txt`) or just `label`. Blank lines and `#` comments are
///   skipped; a line with other content or more than two fields is an error naming it.
///
/// The labels are not checked against the models here (`ClassLabels.problem(sampleCount:)`
/// does that once N is known).
public enum ClassLabelsFile {
    /// The largest file read (text or .npy): 1 GiB.
    static let byteLimit = 1 << 30

    /// - Throws: `LayerIOError.badLabels` with the line or element; the .npy reader's errors.
    public static func read(path: String) throws(LayerIOError) -> ClassLabels {
        let data = try RegularFile.read(path: path, limit: byteLimit)
        if data.starts(with: [0x93] + Array("NUMPY".utf8)) { return try npy(path: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badLabels(path: path, detail: "is neither a .npy file nor UTF-8 text")
        }
        return try parse(text: text, path: path)
    }

    /// The labels of a text file's contents (see the type).
    public static func parse(text: String, path: String) throws(LayerIOError) -> ClassLabels {
        var values: [Int] = []
        var columns: Int? = nil
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count <= 2, let label = Int(fields[fields.count - 1]), fields.count == 1 || Int(fields[0]) != nil else {
                throw .badLabels(path: path, detail: "line \(number + 1) is \"\(line.trimmingCharacters(in: .whitespaces))\"; "
                                 + "expected an integer label, or a row index and an integer label")
            }
            if let c = columns, c != fields.count {
                throw .badLabels(path: path, detail: "line \(number + 1) has \(fields.count) field\(fields.count == 1 ? "" : "s") while earlier lines have \(c)")
            }
            columns = fields.count
            values.append(label)
        }
        guard !values.isEmpty else { throw .badLabels(path: path, detail: "holds no labels") }
        return ClassLabels(values, source: path)
    }

    static func npy(path: String) throws(LayerIOError) -> ClassLabels {
        let file = try MappedFile(path: path)
        let (text, dataOffset) = try NpyHeader.headerText(file.bytes, path: path, layer: nil)
        let fields = try NpyHeader.parseFields(text, path: path, layer: nil)
        let shape = fields.shape
        guard shape.count == 1 || (shape.count == 2 && shape[1] == 1) else {
            throw .badLabels(path: path, detail: "labels are a vector of N integers, but this array has shape (\(shape.map(String.init).joined(separator: ", ")))")
        }
        let n = shape[0]
        guard n > 0 else { throw .badLabels(path: path, detail: "holds no labels") }
        guard case .string(let descr) = fields.descr, let kind = MaskElement(descr: descr) else {
            throw .badLabels(path: path, detail: "its dtype is not integer, bool or float")
        }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: kind.size)
        guard !overflow, file.size - dataOffset == bytes else {
            throw .sizeMismatch(path: path, layer: nil, detail: "\(n) labels of \(kind.size) bytes need \(bytes) data bytes but the file holds \(file.size - dataOffset)")
        }
        guard let base = file.bytes.baseAddress else { throw .badLabels(path: path, detail: "the file is empty") }
        var values: [Int] = []
        values.reserveCapacity(n)
        for i in 0..<n {
            let v = kind.value(at: base + dataOffset + i * kind.size)
            guard v.isFinite, v == v.rounded(), abs(v) < 9.007_199_254_740_992e15 else {
                throw .badLabels(path: path, detail: "element \(i) is \(v), not an integer class label")
            }
            values.append(Int(v))
        }
        if file.wasTruncated { throw .unreadableFile(path: path, detail: "the file was truncated while it was read") }
        return ClassLabels(values, source: path)
    }
}
