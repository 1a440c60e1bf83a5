/// Which colour pair each screen cell shows, so `ColorPairCache` knows which pairs are on
/// screen (and must not be redefined) and which are idle.
struct ScreenPairs {
    private(set) var cache: ColorPairCache
    private(set) var width: Int
    private(set) var height: Int
    private var cells: [Int32]

    init(capacity: Int, width: Int, height: Int) {
        cache = ColorPairCache(capacity: capacity)
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: 0, count: self.width * self.height)
    }

    /// Records that cell (x, y) now shows `key` and returns its pair, plus whether the pair
    /// must be defined (`init_extended_pair`) first. Out-of-range cells get pair 0.
    mutating func place(_ key: ColorPairKey, x: Int, y: Int) -> (pair: Int32, define: Bool) {
        guard x >= 0, y >= 0, x < width, y < height else { return (0, false) }
        let result: (Int32, Bool)
        switch cache.acquire(key) {
        case .existing(let pair): result = (pair, false)
        case .new(let pair, _): result = (pair, true)
        case .unavailable: result = (0, false)
        }
        let i = y * width + x
        cache.release(cells[i])  // after acquire, so a cell keeping its pair never idles it
        cells[i] = result.0
        return result
    }

    /// The screen was cleared: every cell shows pair 0.
    mutating func clearAll() {
        cache.releaseAll()
        for i in cells.indices { cells[i] = 0 }
    }

    /// The screen was resized: cells inside both sizes keep their pairs (ncurses keeps
    /// them), cells that fell off release theirs, new cells show pair 0.
    mutating func resize(width newWidth: Int, height newHeight: Int) {
        let w = max(0, newWidth), h = max(0, newHeight)
        guard w != width || h != height else { return }
        var fresh = Array(repeating: Int32(0), count: w * h)
        for y in 0..<height {
            for x in 0..<width {
                let pair = cells[y * width + x]
                if x < w && y < h { fresh[y * w + x] = pair } else { cache.release(pair) }
            }
        }
        cells = fresh
        width = w
        height = h
    }

    /// The pair cell (x, y) shows (0 outside).
    func pair(atX x: Int, y: Int) -> Int32 {
        x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : 0
    }
}
