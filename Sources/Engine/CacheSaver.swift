import Foundation
import Explorer
import LayerIO
import Similarity

/// Reads and writes the explorer's grids in the on-disk cache, on its own serial queue so the
/// UI never waits for a disk.
public struct CacheSaver: Sendable {
    public let cache: ResultCache
    let fingerprints: LayerFingerprints
    let options: MetricOptions
    private let queue = DispatchQueue(label: "layermap.cache")

    public init(cache: ResultCache, fingerprints: LayerFingerprints, options: MetricOptions) {
        self.cache = cache
        self.fingerprints = fingerprints
        self.options = options
    }

    /// The cache identity of a grid; `nil` when a layer could not be fingerprinted.
    public func identity(_ key: GridKey) -> ResultCache.GridIdentity? {
        guard let f = fingerprints.all() else { return nil }
        return ResultCache.GridIdentity(metric: key.metric, options: options,
                                        rowFingerprints: f[key.rowModel], colFingerprints: f[key.colModel])
    }

    /// What the disk holds for a grid (called on a worker thread).
    public func cached(_ key: GridKey) -> [GridPosition: PairOutcome] {
        identity(key).map(cache.load) ?? [:]
    }

    /// Stores a grid's known cells (as the UI holds them), in the background.
    public func save(_ key: GridKey, _ cells: [GridPosition: PairOutcome]) {
        queue.async {
            if let id = identity(key) { try? cache.store(cells, for: id) }
        }
    }

    /// Waits until every queued write has finished.
    public func wait() { queue.sync {} }
}
