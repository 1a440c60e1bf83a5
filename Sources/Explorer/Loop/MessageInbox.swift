import Foundation
import Similarity

/// A thread-safe queue of messages for the loop: engine workers and the effect performer
/// post results from any thread; the loop drains everything pending once per iteration.
/// Workers never touch the UI state, only this queue.
public final class MessageInbox: @unchecked Sendable {
    private let lock = NSLock()
    private var queue: [Msg] = []

    public init() {}

    /// Adds a message (any thread).
    public func post(_ msg: Msg) {
        lock.lock()
        queue.append(msg)
        lock.unlock()
    }

    /// Adds an engine report (any thread).
    public func post(_ event: EngineEvent) { post(.engine(event)) }

    /// Reports the end of an export: `error` is `nil` on success (any thread).
    public func postExportFinished(path: String, error: String?) { post(.exportFinished(path: path, error: error)) }

    /// Removes and returns every pending message, oldest first.
    public func drain() -> [Msg] {
        lock.lock()
        defer { lock.unlock() }
        let out = queue
        queue.removeAll(keepingCapacity: true)
        return out
    }

    /// The number of pending messages.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return queue.count
    }
}
