import Foundation

/// How a heatmap image (SVG or PNG) is drawn: its size, its text, its colour range, whether
/// the cells carry their values, and its title. The command line's `--size`, `--dpi`,
/// `--font-size`, `--range`, `--annotate` and `--title`; the explorer's export uses the
/// defaults.
///
/// Sizes: the figure is laid out in pixels. Text is `fontSize` points at `dpi` dots per inch,
/// so a line is fontSize·dpi/72 px (10 pt at 144 dpi: 20 px, the default). Spacing follows
/// the text. The PNG records `dpi` in its pHYs chunk, so a document that places it at its
/// natural size prints the text at `fontSize` points. Without `size`, the cells are as large
/// as `HeatmapLayout.cellSize` chooses; with it, the image is exactly width × height pixels
/// and the cells as large as fit.
public struct FigureOptions: Sendable, Equatable {
    /// An image size in pixels, `WxH` on the command line.
    public struct PixelSize: Sendable, Equatable {
        public var width: Int
        public var height: Int

        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }

        /// `1200x900` (or `1200X900`); `nil` unless both are whole numbers from 16 to 20000.
        public init?(parsing text: String) {
            let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
                  Self.allowed.contains(w), Self.allowed.contains(h) else { return nil }
            self.init(width: w, height: h)
        }

        public static let allowed = 16...20_000
    }

    /// Which values the colour scale spans. Values outside it take the colour of its nearer end.
    public enum RangeMode: Sendable, Equatable {
        /// The measure's whole range (`Metric.displayRange`, e.g. 0–1 for CKA); for a seed
        /// baseline, ±the largest |difference|, as the explorer shows it.
        case full
        /// The data's smallest to largest value (a baseline: ±the largest |difference|).
        case auto
        /// The 2nd to the 98th percentile of the values (numpy's default, linear
        /// interpolation), so a few outliers do not flatten the rest (a baseline: ±the 98th
        /// percentile of |difference|).
        case robust
        /// A fixed range, `MIN:MAX` on the command line.
        case fixed(ClosedRange<Double>)

        /// `full`, `auto`, `robust` or `MIN:MAX` with finite MIN < MAX; `nil` otherwise.
        public init?(parsing text: String) {
            switch text.lowercased() {
            case "full": self = .full
            case "auto": self = .auto
            case "robust": self = .robust
            default:
                // Split at the colon that is not a sign's: "-1:1", "0.9:1", "-0.5:-0.1".
                guard let colon = text.dropFirst().firstIndex(of: ":"),
                      let lo = Double(text[..<colon]), let hi = Double(text[text.index(after: colon)...]),
                      lo.isFinite, hi.isFinite, lo < hi else { return nil }
                self = .fixed(lo...hi)
            }
        }

        /// How the colour bar names the range: "" for the full range, else "data range",
        /// "2nd–98th percentile" or "fixed range".
        var caption: String {
            switch self {
            case .full: return ""
            case .auto: return "data range"
            case .robust: return "2nd\u{2013}98th percentile"
            case .fixed: return "fixed range"
            }
        }
    }

    /// The image's exact size in pixels, or `nil` for the size the grid calls for.
    public var size: PixelSize?
    /// Dots per inch: converts `fontSize` to pixels, and is written into the PNG.
    public var dpi: Double
    /// The text's size in points (the labels, ticks and titles; a cell's value may be smaller
    /// to fit its cell).
    public var fontSize: Double
    public var range: RangeMode
    /// Whether each cell shows its value, in black or white, whichever contrasts more.
    public var annotate: Bool
    /// The title; `nil` for the default one, `""` for none.
    public var title: String?

    public static let dpiRange = 36.0...1200.0
    public static let fontSizeRange = 4.0...72.0

    public init(size: PixelSize? = nil, dpi: Double = 144, fontSize: Double = 10, range: RangeMode = .full,
                annotate: Bool = false, title: String? = nil) {
        self.size = size
        self.dpi = dpi
        self.fontSize = fontSize
        self.range = range
        self.annotate = annotate
        self.title = title
    }

    /// The line height of the text, in pixels (at least 6).
    public var linePixels: Int { max(6, Int((fontSize * dpi / 72).rounded())) }
}

/// A figure that cannot be drawn as asked: `--size` too small for the grid and its labels,
/// or cells too small for `--annotate`'s numbers.
public struct FigureError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
