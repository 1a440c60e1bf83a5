import Foundation

/// Per-layer prepared state (centred kernels and the like), computed once and shared by
/// every pair and every job that needs it. Thread-safe; a failure is cached too, so a bad
/// layer is read and reported once.
public final class PreparedLayerCache: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private var entries: [Key: Result<any Sendable, SimilarityError>] = [:]

    private struct Key: Hashable {
        let layer: String
        let preparation: String
    }

    public init() {}

    /// The layer's state for `measure`, preparing it on first use.
    /// Two threads asking for the same key at once may both prepare it; the first stored wins.
    public func prepared(_ layer: GridLayer, for measure: any PairMeasure) -> Result<any Sendable, SimilarityError> {
        BLAS.useSingleThread()
        let key = Key(layer: layer.id, preparation: measure.preparationKey)
        lock.lock()
        if let hit = entries[key] { lock.unlock(); return hit }
        lock.unlock()
        let result: Result<any Sendable, SimilarityError>
        do {
            result = .success(try measure.prepare(source: layer.source))
        } catch let e as SimilarityError {
            result = .failure(e)
        } catch {
            result = .failure(.unreadable("\(error)"))
        }
        lock.lock()
        defer { lock.unlock() }
        if let raced = entries[key] { return raced }
        entries[key] = result
        return result
    }

    /// Whether the state for this layer and measure is already prepared.
    public func contains(_ layer: GridLayer, for measure: any PairMeasure) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return entries[Key(layer: layer.id, preparation: measure.preparationKey)] != nil
    }

    /// Drops every entry (e.g. under memory pressure).
    public func removeAll() {
        lock.lock()
        entries.removeAll()
        lock.unlock()
    }
}
