import Foundation

/// The data of a non-contiguous tensor view (a slice such as `h[:, 0]`, a permuted or expanded
/// tensor), gathered into C order on first use and kept in memory.
///
/// Element (i₀, …, i_k) of the view is storage element `offset + Σ iₐ·strideₐ`;
/// `TorchTensorLayout` has checked that every such element lies inside the storage, so the
/// gather stays in bounds. The bytes are copied as stored (byte order unchanged), so the row
/// reader decodes them exactly as it would a contiguous tensor. Cost: one pass over the view
/// and `byteCount` bytes of memory for as long as the layer lives.
///
/// `@unchecked Sendable`: `gathered` is only touched under `lock`.
final class TorchStridedData: LayerData, @unchecked Sendable {
    /// The whole storage member (its CRC is checked before the first gather).
    let storage: TorchStorageSlice
    let offset: Int
    let size: [Int]
    let stride: [Int]
    let itemSize: Int
    /// `size.product × itemSize`.
    let byteCount: Int
    private let lock = NSLock()
    private var gathered: [UInt8]?

    init(storage: TorchStorageSlice, offset: Int, size: [Int], stride: [Int], itemSize: Int, byteCount: Int) {
        self.storage = storage
        self.offset = offset
        self.size = size
        self.stride = stride
        self.itemSize = itemSize
        self.byteCount = byteCount
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let bytes = try lock.withLock { () throws -> [UInt8] in
            if let gathered { return gathered }
            let copy = try storage.withBytes { gather(from: $0) }
            gathered = copy
            return copy
        }
        return try bytes.withUnsafeBytes(body)
    }

    /// Walks the view's indices in C order (last axis fastest), copying one element per step.
    private func gather(from source: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: byteCount) { out, initialized in
            guard let base = source.baseAddress, let destination = out.baseAddress, byteCount > 0 else {
                initialized = 0
                return
            }
            let axes = size.count
            var index = [Int](repeating: 0, count: axes)
            var element = offset
            var written = 0
            while written < byteCount {
                (destination + written).initialize(from: (base + element * itemSize).assumingMemoryBound(to: UInt8.self),
                                                   count: itemSize)
                written += itemSize
                // Advance the multi-index: bump the last axis, carrying into earlier ones.
                var axis = axes - 1
                while axis >= 0 {
                    index[axis] += 1
                    element += stride[axis]
                    if index[axis] < size[axis] { break }
                    element -= stride[axis] * index[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
            initialized = written
        }
    }
}
