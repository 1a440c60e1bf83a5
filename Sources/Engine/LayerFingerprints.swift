import Foundation
import Similarity
import LayerIO

/// Content fingerprints of every layer, computed once, on first use, by whichever thread asks
/// first (the others wait). They key the disk cache; computing them reads all the data, so
/// it happens on a worker thread, never before the first frame.
public final class LayerFingerprints: @unchecked Sendable {
    // @unchecked: `value` is written once under `lock`.
    private let lock = NSLock()
    private var value: [[String]]?
    private let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// `fingerprints[model][layer]`, or `nil` if a layer could not be read (then nothing is cached).
    public func all() -> [[String]]? {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let computed = try? catalog.models.map { model in try model.layers.map { try $0.fingerprint() } }
        value = computed ?? []
        return computed
    }
}
