import Palette

/// One axis's layer labels on a heatmap image: the layer names without what they all share
/// at the start and at the end (`AxisNames`, the terminal's shortening), so
/// `encoder.layer.0.attention.output.dense` … `encoder.layer.63.attention.output.dense`
/// are labelled `0` … `63` and the axis title names the pattern once:
/// `bert-s0 (encoder.layer.*.attention.output.dense)`.
///
/// When taking off the shared ending would make two labels alike, only the prefix goes;
/// when that would too, the full names stay. A label longer than `limit` characters keeps
/// its end after an ellipsis: no label is cut in its middle.
struct AxisLabels: Sendable, Equatable {
    /// One label per name, in order.
    let labels: [String]
    /// The pattern the labels fill in (`encoder.layer.*.output`), or `nil` for full names.
    let pattern: String?

    static let maxPatternCharacters = 64

    init(_ names: [String], limit: Int) {
        let axis = AxisNames(names)
        let distinct = Set(names).count
        let chosen: [String]
        let pattern: String?
        if axis.corePattern == nil {
            (chosen, pattern) = (names, nil)
        } else if Set(axis.core).count == distinct {
            (chosen, pattern) = (axis.core, axis.corePattern)
        } else if Set(axis.short).count == distinct {
            (chosen, pattern) = (axis.short, axis.shortPattern)
        } else {
            (chosen, pattern) = (names, nil)
        }
        labels = chosen.map { HeatmapText.keepingEnd($0, to: limit) }
        self.pattern = pattern.map { HeatmapText.keepingStart($0, to: Self.maxPatternCharacters) }
    }

    /// The axis title: the model's name, then the pattern in parentheses when the labels are
    /// shortened.
    func axisTitle(model: String) -> String {
        let name = HeatmapText.keepingEnd(model, to: HeatmapLayout.maxModelCharacters)
        return pattern.map { "\(name) (\($0))" } ?? name
    }
}
