import Similarity

/// What the UI knows about the background job of one grid, from the effects it emitted and
/// the progress messages that came back. Times are the tick times (seconds) current when
/// each message arrived, so the ETA never needs a clock inside `update` or `render`.
public struct JobStatus: Sendable, Equatable {
    public enum Phase: Sendable, Equatable {
        /// A compute effect was emitted and the job has not ended.
        case running
        /// The user asked to cancel; waiting for the engine to confirm.
        case cancelling
        /// The job stopped before it was done.
        case cancelled
        /// Every cell was delivered.
        case finished
    }

    public var phase: Phase
    /// Cells done out of the total, as the engine last reported (cache hits included).
    public var done: Int
    public var total: Int
    /// The first progress report of this run: (time, done). The rate is measured from here.
    public var origin: (time: Double, done: Int)?
    /// The latest progress report: (time, done).
    public var latest: (time: Double, done: Int)?

    public init(phase: Phase, done: Int, total: Int) {
        self.phase = phase
        self.done = done
        self.total = total
    }

    /// Records a progress report at time `now`.
    public mutating func record(done: Int, total: Int, now: Double) {
        self.done = done
        self.total = total
        if origin == nil { origin = (now, done) }
        latest = (now, done)
    }

    /// Seconds left at time `now`: the cells left divided by the rate since the first report,
    /// less the time since the latest report. `nil` until two reports at different times
    /// show progress.
    public func eta(now: Double) -> Double? {
        guard phase == .running, let o = origin, let l = latest, l.time > o.time, l.done > o.done else { return nil }
        let rate = Double(l.done - o.done) / (l.time - o.time)
        let left = Double(max(0, total - done)) / rate - max(0, now - l.time)
        return max(0, left)
    }

    public static func == (a: JobStatus, b: JobStatus) -> Bool {
        a.phase == b.phase && a.done == b.done && a.total == b.total
            && a.origin?.time == b.origin?.time && a.origin?.done == b.origin?.done
            && a.latest?.time == b.latest?.time && a.latest?.done == b.latest?.done
    }
}
