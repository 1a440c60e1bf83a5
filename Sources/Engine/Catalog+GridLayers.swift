import LayerIO
import Similarity

extension Catalog {
    /// The engine's view of model `index`'s layers, with ids unique in this catalog, over the
    /// samples `samples` (all when `nil`). This is the one place samples are sliced
    /// (`--samples START:END`): a slice is a `SampleSlice` of the layer, which reads only its
    /// rows, and the layer itself when the range is every sample. A slice's id names its range,
    /// so a prepared-layer cache never mixes a slice with the whole layer.
    public func gridLayers(ofModel index: Int, samples: Range<Int>? = nil) -> [GridLayer] {
        let model = models[index]
        let all = 0..<sampleCount
        return model.layers.enumerated().map { j, layer in
            let source: any ActivationSource = samples.map { $0 == all ? layer as any ActivationSource : SampleSlice(layer, range: $0) } ?? layer
            let id = samples.map { $0 == all ? "\(index)/\(j)" : "\(index)/\(j)@\($0.lowerBound):\($0.upperBound)" } ?? "\(index)/\(j)"
            return GridLayer(id: id, label: "layer \"\(layer.name)\" of model \"\(model.name)\"", source: source)
        }
    }
}
