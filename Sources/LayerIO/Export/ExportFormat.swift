import Foundation

/// The formats a grid is written in, by their command-line and file-extension names: the one
/// list `compute --format`, `merge --format` and the explorer's `e` export share. The
/// encoders are in `ExportFormat+Encoding.swift`.
///
/// `pdf` is the heatmap figure as a vector PDF, written by `compute`, `merge` and `baseline`
/// (not yet offered by the explorer's export).
///
/// `text` is the aligned table for people that `compute` and `merge` write when asked
/// (`--format text`, or an output file ending in `.text`). It is no format of the explorer's
/// export, so `init?(path:)` refuses it and `fileFormats` and `listed` leave it out. The cases
/// are in the order `--help` lists them.
public enum ExportFormat: String, Sendable, Equatable, Hashable, CaseIterable {
    case json, csv, npy, svg, png, pdf, text

    /// The formats the explorer exports to, in the order it lists them: every case but `text`.
    public static let fileFormats: [ExportFormat] = [.csv, .json, .npy, .svg, .png]

    /// Whether the explorer's export writes this format to a file (`fileFormats`: all but
    /// `text` and `pdf`, which the command line writes).
    public var isFileFormat: Bool { Self.fileFormats.contains(self) }

    /// Whether the bytes are binary (not text for a terminal): `npy` and `png`.
    public var isBinary: Bool {
        switch self {
        case .npy, .png, .pdf: return true
        case .json, .csv, .svg, .text: return false
        }
    }

    /// The file format a path's extension names (case-insensitive), or `nil`; never `text`.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        guard let format = ExportFormat(rawValue: path[path.index(after: dot)...].lowercased()),
              format.isFileFormat else { return nil }
        self = format
    }

    /// The format `compute` and `merge` write: `explicit` when given, else the one the output
    /// file's extension names (any case, `text` included), else JSON.
    public static func resolved(_ explicit: ExportFormat?, output: String?) -> ExportFormat {
        if let explicit { return explicit }
        if let output, let f = ExportFormat(rawValue: URL(fileURLWithPath: output).pathExtension.lowercased()) {
            return f
        }
        return .json
    }

    /// ".csv, .json, .npy, .svg or .png": the file formats, for the explorer's messages.
    public static var listed: String {
        let names = fileFormats.map { "." + $0.rawValue }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
