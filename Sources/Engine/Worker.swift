import Foundation
import Explorer
import Similarity

/// The one background worker every engine job runs on (grid, drill-down, seed baseline): a
/// thread at background priority, a cooperative cancel flag, and the posting of results as
/// `EngineEvent`s. Written once here; a job supplies only its body.
///
/// - `start(after:)` runs the body on a new thread (8 MiB stack), optionally after another
///   worker has returned, so a job that replaces another never runs beside it: the cores
///   and the memory budget are never shared by two jobs of the same kind.
/// - `cancel()` sets the flag; the body polls `isCancelled` between (and inside) its steps.
/// - `post` always delivers; `postUnlessCancelled` drops a late result of a cancelled job.
///
/// Results reach the UI only through `post`: a worker never touches UI state.
public final class Worker: @unchecked Sendable {
    // @unchecked: `cancelled` and `started` are guarded by `lock`; the rest is immutable.
    public let name: String
    private let sink: @Sendable (EngineEvent) -> Void
    private let lock = NSLock()
    private var cancelled = false
    private var started = false
    /// Signalled once the body has returned (then re-signalled by every waiter).
    private let finished = DispatchSemaphore(value: 0)

    /// - Parameters:
    ///   - name: the thread's name (`layermap.grid`, `layermap.drill`, …).
    ///   - post: receives every event; must be thread-safe (e.g. an inbox's `post`).
    public init(name: String, post: @escaping @Sendable (EngineEvent) -> Void) {
        self.name = name
        self.sink = post
    }

    /// Runs `body` on a new thread, after `previous` (when given) has returned. A worker
    /// starts once; a second call is a programming error.
    public func start(after previous: Worker? = nil, _ body: @escaping @Sendable () -> Void) {
        lock.lock()
        precondition(!started, "a Worker starts once")
        started = true
        lock.unlock()
        let t = Thread { [self] in
            previous?.waitUntilFinished()
            BackgroundPriority.lowerCurrentThread()
            body()
            finished.signal()
        }
        t.name = name
        t.stackSize = 8 << 20
        t.start()
    }

    /// Asks the body to stop at its next check.
    public func cancel() {
        lock.lock(); cancelled = true; lock.unlock()
    }

    public var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        return cancelled
    }

    /// Delivers an event.
    public func post(_ event: EngineEvent) { sink(event) }

    /// Delivers an event unless the worker was cancelled (its answer is no longer wanted).
    public func postUnlessCancelled(_ event: EngineEvent) {
        if !isCancelled { sink(event) }
    }

    /// Blocks until the body has returned (at once if it has). Must not be called before
    /// `start` by the thread that would start it.
    public func waitUntilFinished() {
        finished.wait()
        finished.signal()
    }
}
