/// How a model's layers are stored on disk.
public enum ModelFormat: String, Sendable, Equatable, CaseIterable {
    /// A directory of `.npy` files, one per layer.
    case npyDirectory
    /// A `.npz` archive (`np.savez` or `np.savez_compressed`), one `.npy` member per layer.
    case npz
    /// A `.safetensors` file, one tensor per layer.
    case safetensors
}

/// A model: a named, ordered list of layers that all describe the same N samples.
public struct Model: Sendable {
    /// Display name (from `name=path`, or the file or directory name).
    public let name: String
    /// The file or directory the model was read from, as given.
    public let path: String
    /// The storage format.
    public let format: ModelFormat
    /// Layers in file order: natural name order for directories, archive order for .npz,
    /// data-offset order for safetensors. May be empty here; `Catalog` rejects empty models.
    public let layers: [Layer]

    /// Opens the model at `location`: parses every layer header (touching no array data).
    ///
    /// - Throws: `LayerIOError` for the first layer that cannot be opened.
    public static func open(_ location: ModelLocation, reduce: ReducePolicy,
                            inflation: InflationLimit = InflationLimit()) throws(LayerIOError) -> Model {
        let layers: [Layer]
        switch location.format {
        case .npz:
            layers = try NpzFile.openLayers(path: location.path, modelName: location.name, reduce: reduce,
                                            inflation: inflation)
        case .safetensors:
            layers = try SafetensorsFile.openLayers(path: location.path, modelName: location.name, reduce: reduce)
        case .npyDirectory:
            let files = try ModelDiscovery.npyFiles(in: location.path)
            layers = try files.map { (file: String) throws(LayerIOError) -> Layer in
                try NpyFile.openLayer(path: ModelDiscovery.join(location.path, file),
                                      name: String(file.dropLast(4)), modelName: location.name, reduce: reduce)
            }
        }
        return Model(name: location.name, path: location.path, format: location.format, layers: layers)
    }
}

/// A model to open: display name, path and format, as resolved from a MODEL argument.
public struct ModelLocation: Sendable, Equatable {
    public var name: String
    public var path: String
    public var format: ModelFormat

    public init(name: String, path: String, format: ModelFormat) {
        self.name = name
        self.path = path
        self.format = format
    }
}
