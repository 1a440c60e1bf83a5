import Foundation
import Similarity

/// Every cell outcome delivered to the UI in this session, by grid, recorded on the way to
/// the inbox. The performer uses it to skip known cells when a grid's job restarts, to
/// write exports, and to fill the disk cache. Thread-safe: jobs record from their threads.
final class CellStore: @unchecked Sendable {
    // @unchecked: `grids` is guarded by `lock`.
    private let lock = NSLock()
    private var grids: [GridKey: [GridPosition: PairOutcome]] = [:]

    func record(_ key: CellKey, _ outcome: PairOutcome) {
        lock.lock()
        grids[key.grid, default: [:]][GridPosition(row: key.row, col: key.col)] = outcome
        lock.unlock()
    }

    /// The outcomes known for `grid`.
    func cells(of grid: GridKey) -> [GridPosition: PairOutcome] {
        lock.lock()
        defer { lock.unlock() }
        return grids[grid] ?? [:]
    }

    /// Every grid with at least one known cell.
    var gridKeys: [GridKey] {
        lock.lock()
        defer { lock.unlock() }
        return Array(grids.keys)
    }
}
