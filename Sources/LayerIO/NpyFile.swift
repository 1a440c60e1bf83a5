/// Opening one .npy file as a layer: map it, parse its header, check the data size.
enum NpyFile {
    /// Opens the .npy file at `path` as layer `name` of model `modelName`.
    ///
    /// Reads only the header pages; the data is a slice of the mapping. The data area must hold
    /// exactly shape × itemsize bytes — a shorter file is truncated, a longer one disagrees with its
    /// header, and both are `sizeMismatch` errors.
    static func openLayer(path: String, name: String, modelName: String,
                          reduce: ReducePolicy) throws(LayerIOError) -> Layer {
        let file = try MappedFile(path: path)
        let parsed = try NpyHeader.parse(file.bytes, path: path, layer: name)
        let available = file.size - parsed.dataOffset  // parse checked dataOffset ≤ size
        let byteCount = try parsed.tensor.validatedByteCount(available: available, path: path, layer: name)
        guard let slice = MappedSlice(file: file, offset: parsed.dataOffset, count: byteCount) else {
            throw .offsetsOutOfRange(path: path, layer: name, detail: "the data lies outside the file")
        }
        return try Layer(modelName: modelName, name: name, path: path, header: parsed.tensor,
                         reduce: reduce, data: slice)
    }
}
