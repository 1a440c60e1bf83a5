import Foundation

/// Background computation yields the CPU to the interactive thread. The explorer's grid,
/// drill-down and baseline workers call `lowerCurrentThread()` first: on two cores, a burst
/// of Tab or `m` presses leaves several cancelled jobs finishing their current cell next to
/// the new one, and at equal priority the UI thread waited its turn behind them for tens of
/// milliseconds per frame. At nice 10 a worker has about a tenth of the UI thread's weight,
/// so the UI (and the terminal emulator) run as soon as they wake. Results are unchanged:
/// only the scheduling order is.
public enum BackgroundPriority {
    /// The nice value of background workers (0 is normal, 19 the lowest).
    public static let niceValue: Int32 = 10

    /// Lowers the calling thread's scheduling priority (Linux: nice is per thread, so only
    /// this thread changes; elsewhere the thread's quality of service is lowered).
    public static func lowerCurrentThread() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceValue)
        #else
        Thread.current.qualityOfService = .utility
        #endif
    }
}
