import Foundation

/// A debugging aid: when `LAYERMAP_TRACE` names a file, the explorer appends one line per
/// effect performed and per engine event posted, with a timestamp. Off otherwise.
public final class Trace: @unchecked Sendable {
    // @unchecked: writes go through `lock`.
    public static let shared = Trace(path: ProcessInfo.processInfo.environment["LAYERMAP_TRACE"])
    private let lock = NSLock()
    private let handle: FileHandle?
    private let start = Date()

    init(path: String?) {
        guard let path, !path.isEmpty, FileManager.default.createFile(atPath: path, contents: nil) else {
            handle = nil
            return
        }
        handle = FileHandle(forWritingAtPath: path)
    }

    public var isOn: Bool { handle != nil }

    public func log(_ line: @autoclosure () -> String) {
        guard let handle else { return }
        let text = String(format: "%9.3f ", Date().timeIntervalSince(start)) + line() + "\n"
        lock.lock()
        handle.write(Data(text.utf8))
        lock.unlock()
    }
}
