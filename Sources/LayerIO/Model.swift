/// How a model's layers are stored on disk.
public enum ModelFormat: String, Sendable, Equatable, CaseIterable {
    /// A directory of `.npy` files, one per layer.
    case npyDirectory
    /// A `.npz` archive (`np.savez` or `np.savez_compressed`), one `.npy` member per layer.
    case npz
    /// A `.safetensors` file, one tensor per layer.
    case safetensors
    /// A `.pt` / `.pth` file written by `torch.save`: a dict, list or tuple of tensors, one per layer.
    case torch
    /// A `.h5` / `.hdf5` file: one float dataset per layer, from the root group or `--group`.
    case hdf5
}

/// A model: a named, ordered list of layers that all describe the same N samples.
public struct Model: Sendable {
    /// Display name (from `name=path`, or the file or directory name).
    public let name: String
    /// The file or directory the model was read from, as given.
    public let path: String
    /// The storage format.
    public let format: ModelFormat
    /// Layers in the model's order (`order` says which rule gave it). May be empty here;
    /// `Catalog` rejects empty models.
    public let layers: [Layer]
    /// How `layers` were ordered.
    public let order: LayerOrder
    /// The token policy the file records its layers were reduced by when captured
    /// (`CaptureRecord.reduce`), or nil.
    public let capturedReduce: String?

    /// A model of these layers in this order (e.g. the ones `--layers` kept).
    public func keeping(_ kept: [Layer], order: LayerOrder) -> Model {
        Model(name: name, path: path, format: format, layers: kept, order: order, capturedReduce: capturedReduce)
    }

    /// Opens the model at `location`: parses every layer header (touching no array data).
    ///
    /// - Throws: `LayerIOError` for the first layer that cannot be opened.
    /// `group` is the HDF5 group whose datasets are the layers (nil: the root); other formats
    /// have no groups and ignore it.
    public static func open(_ location: ModelLocation, reduce: ReducePolicy,
                            inflation: InflationLimit = InflationLimit(),
                            group: String? = nil) throws(LayerIOError) -> Model {
        let layers: [Layer]
        var record: CaptureRecord?
        var hdf5Order: LayerOrder?
        switch location.format {
        case .hdf5:
            (layers, hdf5Order) = try HDF5File.openLayers(path: location.path, group: group,
                                                          modelName: location.name, reduce: reduce, inflation: inflation)
        case .npz:
            layers = try NpzFile.openLayers(path: location.path, modelName: location.name, reduce: reduce,
                                            inflation: inflation)
        case .safetensors:
            (layers, record) = try SafetensorsFile.openModel(path: location.path, modelName: location.name, reduce: reduce)
        case .torch:
            layers = try TorchFile.openLayers(path: location.path, modelName: location.name, reduce: reduce)
        case .npyDirectory:
            let files = try ModelDiscovery.npyFiles(in: location.path)
            layers = try files.map { (file: String) throws(LayerIOError) -> Layer in
                try NpyFile.openLayer(path: ModelDiscovery.join(location.path, file),
                                      name: String(file.dropLast(4)), modelName: location.name, reduce: reduce)
            }
        }
        let order: LayerOrder
        switch location.format {
        case .npz: order = .archive
        case .torch: order = .saved
        case .safetensors: order = record?.order != nil ? .recorded : .naturalNames
        case .npyDirectory: order = .naturalNames
        case .hdf5: order = hdf5Order ?? .naturalNames
        }
        return Model(name: location.name, path: location.path, format: location.format, layers: layers,
                     order: order, capturedReduce: record?.reduce)
    }
}

/// The rule that put a model's layers in their order, as `layermap layers` reports it.
public enum LayerOrder: Sendable, Equatable {
    /// Natural order of the names (`layer2` before `layer10`): directories of .npy files and
    /// .safetensors files that record no order, whose tensors carry no order of their own.
    case naturalNames
    /// The order the members were written in: .npz archives (`np.savez` keeps its arguments' order).
    case archive
    /// The order of the saved dict or list: `.pt` files (`torch.save` keeps a dict's insertion order).
    case saved
    /// The order of the `--layers` patterns (each pattern's matches in the model's order).
    case selection
    /// The order the file records: a .safetensors file's `__metadata__` "layermap.order", written
    /// by the capture helper in the model's order (see `CaptureRecord`).
    case recorded
    /// The order the datasets were created in: an HDF5 group that tracks creation order (h5py's
    /// `track_order=True`); groups that do not are in natural name order.
    case created

    /// "natural name order", "archive order", "saved order", "--layers order", "recorded order",
    /// "creation order".
    public var description: String {
        switch self {
        case .naturalNames: return "natural name order"
        case .archive: return "archive order"
        case .saved: return "saved order"
        case .selection: return "--layers order"
        case .recorded: return "recorded order"
        case .created: return "creation order"
        }
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
