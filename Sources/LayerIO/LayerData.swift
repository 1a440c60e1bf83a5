/// Access to the raw bytes of one layer's array data (no header), exactly shape × itemsize long.
///
/// Implementations: a slice of a memory-mapped file (.npy, safetensors, stored .npz members) and a
/// compressed .npz member that is inflated on first use.
protocol LayerData: Sendable {
    /// Runs `body` with the layer's raw data bytes. The buffer is valid only during the call.
    /// Throws when the bytes cannot be produced (for example a corrupt compressed member).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R

    /// Tells the kernel the bytes `range` (relative to the layer's data) are not needed soon,
    /// so a streaming pass over a layer larger than RAM does not keep it all resident. The
    /// data stays readable: it is read again from the page cache or the file when touched.
    func release(_ range: Range<Int>)
}

extension LayerData {
    func release(_ range: Range<Int>) {}
}

/// `count` bytes at `offset` inside a mapped file, checked against the file size at creation.
struct MappedSlice: LayerData {
    let file: MappedFile
    let offset: Int
    let count: Int

    /// Nil when `offset ..< offset + count` is not inside the file.
    init?(file: MappedFile, offset: Int, count: Int) {
        guard file.slice(offset: offset, count: count) != nil else { return nil }
        self.file = file
        self.offset = offset
        self.count = count
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        // The range was validated in init and the mapping never changes size.
        guard let bytes = file.slice(offset: offset, count: count) else {
            throw LayerIOError.offsetsOutOfRange(path: file.path, layer: nil,
                                                 detail: "\(count) bytes at offset \(offset) are outside the file")
        }
        let truncated = LayerIOError.sizeMismatch(path: file.path, layer: nil,
                                                  detail: "the file was truncated while it was being read")
        if file.wasTruncated { throw truncated }
        let result = try body(bytes)
        if file.wasTruncated { throw truncated }
        return result
    }

    func release(_ range: Range<Int>) {
        let lower = max(0, range.lowerBound), upper = min(count, range.upperBound)
        guard lower < upper else { return }
        file.release(offset: offset + lower, count: upper - lower)
    }
}
