/// Where a tensor's elements lie in its storage, checked against the archive, and the
/// `LayerData` that reads them.
///
/// A tensor is a view: element (i₀, …, i_k) sits at storage element
/// `offset + Σ iₐ·strideₐ`, and the storage is the archive member `data/KEY` of
/// `numel × itemsize` bytes. Three layouts are read:
/// - C-contiguous (the usual case, strides of a row-major array): a slice of the mapped archive,
///   used in place (`TorchStorageSlice`).
/// - Fortran-contiguous (e.g. a transposed matrix, `x.t()`): the same slice, read as a
///   Fortran-order array, as .npy files in Fortran order are.
/// - Any other strides (a slice such as `h[:, 0]`, a permutation, an `expand`ed view):
///   materialised, gathered into C order in memory on the first read (`TorchStridedData`); it
///   costs the layer's size in memory. A view with more elements than its storage (only an
///   `expand` can have that) is refused, so what is gathered never exceeds the file's size.
/// Axes of size 1 may have any stride, as in torch's own contiguity test.
enum TorchTensorLayout {
    /// The header and data of `tensor`, named `name`, in `archive`.
    ///
    /// - Throws: `unsupportedDType` for a storage type other than float16/bfloat16/float32/float64;
    ///   `unreadableZip` when the storage's member is missing; `sizeMismatch` when the storage's
    ///   numel disagrees with its member's size or the shape overflows; `offsetsOutOfRange` when the
    ///   view reaches past the end of its storage.
    ///
    /// `checked` holds one `StoredMember` per storage key, shared by every tensor of that storage,
    /// so a storage's CRC-32 is computed once however many layers are views of it.
    static func open(_ tensor: TorchTensorReference, name: String, archive: TorchArchive,
                     checked: inout [String: StoredMember]) throws(LayerIOError) -> (TensorHeader, any LayerData) {
        let path = archive.file.path
        let storage = tensor.storage
        guard let kind = storage.type.kind else {
            throw .unsupportedDType(path: path, layer: name,
                                    detail: "storage type torch.\(storage.type.name) (\(storage.type.dtypeName)) is not supported; supported: torch.HalfStorage (float16), torch.BFloat16Storage (bfloat16), torch.FloatStorage (float32), torch.DoubleStorage (float64)")
        }
        guard let member = archive.storages[storage.key] else {
            throw .unreadableZip(path: path, layer: name,
                                 detail: "storage \"\(storage.key)\" is missing: the archive has no member \(archive.prefix)/data/\(storage.key)")
        }
        let item = kind.byteCount
        let (storageBytes, overflow) = storage.numel.multipliedReportingOverflow(by: item)
        guard !overflow, storageBytes == member.uncompressedSize else {
            throw .sizeMismatch(path: path, layer: name,
                                detail: "storage \"\(storage.key)\" claims \(storage.numel) \(storage.type.dtypeName) elements but its member holds \(member.uncompressedSize) bytes")
        }
        let header = TensorHeader(elementType: ElementType(kind, bigEndian: archive.isBigEndian),
                                  shape: tensor.size, isFortranOrder: false)
        guard let count = header.elementCount, let byteCount = header.byteCount else {
            throw .sizeMismatch(path: path, layer: name, detail: "shape \(shapeText(tensor.size)) overflows the address space")
        }
        let file = archive.file
        guard count > 0 else {
            // No element is read; `Layer` refuses the zero-size axis with its own message.
            return (header, MappedSlice(file: file, offset: member.dataOffset, count: 0)!)
        }
        let view = "offset \(tensor.offset), size \(shapeText(tensor.size)), stride \(shapeText(tensor.stride))"
        guard let last = lastElement(tensor), last < storage.numel else {
            throw .offsetsOutOfRange(path: path, layer: name,
                                     detail: "the tensor (\(view)) reaches past the end of storage \"\(storage.key)\", which holds \(storage.numel) elements")
        }
        let whole = checked[storage.key] ?? StoredMember(
            slice: MappedSlice(file: file, offset: member.dataOffset, count: member.uncompressedSize)!,
            member: member, layer: name)
        checked[storage.key] = whole
        let start = member.dataOffset + tensor.offset * item  // ≤ the member's end: offset ≤ last < numel
        if isContiguous(tensor, fortran: false) || isContiguous(tensor, fortran: true) {
            guard let slice = MappedSlice(file: file, offset: start, count: byteCount) else {
                throw .offsetsOutOfRange(path: path, layer: name, detail: "the tensor (\(view)) lies outside the archive")
            }
            var stored = header
            stored.isFortranOrder = !isContiguous(tensor, fortran: false)
            return (stored, TorchStorageSlice(storage: whole, slice: slice, layer: name))
        }
        // Overlapping strides (an `expand`ed view) can describe far more elements than the file
        // holds; materialising is bounded by the storage's size, hence by the file's.
        guard count <= storage.numel else {
            throw .sizeMismatch(path: path, layer: name,
                                detail: "the tensor (\(view)) repeats elements: its \(count) elements are more than the \(storage.numel) its storage holds (an expanded view); save t.contiguous() instead")
        }
        return (header, TorchStridedData(storage: TorchStorageSlice(storage: whole, slice: whole.slice, layer: name),
                                         offset: tensor.offset, size: tensor.size,
                                         stride: tensor.stride, itemSize: item, byteCount: byteCount))
    }

    /// `offset + Σ (sizeₐ − 1)·strideₐ`, the highest storage element the view touches (all sizes
    /// ≥ 1), or nil on overflow.
    static func lastElement(_ tensor: TorchTensorReference) -> Int? {
        var last = tensor.offset
        for (size, stride) in zip(tensor.size, tensor.stride) {
            let (step, o1) = (size - 1).multipliedReportingOverflow(by: stride)
            let (sum, o2) = last.addingReportingOverflow(step)
            if o1 || o2 { return nil }
            last = sum
        }
        return last
    }

    /// Whether the strides are those of a dense row-major (`fortran` false) or column-major array,
    /// ignoring axes of size 1.
    static func isContiguous(_ tensor: TorchTensorReference, fortran: Bool) -> Bool {
        var expected = 1
        let axes = fortran ? Array(tensor.size.indices) : tensor.size.indices.reversed()
        for axis in axes where tensor.size[axis] != 1 {
            guard tensor.stride[axis] == expected else { return false }
            expected *= tensor.size[axis]  // ≤ the element count, which fits
        }
        return true
    }
}

/// A tensor's bytes inside its storage's member: `slice`, read in place once the whole member's
/// CRC-32 (checked by the shared `storage`, once) has matched. Errors name this tensor's layer.
struct TorchStorageSlice: LayerData {
    let storage: StoredMember
    let slice: MappedSlice
    let layer: String

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        do {
            try storage.withBytes { _ in }
        } catch let error as LayerIOError {
            throw error.attributed(to: layer)
        }
        return try slice.withBytes(body)
    }

    func release(_ range: Range<Int>) { slice.release(range) }
}
