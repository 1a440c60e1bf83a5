/// The UI's styles for a colour mode: accents use the basic palette colours (as RGB in
/// true-colour mode); in monochrome they fall back to attributes.
public struct Theme: Sendable, Equatable {
    public let mode: ColorMode

    public init(_ mode: ColorMode) { self.mode = mode }

    /// Basic colour `i` (0…15) as this mode shows it.
    public func basic(_ i: UInt8) -> TermColor {
        switch mode {
        case .trueColor:
            let c = XtermPalette.basic[Int(i)]
            return .rgb(c.r, c.g, c.b)
        case .palette256, .palette16: return .indexed(i)
        case .palette8: return .indexed(i % 8)
        case .monochrome: return .default
        }
    }

    public var title: Style { Style(attributes: .bold) }
    public var heading: Style { Style(attributes: [.bold, .underline]) }
    public var dim: Style { Style(attributes: .dim) }
    public var hintBar: Style { Style(attributes: .reverse) }
    public var cursorLabel: Style { Style(attributes: [.reverse, .bold]) }
    public var error: Style { Style(foreground: basic(1), attributes: .bold) }
    public var success: Style { Style(foreground: basic(2), attributes: mode.hasColor ? [] : .bold) }
    public var warning: Style { Style(foreground: basic(3)) }
    /// The undefined-cell mark.
    public var undefinedMark: Style { Style(foreground: basic(1), attributes: .bold) }

    /// Black or white text, whichever reads better on `rgb`.
    public func text(on rgb: RGB) -> TermColor {
        let dark = rgb.luminance > 0.45
        switch mode {
        case .trueColor: return dark ? .rgb(0, 0, 0) : .rgb(255, 255, 255)
        case .palette256: return .indexed(dark ? 16 : 231)
        case .palette16: return .indexed(dark ? 0 : 15)
        case .palette8: return .indexed(dark ? 0 : 7)
        case .monochrome: return .default
        }
    }
}
