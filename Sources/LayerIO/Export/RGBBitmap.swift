import Palette

/// An 8-bit RGB raster the PNG exporter draws into: `width × height` pixels, row-major,
/// three bytes a pixel (red, green, blue), row 0 at the top. Drawing outside is clipped.
struct RGBBitmap: Sendable {
    let width: Int
    let height: Int
    /// width × height × 3 bytes.
    private(set) var bytes: [UInt8]

    init(width: Int, height: Int, fill: RGB) {
        precondition(width > 0 && height > 0, "a bitmap needs at least one pixel, got \(width)×\(height)")
        self.width = width
        self.height = height
        bytes = [UInt8](repeating: 0, count: width * height * 3)
        self.fill(.init(x: 0, y: 0, width: width, height: height), fill)
    }

    /// The pixel at (x, y); both must be inside.
    subscript(x: Int, y: Int) -> RGB {
        let k = (y * width + x) * 3
        return RGB(bytes[k], bytes[k + 1], bytes[k + 2])
    }

    /// Sets one pixel; ignored outside the bitmap.
    mutating func set(_ x: Int, _ y: Int, _ c: RGB) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let k = (y * width + x) * 3
        bytes[k] = c.r; bytes[k + 1] = c.g; bytes[k + 2] = c.b
    }

    /// Mixes `c` into one pixel by `coverage` (clamped to 0…1; 1 sets it); ignored outside.
    mutating func blend(_ x: Int, _ y: Int, _ c: RGB, coverage: Double) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let a = min(1, max(0, coverage))
        set(x, y, a >= 1 ? c : self[x, y].mixed(with: c, a))
    }

    /// A filled disc of radius `radius` centred at (`cx`, `cy`) (pixel centres at +0.5),
    /// its rim smoothed by sampling each edge pixel 4×4 times.
    mutating func disc(cx: Double, cy: Double, radius: Double, _ c: RGB) {
        let r2 = radius * radius
        for y in Int((cy - radius).rounded(.down))...Int((cy + radius).rounded(.up)) {
            for x in Int((cx - radius).rounded(.down))...Int((cx + radius).rounded(.up)) {
                var inside = 0
                for sy in 0..<4 {
                    for sx in 0..<4 {
                        let dx = Double(x) + (Double(sx) + 0.5) / 4 - cx, dy = Double(y) + (Double(sy) + 0.5) / 4 - cy
                        if dx * dx + dy * dy <= r2 { inside += 1 }
                    }
                }
                if inside > 0 { blend(x, y, c, coverage: Double(inside) / 16) }
            }
        }
    }

    /// Fills `rect`, clipped to the bitmap.
    mutating func fill(_ rect: HeatmapLayout.Rect, _ c: RGB) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let (r, g, b) = (c.r, c.g, c.b)
        bytes.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            for y in y0..<y1 {
                var p = base + (y * width + x0) * 3
                let end = p + (x1 - x0) * 3
                while p < end {
                    p[0] = r; p[1] = g; p[2] = b
                    p += 3
                }
            }
        }
    }

    /// A one-pixel frame just outside `rect`.
    mutating func frame(_ rect: HeatmapLayout.Rect, _ c: RGB) {
        fill(.init(x: rect.x - 1, y: rect.y - 1, width: rect.width + 2, height: 1), c)
        fill(.init(x: rect.x - 1, y: rect.maxY, width: rect.width + 2, height: 1), c)
        fill(.init(x: rect.x - 1, y: rect.y, width: 1, height: rect.height), c)
        fill(.init(x: rect.maxX, y: rect.y, width: 1, height: rect.height), c)
    }

    /// Both diagonals of the square `rect`, `lineWidth` pixels wide, inside it.
    mutating func cross(_ rect: HeatmapLayout.Rect, lineWidth: Int, _ c: RGB) {
        let n = min(rect.width, rect.height)
        for k in 0..<n {
            for d in 0..<lineWidth {
                let a = min(n - 1, k + d)
                set(rect.x + a, rect.y + k, c)
                set(rect.x + n - 1 - a, rect.y + k, c)
            }
        }
    }
}
