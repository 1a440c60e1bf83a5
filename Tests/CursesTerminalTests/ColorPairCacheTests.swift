import Testing
@testable import CursesTerminal

@Suite("Colour-pair cache")
struct ColorPairCacheTests {
    func key(_ fg: Int32, _ bg: Int32) -> ColorPairKey { ColorPairKey(foreground: fg, background: bg) }

    @Test("default on default is pair 0 and never allocated")
    func defaultPair() {
        var cache = ColorPairCache(capacity: 2)
        #expect(cache.acquire(key(-1, -1)) == .existing(0))
        #expect(cache.acquire(key(1, -1)) == .new(1, replacing: nil))
        #expect(cache.acquire(key(-1, 2)) == .new(2, replacing: nil))
    }

    @Test("the same colours reuse their pair without redefining it")
    func reuse() {
        var cache = ColorPairCache(capacity: 8)
        #expect(cache.acquire(key(1, 2)) == .new(1, replacing: nil))
        #expect(cache.acquire(key(3, 4)) == .new(2, replacing: nil))
        #expect(cache.acquire(key(1, 2)) == .existing(1))
        #expect(cache.referenceCount(of: 1) == 2)
        cache.release(1)
        cache.release(1)
        // Idle but still defined: taking it again needs no init_extended_pair.
        #expect(cache.acquire(key(1, 2)) == .existing(1))
    }

    @Test("when full, the least recently idled pair is recycled; pairs on screen never are")
    func eviction() {
        var cache = ColorPairCache(capacity: 3)
        _ = cache.acquire(key(1, 0))  // pair 1
        _ = cache.acquire(key(2, 0))  // pair 2
        _ = cache.acquire(key(3, 0))  // pair 3
        cache.release(2)              // idle: 2
        cache.release(1)              // idle: 2, 1
        #expect(cache.acquire(key(4, 0)) == .new(2, replacing: key(2, 0)))
        #expect(cache.pair(for: key(2, 0)) == nil)
        #expect(cache.acquire(key(5, 0)) == .new(1, replacing: key(1, 0)))
        // Pair 3 is on screen and nothing else is idle.
        #expect(cache.acquire(key(6, 0)) == .unavailable)
        #expect(cache.pair(for: key(3, 0)) == 3)
    }

    @Test("taking an idle pair again removes it from the recycling order")
    func reacquireIdle() {
        var cache = ColorPairCache(capacity: 2)
        _ = cache.acquire(key(1, 0))  // 1
        _ = cache.acquire(key(2, 0))  // 2
        cache.release(1)
        cache.release(2)              // idle: 1, 2
        #expect(cache.acquire(key(1, 0)) == .existing(1))  // idle: 2
        #expect(cache.acquire(key(9, 0)) == .new(2, replacing: key(2, 0)))
        #expect(cache.acquire(key(8, 0)) == .unavailable)
    }

    @Test("releaseAll makes every pair recyclable; stray releases are ignored")
    func releaseAll() {
        var cache = ColorPairCache(capacity: 2)
        _ = cache.acquire(key(1, 0))
        _ = cache.acquire(key(1, 0))
        _ = cache.acquire(key(2, 0))
        cache.releaseAll()
        #expect(cache.referenceCount(of: 1) == 0)
        cache.release(1)  // already zero
        cache.release(0)
        cache.release(99)
        #expect(cache.acquire(key(3, 0)) == .new(1, replacing: key(1, 0)))
        #expect(cache.acquire(key(4, 0)) == .new(2, replacing: key(2, 0)))
        #expect(cache.acquire(key(5, 0)) == .unavailable)
    }

    @Test("a cache with no pairs (monochrome) never assigns one")
    func empty() {
        var cache = ColorPairCache(capacity: 0)
        #expect(cache.acquire(key(1, 0)) == .unavailable)
        #expect(cache.acquire(key(-1, -1)) == .existing(0))
    }

    @Test("randomised: references always match the cells that hold each pair")
    func randomised() {
        var seed: UInt64 = 0x5EED_CAFE
        func next() -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33)
        }
        var screen = ScreenPairs(capacity: 20, width: 6, height: 4)
        var shown: [Int: ColorPairKey] = [:]
        for step in 0..<5000 {
            let x = next() % 6, y = next() % 4
            let k = key(Int32(next() % 12), Int32(next() % 3) - 1)
            let placed = screen.place(k, x: x, y: y)
            shown[y * 6 + x] = k
            if step % 997 == 0 { screen.clearAll(); shown = [:] }
            // Every cell's pair still holds that cell's colours (nothing on screen was recycled).
            for (i, shownKey) in shown {
                let pair = screen.pair(atX: i % 6, y: i / 6)
                if pair != 0 { #expect(screen.cache.pair(for: shownKey) == pair, "seed 0x5EEDCAFE step \(step)") }
            }
            _ = placed
        }
        var counts: [Int32: Int] = [:]
        for i in 0..<24 { counts[screen.pair(atX: i % 6, y: i / 6), default: 0] += 1 }
        for p in 1...20 { #expect(screen.cache.referenceCount(of: Int32(p)) == counts[Int32(p), default: 0]) }
    }

    @Test("screen map: a cell keeping its colours keeps its pair; resizing releases cut-off cells")
    func screenMap() {
        var screen = ScreenPairs(capacity: 4, width: 3, height: 2)
        #expect(screen.place(key(1, 0), x: 0, y: 0) == (1, true))
        #expect(screen.place(key(1, 0), x: 0, y: 0) == (1, false))
        #expect(screen.cache.referenceCount(of: 1) == 1)
        #expect(screen.place(key(2, 0), x: 2, y: 1) == (2, true))
        #expect(screen.place(key(1, 0), x: 9, y: 9) == (0, false))
        screen.resize(width: 2, height: 2)
        #expect(screen.cache.referenceCount(of: 2) == 0)
        #expect(screen.cache.referenceCount(of: 1) == 1)
        #expect(screen.pair(atX: 0, y: 0) == 1)
        screen.clearAll()
        #expect(screen.pair(atX: 0, y: 0) == 0)
        #expect(screen.cache.referenceCount(of: 1) == 0)
    }
}
