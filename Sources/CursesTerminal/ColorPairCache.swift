/// A foreground/background pair of ncurses colour numbers (-1 is the terminal default).
public struct ColorPairKey: Hashable, Sendable {
    public let foreground: Int32
    public let background: Int32
    public init(foreground: Int32, background: Int32) {
        self.foreground = foreground; self.background = background
    }
    /// Pair 0: default on default; never allocated.
    public var isDefault: Bool { foreground == -1 && background == -1 }
}

/// Assigns ncurses colour-pair numbers to colour pairs, reference-counted by the screen cells
/// that show them, and reuses the least recently used pair *no cell shows* when all
/// `capacity` pairs are taken.
///
/// Why not plain LRU (or `alloc_pair`): redefining a pair recolours every cell on screen that
/// uses it, and the run loop only redraws changed cells, so a legend drawn once would change
/// colour when its pair is recycled. Counting references per on-screen cell makes that
/// impossible: a pair is only reused when nothing on screen shows it.
///
/// Pairs are numbered `1...capacity` (pair 0 is ncurses' fixed default pair).
/// - Complexity: `acquire` and `release` are O(1) amortised (a dictionary plus an intrusive
///   doubly-linked list of idle pairs, oldest first).
public struct ColorPairCache {
    /// The result of `acquire`.
    public enum Assignment: Hashable, Sendable {
        /// The pair already holds these colours.
        case existing(Int32)
        /// The pair must be (re)defined with `init_extended_pair` before use; `replacing` is
        /// the colours it held before, if it was recycled.
        case new(Int32, replacing: ColorPairKey?)
        /// Every pair is on screen; draw with pair 0.
        case unavailable
    }

    public let capacity: Int
    private var pairOf: [ColorPairKey: Int32] = [:]
    private var keyOf: [ColorPairKey?]
    private var references: [Int]
    // Idle list (assigned pairs with no references), oldest at `head`; 0 means none.
    private var previous: [Int32]
    private var next: [Int32]
    private var inIdleList: [Bool]
    private var head: Int32 = 0
    private var tail: Int32 = 0
    private var nextFresh: Int32 = 1

    /// A cache over pairs `1...capacity` (`COLOR_PAIRS - 1`).
    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        let n = self.capacity + 1
        keyOf = Array(repeating: nil, count: n)
        references = Array(repeating: 0, count: n)
        previous = Array(repeating: 0, count: n)
        next = Array(repeating: 0, count: n)
        inIdleList = Array(repeating: false, count: n)
    }

    /// The pair for `key`, with one more reference (one more cell shows it). The default
    /// pair is 0 and is not counted.
    public mutating func acquire(_ key: ColorPairKey) -> Assignment {
        if key.isDefault { return .existing(0) }
        if let pair = pairOf[key] {
            retain(pair)
            return .existing(pair)
        }
        if Int(nextFresh) <= capacity {
            let pair = nextFresh
            nextFresh += 1
            assign(key, to: pair)
            return .new(pair, replacing: nil)
        }
        guard head != 0 else { return .unavailable }
        let pair = head
        unlinkIdle(pair)
        let old = keyOf[Int(pair)]
        if let old { pairOf[old] = nil }
        assign(key, to: pair)
        return .new(pair, replacing: old)
    }

    /// One cell no longer shows `pair`. At zero references the pair becomes reusable (most
    /// recently idle last). Pair 0 and unknown pairs are ignored.
    public mutating func release(_ pair: Int32) {
        let p = Int(pair)
        guard p > 0, p <= capacity, references[p] > 0 else { return }
        references[p] -= 1
        if references[p] == 0 { appendIdle(pair) }
    }

    /// Every cell was cleared: all pairs keep their colours but none is referenced.
    public mutating func releaseAll() {
        for p in 1..<max(1, Int(nextFresh)) where references[p] > 0 {
            references[p] = 0
            appendIdle(Int32(p))
        }
    }

    /// The pair currently holding `key`, if any (no reference taken).
    public func pair(for key: ColorPairKey) -> Int32? { key.isDefault ? 0 : pairOf[key] }

    /// How many cells show `pair`.
    public func referenceCount(of pair: Int32) -> Int {
        pair > 0 && Int(pair) <= capacity ? references[Int(pair)] : 0
    }

    private mutating func assign(_ key: ColorPairKey, to pair: Int32) {
        pairOf[key] = pair
        keyOf[Int(pair)] = key
        references[Int(pair)] = 1
    }

    private mutating func retain(_ pair: Int32) {
        let p = Int(pair)
        if references[p] == 0 { unlinkIdle(pair) }
        references[p] += 1
    }

    private mutating func appendIdle(_ pair: Int32) {
        let p = Int(pair)
        guard !inIdleList[p] else { return }
        inIdleList[p] = true
        previous[p] = tail
        next[p] = 0
        if tail != 0 { next[Int(tail)] = pair } else { head = pair }
        tail = pair
    }

    private mutating func unlinkIdle(_ pair: Int32) {
        let p = Int(pair)
        guard inIdleList[p] else { return }
        inIdleList[p] = false
        let before = previous[p], after = next[p]
        if before != 0 { next[Int(before)] = after } else { head = after }
        if after != 0 { previous[Int(after)] = before } else { tail = before }
        previous[p] = 0
        next[p] = 0
    }
}
