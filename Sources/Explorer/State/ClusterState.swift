/// The clustered view (`C`): whether it is on, the order made for the grid shown, and the
/// last attempt that found the grid's shown cells not all known (so the O(cells) check runs
/// again only when more cells are known).
public struct ClusterState: Sendable, Equatable {
    /// Whether rows and columns are to be shown in clustered order.
    public internal(set) var isOn = false
    /// The order made for the grid shown (see `AppState.activeClusterOrder` for when it applies).
    public internal(set) var order: ClusterOrder?
    /// The grid, filter pattern and known-cell count of the last attempt that failed.
    var lastAttempt: Attempt?

    struct Attempt: Sendable, Equatable {
        var grid: GridKey
        var pattern: String?
        var known: Int
    }

    public init() {}
}
