import ArgumentParser
import LayerIO

/// How `compute`, `merge` and `baseline` draw an SVG or PNG: `--size`, `--dpi`,
/// `--font-size`, `--range`, `--annotate`, `--title`, declared once (`FigureOptions`).
/// They apply to image output only; given with another format, they are an error rather
/// than silently ignored.
struct FigureFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Image size in pixels, WxH (svg, png, pdf): the cells grow or shrink to fit it.", valueName: "WxH"),
            transform: { text in
                guard let size = FigureOptions.PixelSize(parsing: text) else {
                    throw ValidationError("--size \(text): expected WIDTHxHEIGHT in pixels, each from \(FigureOptions.PixelSize.allowed.lowerBound) to \(FigureOptions.PixelSize.allowed.upperBound), e.g. 1600x1400")
                }
                return size
            })
    var size: FigureOptions.PixelSize?

    @Option(help: "Dots per inch (svg, png, pdf): turns --font-size into pixels; the PNG records it and the PDF page is sized by it (default 144).")
    var dpi: Double?

    @Option(name: .customLong("font-size"), help: "Text size in points (svg, png, pdf; default 10).")
    var fontSize: Double?

    @Option(help: ArgumentHelp("Colour range (svg, png, pdf): full (the measure's range, default), auto (the data's min–max), robust (2nd–98th percentile) or MIN:MAX.",
                               valueName: "full|auto|robust|MIN:MAX"),
            transform: { text in
                guard let mode = FigureOptions.RangeMode(parsing: text) else {
                    throw ValidationError("--range \(text): expected full, auto, robust or MIN:MAX with finite MIN < MAX, e.g. 0.9:1")
                }
                return mode
            })
    var range: FigureOptions.RangeMode?

    @Flag(help: "Print each cell's value in it, in black or white for contrast (svg, png, pdf).")
    var annotate = false

    @Option(help: "The figure's title (svg, png, pdf); \"\" for none.")
    var title: String?

    /// Whether any image option was given.
    var anyGiven: Bool {
        size != nil || dpi != nil || fontSize != nil || range != nil || annotate || title != nil
    }

    /// The options, the defaults filled in.
    var options: FigureOptions {
        let d = FigureOptions()
        return FigureOptions(size: size, dpi: dpi ?? d.dpi, fontSize: fontSize ?? d.fontSize, range: range ?? d.range,
                             annotate: annotate, title: title)
    }

    /// Checks the values, and that they are given only for an image `format`.
    func check(format: ExportFormat) throws {
        if let dpi, !FigureOptions.dpiRange.contains(dpi) {
            throw ValidationError("--dpi must be from \(Int(FigureOptions.dpiRange.lowerBound)) to \(Int(FigureOptions.dpiRange.upperBound)), got \(dpi)")
        }
        if let fontSize, !FigureOptions.fontSizeRange.contains(fontSize) {
            throw ValidationError("--font-size must be from \(Int(FigureOptions.fontSizeRange.lowerBound)) to \(Int(FigureOptions.fontSizeRange.upperBound)) points, got \(fontSize)")
        }
        if anyGiven && !format.isImage {
            throw ValidationError("--size, --dpi, --font-size, --range, --annotate and --title apply to svg, png and pdf output; the output format here is \(format.rawValue)")
        }
    }
}
