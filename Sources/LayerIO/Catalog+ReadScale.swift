/// Which layers are read scaled (see `Layer.readScaleExponent`), for the CLI's notes.
extension Catalog {
    /// Every layer of the models `indices` (all when nil) that is read scaled by a power of two,
    /// in catalog order. Scans float64 layers only (each once; the result is remembered).
    public func rescaledLayers(models indices: [Int]? = nil) throws -> [RescaledLayer] {
        let chosen = indices.map { Set($0).sorted() } ?? Array(models.indices)
        var report: [RescaledLayer] = []
        for i in chosen {
            for layer in models[i].layers where layer.elementType.kind == .float64 {
                let scale = try layer.readScaleAndMagnitude()
                if scale.exponent != 0 {
                    report.append(RescaledLayer(model: models[i].name, layer: layer.name, path: layer.path,
                                                exponent: scale.exponent, largestMagnitude: scale.largest))
                }
            }
        }
        return report
    }
}

/// A float64 layer read multiplied by 2^exponent.
public struct RescaledLayer: Sendable, Equatable {
    public var model: String
    public var layer: String
    public var path: String
    public var exponent: Int
    /// The largest finite |x| as stored.
    public var largestMagnitude: Double
}
