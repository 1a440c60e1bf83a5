import CHDF5

/// Opening a `.h5` / `.hdf5` file: one layer per dataset of one group, through the HDF5 library.
///
/// - The group is the root, or `group` (`--hdf5-group PATH`, e.g. `encoder/acts`) when given.
/// - Each dataset directly in it is a layer named by its link name, an N×… array like an
///   array in a .npy file: axis 0 holds the samples and `--reduce` turns N×C×H×W (or N×T×D)
///   into N×D. Float16, float32 and float64 datasets (and other floats HDF5 converts) are read;
///   chunked and compressed layouts are HDF5's business, read per dataset on first use
///   (`HDF5Dataset`).
/// - Order: creation order when the group tracks it (h5py's `track_order=True`), else the
///   natural order of the names (`layer2` before `layer10`).
/// - Sub-groups, named datatypes, and soft or external links are not layers and are skipped;
///   a group with no dataset is an error that lists its sub-groups, so the user can pick one.
///
/// Refused, with the file, the dataset and the reason: integer, string, compound and every
/// other non-float dataset, a scalar or empty dataspace, a dataset whose values live in other
/// files (external storage, virtual datasets: the reader never opens a file it was not given),
/// a file that is not HDF5, and a group that does not exist.
enum HDF5File {
    static func openLayers(path: String, group: String?, modelName: String, reduce: ReducePolicy,
                           inflation: InflationLimit) throws(LayerIOError) -> (layers: [Layer], order: LayerOrder) {
        let groupPath = normalizedGroup(group)
        let (datasets, order) = try HDF5Library.call { () throws(LayerIOError) in
            try listDatasets(path: path, groupPath: groupPath)
        }
        var layers: [Layer] = []
        for (name, info) in datasets {
            let header = TensorHeader(elementType: ElementType(info.kind), shape: info.shape, isFortranOrder: false)
            guard let bytes = header.byteCount else {
                throw .sizeMismatch(path: path, layer: name,
                                    detail: "shape \(shapeText(info.shape)) of \(info.kind.rawValue) overflows the address space")
            }
            layers.append(try Layer(modelName: modelName, name: name, path: path, header: header, reduce: reduce,
                                    data: HDF5Dataset(filePath: path, info: info, byteCount: bytes, inflation: inflation)))
        }
        return (layers, order)
    }

    /// `/` for nil or empty, else the path with one leading `/` and no trailing one.
    static func normalizedGroup(_ group: String?) -> String {
        let trimmed = (group ?? "").split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
        return "/" + trimmed
    }

    /// The datasets of the group, described and in the model's order. Runs inside `HDF5Library.call`.
    private static func listDatasets(path: String, groupPath: String) throws(LayerIOError)
        -> (datasets: [(name: String, info: HDF5DatasetInfo)], order: LayerOrder) {
        try HDF5Library.requireRegularFile(path)
        let signature = layermap_h5_is_hdf5(path)
        guard signature > 0 else {
            throw signature == 0
                ? .badMagic(path: path, layer: nil, detail: "not an HDF5 file (no HDF5 signature)")
                : .unreadableFile(path: path, detail: "HDF5 cannot read the file")
        }
        guard let file = HDF5Handle(layermap_h5_open_file(path), closer: H5Fclose) else {
            throw .malformedHeader(path: path, layer: nil, detail: "HDF5 cannot open the file (corrupt or truncated)")
        }
        defer { file.close() }
        let where_ = groupPath == "/" ? "the root group" : "group \"\(groupPath)\""
        guard let group = HDF5Handle(layermap_h5_open_group(file.id, groupPath), closer: H5Gclose) else {
            throw .badModelSpec(path: path, detail: "\(where_) does not exist or is not a group (--hdf5-group names a group inside the file)")
        }
        defer { group.close() }
        let count = layermap_h5_link_count(group.id)
        guard count >= 0 else { throw .malformedHeader(path: path, layer: nil, detail: "HDF5 cannot list \(where_)") }
        let tracked = layermap_h5_tracks_creation_order(group.id) == 1
        var names: [String] = []
        for index in 0..<UInt64(count) {
            guard let name = linkName(group: group.id, byCreation: tracked, index: index) else {
                throw .malformedHeader(path: path, layer: nil, detail: "HDF5 cannot read link \(index) of \(where_)")
            }
            names.append(name)
        }
        if !tracked { names = NaturalSort.sorted(names) }
        var datasets: [(name: String, info: HDF5DatasetInfo)] = []
        var subgroups: [String] = []
        let prefix = groupPath == "/" ? "/" : groupPath + "/"
        for name in names {
            switch layermap_h5_link_kind(group.id, name) {
            case 0:
                guard let dataset = HDF5Handle(layermap_h5_open_dataset(group.id, name), closer: H5Dclose) else {
                    throw .malformedHeader(path: path, layer: name, detail: "HDF5 cannot open the dataset")
                }
                defer { dataset.close() }
                datasets.append((name, try describe(dataset: dataset, objectPath: prefix + name, filePath: path,
                                                   layer: name)))
            case 1: subgroups.append(name)
            case 2, 3: continue
            default:
                throw .malformedHeader(path: path, layer: name, detail: "HDF5 cannot tell what this link of \(where_) leads to")
            }
        }
        if datasets.isEmpty {
            let hint = subgroups.isEmpty ? "" : "; its groups: \(subgroups.joined(separator: ", ")) (choose one with --hdf5-group)"
            throw .emptyModel(path: path, detail: "\(where_) holds no datasets\(hint)")
        }
        return (datasets, tracked ? .created : .naturalNames)
    }

