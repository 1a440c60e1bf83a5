import Foundation
import Testing
@testable import LayerIO
import Similarity

/// The on-disk cache returns what was stored for the same inputs, and nothing otherwise.
@Suite struct ResultCacheTests {
    static let identity = ResultCache.GridIdentity(
        metric: .linearCKA, options: MetricOptions(),
        rowFingerprints: ["00000000000000a1", "00000000000000a2"], colFingerprints: ["00000000000000b1"])

    @Test func storesAndLoadsCells() throws {
        try withTemporaryDirectory { dir in
            let cache = ResultCache(directory: dir.path + "/cache")
            let cells: [GridPosition: PairOutcome] = [
                GridPosition(row: 0, col: 0): PairOutcome(value: .value(0.8731)),
                GridPosition(row: 1, col: 0): PairOutcome(value: .undefined(reason: "the row layer is constant"),
                                                          extras: ["dead_x": 3]),
            ]
            try cache.store(cells, for: Self.identity)
            #expect(cache.load(Self.identity) == cells)
        }
    }

    @Test func storeMergesWithEarlierCells() throws {
        try withTemporaryDirectory { dir in
            let cache = ResultCache(directory: dir.path)
            try cache.store([GridPosition(row: 0, col: 0): PairOutcome(value: .value(1))], for: Self.identity)
            try cache.store([GridPosition(row: 1, col: 0): PairOutcome(value: .value(0.5))], for: Self.identity)
            #expect(cache.load(Self.identity).count == 2)
        }
    }

    @Test func differentInputsOrOptionsMiss() throws {
        try withTemporaryDirectory { dir in
            let cache = ResultCache(directory: dir.path)
            try cache.store([GridPosition(row: 0, col: 0): PairOutcome(value: .value(1))], for: Self.identity)
            var other = Self.identity
            other.rowFingerprints[1] = "00000000000000ff"
            #expect(cache.load(other).isEmpty)
            other = Self.identity
            other.options.rbfFraction = 0.4
            #expect(cache.load(other).isEmpty)
            other = Self.identity
            other.metric = .debiasedCKA
            #expect(cache.load(other).isEmpty)
        }
    }

    @Test func corruptFilesAreIgnored() throws {
        try withTemporaryDirectory { dir in
            let cache = ResultCache(directory: dir.path)
            try cache.store([GridPosition(row: 0, col: 0): PairOutcome(value: .value(1))], for: Self.identity)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                try Data("{not json".utf8).write(to: URL(fileURLWithPath: dir.path + "/" + name))
            }
            #expect(cache.load(Self.identity).isEmpty)
        }
    }

    @Test func defaultDirectoryFollowsTheEnvironment() {
        #expect(ResultCache.defaultDirectory(environment: ["LAYERMAP_CACHE_DIR": "/c", "HOME": "/h"]) == "/c")
        #expect(ResultCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]) == "/x/layermap")
        #expect(ResultCache.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.cache/layermap")
    }
}
