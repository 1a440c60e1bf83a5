import Foundation

/// Writes files atomically: the bytes go to a temporary file in the destination's
/// directory, which is then renamed over the destination. A reader never sees a
/// half-written file, and an interrupted write leaves at most a stray temporary file
/// (named `.<name>.layermap-tmp-<random>`), never a truncated export.
public enum AtomicWriter {
    public enum WriteError: Error, CustomStringConvertible, Equatable {
        case cannotWrite(path: String, reason: String)
        public var description: String {
            switch self {
            case .cannotWrite(let p, let r): return "\(p): cannot write: \(r)"
            }
        }
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw .cannotWrite(path: path, reason: "directory \(dir.path) does not exist")
        }
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).layermap-tmp-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temp.path, contents: data) else {
            throw .cannotWrite(path: path, reason: "cannot create a file in \(dir.path)")
        }
        if rename(temp.path, url.path) != 0 {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw .cannotWrite(path: path, reason: why)
        }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }
}
