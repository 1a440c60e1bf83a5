import Foundation
import Similarity

/// Per-layer prepared state (centred kernels and the like), computed once and shared by
/// every pair and every job that needs it: per-layer preparations, never results. Thread-safe;
/// a failure is cached too, so a bad layer is read and reported once.
///
/// Bounded in bytes: each entry counts its measure's `preparedBytes` estimate for the
/// layer's shape, and when a new entry would take the total over `byteLimit` the least
/// recently used entries are evicted first (LRU; a later request prepares them again). An
/// entry larger than the whole bound is handed out but not kept. Cached failures count 0.
public final class PreparedLayerCache: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var bytes = 0.0
    /// Bytes of preparations under way (room already made for them).
    private var reserved = 0.0
    private var clock: UInt64 = 0
    /// The most the kept entries may take, in bytes.
    public let byteLimit: Int

    private struct Key: Hashable {
        let layer: String
        let preparation: String
    }

    private struct Entry {
        let result: Result<any Sendable, SimilarityError>
        let bytes: Double
        var lastUse: UInt64
    }

    /// - Parameter byteLimit: the bound, usually `MemoryPlan.cacheBytes` (unbounded by default).
    public init(byteLimit: Int = Int.max) {
        self.byteLimit = byteLimit
    }

    /// The layer's state for `measure`, preparing it on first use (or after its eviction).
    /// Two threads asking for the same key at once may both prepare it; the first stored wins.
    public func prepared(_ layer: GridLayer, for measure: any PairMeasure) -> Result<any Sendable, SimilarityError> {
        BLAS.useSingleThread()
        let key = Key(layer: layer.id, preparation: measure.preparationKey)
        let size = measure.preparedBytes(source: layer.source)
        let keep = size <= Double(byteLimit)
        lock.lock()
        if let hit = entries[key] {
            clock += 1
            entries[key]!.lastUse = clock
            lock.unlock()
            return hit.result
        }
        // Make room before preparing: the preparation's peak is what `size` estimates, and
        // preparations under way on other threads keep their room.
        if keep { evict(toFit: size); reserved += size }
        lock.unlock()
        let result: Result<any Sendable, SimilarityError>
        do {
            result = .success(try measure.prepare(source: layer.source))
        } catch let e as SimilarityError {
            result = .failure(e)
        } catch {
            result = .failure(.unreadable("\(error)"))
        }
        let held: Double
        if case .success = result { held = size } else { held = 0 }
        lock.lock()
        defer { lock.unlock() }
        if keep { reserved -= size }
        if let raced = entries[key] { return raced.result }
        guard keep else { return result }
        evict(toFit: held)
        clock += 1
        entries[key] = Entry(result: result, bytes: held, lastUse: clock)
        bytes += held
        return result
    }

    /// Drops least recently used entries until `size` more bytes fit. Caller holds `lock`.
    /// - Complexity: O(entries · evicted); a grid's cache holds tens of entries.
    private func evict(toFit size: Double) {
        while bytes + reserved + size > Double(byteLimit), let victim = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            bytes -= victim.value.bytes
            entries[victim.key] = nil
        }
    }

    /// Whether the state for this layer and measure is held now.
    public func contains(_ layer: GridLayer, for measure: any PairMeasure) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return entries[Key(layer: layer.id, preparation: measure.preparationKey)] != nil
    }

    /// The bytes the kept entries are estimated to take.
    public var heldBytes: Double {
        lock.lock(); defer { lock.unlock() }
        return bytes
    }

    /// Drops every entry: the pair loop (`PairReport.measures`) empties its cache when the
    /// next measure would not fit beside what it keeps; the byte bound evicts on its own.
    public func removeAll() {
        lock.lock()
        entries.removeAll()
        bytes = 0
        lock.unlock()
    }
}
