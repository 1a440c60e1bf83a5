import LayerIO
import Palette

/// The image exporters' colour maps, from the same scales the terminal heatmap uses, so an
/// exported figure has the explorer's colours. The exporters reverse the scale for a distance
/// metric themselves, so plain viridis is passed for every metric.
enum ImagePalettes {
    static let viridis = HeatmapPalette { t in
        let c = ColorScale.viridis.rgb(at: t)
        return ImageColor(c.r, c.g, c.b)
    }

    /// Blue–white–red for signed differences (the seed baseline).
    static let diverging = HeatmapPalette { t in
        let c = ColorScale.diverging.rgb(at: t)
        return ImageColor(c.r, c.g, c.b)
    }
}
