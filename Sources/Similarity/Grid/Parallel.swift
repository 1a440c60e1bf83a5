import Foundation

/// Runs independent pieces of work on several threads while every BLAS and LAPACK call stays
/// single-threaded.
///
/// Why: OpenBLAS may round differently when it splits one call between threads, so a
/// number would depend on how many threads computed it, and the explorer (one worker) and
/// `layermap compute` (all cores) would disagree in the last digits. With single-threaded
/// BLAS and parallelism over whole layers and pairs instead, every result is the same
/// whatever the thread count, and two cores are still kept busy.
public enum Parallel {
    /// The worker threads to use: one per core.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for every i in 0..<count on up to `threads` threads (work is handed out
    /// one index at a time, so uneven items balance) and returns the results in index order.
    public static func map<T: Sendable>(_ count: Int, threads: Int = defaultThreads,
                                        _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let workers = max(1, min(threads, count))
        let box = Results<T>(count: count)
        if workers == 1 {
            for i in 0..<count { box.set(i, body(i)) }
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let i = box.nextIndex() { box.set(i, body(i)) }
            }
        }
        return box.values()
    }

    /// Results written by the workers, one slot each, and the next index to hand out.
    private final class Results<T: Sendable>: @unchecked Sendable {
        // @unchecked: every access goes through `lock`.
        private let lock = NSLock()
        private var slots: [T?]
        private var next = 0
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func nextIndex() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < slots.count else { return nil }
            defer { next += 1 }
            return next
        }
        func set(_ i: Int, _ v: T) { lock.lock(); slots[i] = v; lock.unlock() }
        func values() -> [T] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
    }
}
