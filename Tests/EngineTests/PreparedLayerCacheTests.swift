import Engine
import Similarity
import SimilarityTestSupport
import Testing

/// The prepared-layer cache keeps at most its bound in bytes, evicting the least recently used.
@Suite struct PreparedLayerCacheTests {
    static func layer(_ i: Int) -> GridLayer {
        GridLayer(id: "l\(i)", label: "layer \(i)", source: InMemoryActivations(SeededLayers.layer(50, 4, seed: UInt64(i + 1))))
    }

    @Test func theLeastRecentlyUsedEntryIsEvictedAtTheBound() {
        let measure = CKAMeasure(metric: .linearCKA, options: MetricOptions(), form: .features)
        let one = measure.preparedBytes(sampleCount: 50, width: 4)
        let cache = PreparedLayerCache(byteLimit: Int(2 * one))
        let a = Self.layer(0), b = Self.layer(1), c = Self.layer(2)
        _ = cache.prepared(a, for: measure)
        _ = cache.prepared(b, for: measure)
        _ = cache.prepared(a, for: measure)  // a is now the most recent
        _ = cache.prepared(c, for: measure)  // evicts b
        #expect(cache.contains(a, for: measure))
        #expect(!cache.contains(b, for: measure))
        #expect(cache.contains(c, for: measure))
        #expect(cache.heldBytes <= 2 * one)
    }

    @Test func anEntryLargerThanTheBoundIsHandedOutButNotKept() {
        let measure = CKAMeasure(metric: .linearCKA, options: MetricOptions(), form: .gram)
        let cache = PreparedLayerCache(byteLimit: 16)
        guard case .success = cache.prepared(Self.layer(0), for: measure) else { Issue.record("not prepared"); return }
        #expect(!cache.contains(Self.layer(0), for: measure))
        #expect(cache.heldBytes == 0)
    }

    @Test func anEvictedLayerIsPreparedAgainToTheSameValue() {
        let measure = CKAMeasure(metric: .linearCKA, options: MetricOptions(), form: .features)
        let cache = PreparedLayerCache(byteLimit: Int(measure.preparedBytes(sampleCount: 50, width: 4)))
        let evaluator = PairEvaluator(measure: measure, cache: cache)
        let first = evaluator.evaluate(Self.layer(0), Self.layer(1))
        let again = evaluator.evaluate(Self.layer(0), Self.layer(1))
        #expect(first == again)
        #expect(first == PairEvaluator(measure: measure, cache: PreparedLayerCache()).evaluate(Self.layer(0), Self.layer(1)))
    }
}
