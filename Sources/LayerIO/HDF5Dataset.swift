import CHDF5
import Foundation

/// What one HDF5 dataset holds, as the reader checked it at open: its full path inside the
/// file, its shape, and the element type it is read as.
struct HDF5DatasetInfo: Sendable, Equatable {
    /// Absolute path inside the file, e.g. `/acts/layer3`.
    let objectPath: String
    /// The dataset's dimensions, axis 0 first.
    let shape: [Int]
    /// How the values are delivered: float16 (IEEE half files, read as stored), float32
    /// (4-byte and other small floats, converted by HDF5) or float64 (8-byte floats).
    let kind: ScalarKind
}

/// The data of one HDF5 dataset, read whole into memory by `H5Dread` on first use.
///
/// HDF5 does the reading: contiguous, chunked and gzip/shuffle-filtered layouts alike, one
/// dataset at a time, so opening a model never loads the file. The values are converted by
/// HDF5's type conversion into a little-endian memory type (the file's own half type with
/// little-endian order for float16, `H5T_NATIVE_FLOAT` or `H5T_NATIVE_DOUBLE` otherwise), so
/// `Layer` sees plain little-endian floats of `info.kind`. The dataset is opened again by path
/// when read, and its shape and class are checked to be those seen at open.
///
/// Cost: shape × itemsize bytes of heap, kept for the life of the layer once read. Like a
/// deflated .npz member, a dataset may hold at most `inflation.maxBytes` (the memory budget)
/// and, above 16 MiB, at most `inflation.maxRatio` times the bytes it occupies in the file, so
/// a corrupt or hostile shape cannot make the reader allocate without bound.
///
/// `@unchecked Sendable`: the mutable `bytes` is only touched under `lock`.
final class HDF5Dataset: LayerData, @unchecked Sendable {
    let filePath: String
    let info: HDF5DatasetInfo
    let byteCount: Int
    let inflation: InflationLimit

    private let lock = NSLock()
    private var bytes: UnsafeMutableRawBufferPointer?

    init(filePath: String, info: HDF5DatasetInfo, byteCount: Int, inflation: InflationLimit) {
        self.inflation = inflation
        self.filePath = filePath
        self.info = info
        self.byteCount = byteCount
    }

    deinit { free(bytes?.baseAddress) }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let buffer = try lock.withLock { () throws -> UnsafeMutableRawBufferPointer in
            if let bytes { return bytes }
            let read = try HDF5Library.call { () throws(LayerIOError) in try readAll() }
            bytes = read
            return read
        }
        return try body(UnsafeRawBufferPointer(buffer))
    }

    private func fail(_ detail: String) -> LayerIOError {
        .unreadableFile(path: filePath, detail: "dataset \"\(info.objectPath)\": \(detail)")
    }

    /// Opens the file and the dataset, checks they still match `info`, and reads every value.
    private func readAll() throws(LayerIOError) -> UnsafeMutableRawBufferPointer {
        try HDF5Library.requireRegularFile(filePath)
        guard let file = HDF5Handle(layermap_h5_open_file(filePath), closer: H5Fclose) else {
            throw fail("the file can no longer be opened as HDF5")
        }
        defer { file.close() }
        guard let dataset = HDF5Handle(layermap_h5_open_dataset(file.id, info.objectPath), closer: H5Dclose) else {
            throw fail("the dataset can no longer be opened")
        }
        defer { dataset.close() }
        let found = try HDF5File.describe(dataset: dataset, objectPath: info.objectPath, filePath: filePath)
        guard found == info else {
            throw fail("the dataset changed since the file was opened")
        }
        guard let memoryType = HDF5File.memoryType(for: dataset, kind: info.kind) else {
            throw fail("HDF5 cannot make the memory type to read into")
        }
        defer { memoryType.close() }
        if byteCount > inflation.maxBytes {
            throw fail("the dataset holds \(byteCount) bytes, more than the memory budget of \(inflation.maxBytes); pass a larger --memory to allow it")
        }
        let stored = Int(clamping: H5Dget_storage_size(dataset.id))
        let (bound, overflow) = max(stored, 1).multipliedReportingOverflow(by: inflation.maxRatio)
        if byteCount > InflationLimit.ratioFloor && !overflow && byteCount > bound {
            let ratio = byteCount / max(stored, 1)
            throw fail("the dataset declares \(byteCount) bytes from \(stored) stored (\(ratio):1, more than --max-inflate-ratio \(inflation.maxRatio)); pass --max-inflate-ratio \(ratio + 1) to allow it")
        }
        guard let memory = malloc(byteCount) else {
            throw fail("cannot allocate \(byteCount) bytes to read the dataset into")
        }
        let buffer = UnsafeMutableRawBufferPointer(start: memory, count: byteCount)
        guard layermap_h5_read_all(dataset.id, memoryType.id, buffer.baseAddress) >= 0 else {
            free(memory)
            throw .unreadableFile(path: filePath,
                                  detail: "dataset \"\(info.objectPath)\": HDF5 cannot read its data (corrupt or truncated file, or a filter this HDF5 lacks)")
        }
        return buffer
    }
}