    private static func linkName(group: hid_t, byCreation: Bool, index: UInt64) -> String? {
        let length = layermap_h5_link_name(group, byCreation ? 1 : 0, index, nil, 0)
        guard length >= 0, length < 1 << 20 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        guard layermap_h5_link_name(group, byCreation ? 1 : 0, index, &buffer, buffer.count) == length else { return nil }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The dataset's shape and the kind it is read as, refusing what is not a float array.
    /// Runs inside `HDF5Library.call`.
    static func describe(dataset: HDF5Handle, objectPath: String, filePath: String,
                         layer: String? = nil) throws(LayerIOError) -> HDF5DatasetInfo {
        let layer = layer ?? String(objectPath.split(separator: "/").last ?? "")
        func refuse(_ detail: String) -> LayerIOError { .unsupportedDType(path: filePath, layer: layer, detail: detail) }
        guard let type = HDF5Handle(H5Dget_type(dataset.id), closer: H5Tclose) else {
            throw .malformedHeader(path: filePath, layer: layer, detail: "HDF5 cannot read the dataset's type")
        }
        defer { type.close() }
        let typeClass = Int32(H5Tget_class(type.id).rawValue)
        let size = H5Tget_size(type.id)
        let kind: ScalarKind
        switch typeClass {
        case layermap_h5_class_float():
            if layermap_h5_is_ieee_half(type.id) == 1 { kind = .float16 }
            else if size >= 1 && size <= 4 { kind = .float32 }
            else if size <= 8 { kind = .float64 }
            else { throw refuse("\(size * 8)-bit floats are not supported; store float16, float32 or float64") }
        case layermap_h5_class_integer():
            throw refuse("the dataset holds integers; a layer holds float16, float32 or float64 activations")
        case layermap_h5_class_string():
            throw refuse("the dataset holds strings; a layer holds float16, float32 or float64 activations")
        case layermap_h5_class_compound():
            throw refuse("the dataset holds a compound (record) type; a layer holds float16, float32 or float64 activations")
        default:
            throw refuse("the dataset's type is not a float (HDF5 type class \(typeClass)); a layer holds float16, float32 or float64 activations")
        }
        switch layermap_h5_reads_other_files(dataset.id) {
        case 0: break
        case 1:
            throw .unsupportedDType(path: filePath, layer: layer,
                                    detail: "the dataset's values are stored in other files (external storage or a virtual dataset); layermap reads only the file it is given")
        default:
            throw .malformedHeader(path: filePath, layer: layer, detail: "HDF5 cannot read the dataset's storage layout")
        }
        guard let space = HDF5Handle(H5Dget_space(dataset.id), closer: H5Sclose) else {
            throw .malformedHeader(path: filePath, layer: layer, detail: "HDF5 cannot read the dataset's shape")
        }
        defer { space.close() }
        switch layermap_h5_is_simple_space(space.id) {
        case 1: break
        case 0:
            throw .badLayerShape(path: filePath, layer: layer,
                                 detail: "the dataset is a scalar or empty; a layer needs shape (N,) or (N, …)")
        default:
            throw .malformedHeader(path: filePath, layer: layer, detail: "HDF5 cannot read the dataset's shape")
        }
        let rank = H5Sget_simple_extent_ndims(space.id)
        guard rank >= 0, rank <= 32 else {
            throw .malformedHeader(path: filePath, layer: layer, detail: "HDF5 cannot read the dataset's shape")
        }
        var dims = [hsize_t](repeating: 0, count: Int(max(rank, 1)))
        guard H5Sget_simple_extent_dims(space.id, &dims, nil) == rank else {
            throw .malformedHeader(path: filePath, layer: layer, detail: "HDF5 cannot read the dataset's shape")
        }
        var shape: [Int] = []
        for dim in dims.prefix(Int(rank)) {
            guard dim <= UInt64(Int.max) else {
                throw .badLayerShape(path: filePath, layer: layer, detail: "a dimension of \(dim) is too large")
            }
            shape.append(Int(dim))
        }
        return HDF5DatasetInfo(objectPath: objectPath, shape: shape, kind: kind)
    }

    /// The memory type `kind` is read into: the dataset's own half type in little-endian order
    /// for float16 (no conversion on a little-endian host), the host float or double otherwise
    /// (HDF5 converts). Runs inside `HDF5Library.call`; close the result.
    static func memoryType(for dataset: HDF5Handle, kind: ScalarKind) -> HDF5Handle? {
        switch kind {
        case .float16:
            guard let type = HDF5Handle(H5Dget_type(dataset.id), closer: H5Tclose) else { return nil }
            defer { type.close() }
            return HDF5Handle(layermap_h5_little_endian_copy(type.id), closer: H5Tclose)
        case .float32, .bfloat16:
            // The library's own constants are not closed.
            return HDF5Handle(layermap_h5_native_float(), closer: { _ in 0 })
        case .float64:
            return HDF5Handle(layermap_h5_native_double(), closer: { _ in 0 })
        }
    }
}
