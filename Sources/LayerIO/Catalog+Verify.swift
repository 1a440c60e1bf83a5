/// Making every read problem an error before (and after) a computation, not an undefined cell.
extension Catalog {
    /// Produces the data of every layer of the models `indices` once: a deflated member is
    /// inflated and its CRC-32 and size checked, a stored member's CRC-32 is checked, a mapped
    /// file is checked not to have been truncated. The results are kept by the layers, so a
    /// computation that follows reads them at no extra cost.
    ///
    /// The headless commands call it before computing, so a corrupt file is a one-line error
    /// with exit status 2 (as `pair` gives), and after, so a file truncated during the run is too.
    /// - Throws: the first `LayerIOError`, naming the file and the layer.
    public func verifyData(models indices: [Int]? = nil) throws(LayerIOError) {
        let chosen = indices.map { Set($0).sorted() } ?? Array(models.indices)
        for i in chosen {
            for layer in models[i].layers { try layer.verifyData() }
        }
    }
}

extension Layer {
    /// Produces this layer's bytes once (see `Catalog.verifyData`).
    public func verifyData() throws(LayerIOError) {
        do {
            try data.withBytes { _ in }
        } catch let error as LayerIOError {
            throw error.layer == nil ? error.attributed(to: name) : error
        } catch {
            throw .unreadableFile(path: path, detail: "layer \"\(name)\": \(error)")
        }
    }
}
