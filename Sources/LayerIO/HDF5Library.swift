import CHDF5
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serialised access to the HDF5 C library, with its stderr error printing turned off.
///
/// Every HDF5 call LayerIO makes runs inside `HDF5Library.call`: one call at a time across the
/// process (HDF5 keeps global state, and a thread-safe build serialises calls internally anyway),
/// and on a thread whose error stack printing is off (a thread-safe build keeps that setting per
/// thread, so it is set on each call). Failures come back as negative return codes, which the
/// reader turns into `LayerIOError`s naming the file and dataset.
enum HDF5Library {
    private static let lock = NSLock()

    /// Before the library's first use: no clean-up at process exit. LayerIO only reads, so there
    /// is nothing to flush, and the clean-up, running while worker threads that called HDF5 are
    /// still alive (their per-thread error stacks still allocated), prints "HDF5: infinite loop
    /// closing library" to stderr.
    private static let setUp: Void = { _ = H5dont_atexit() }()

    /// Runs `body` holding the library lock, with HDF5's error printing off for this thread.
    static func call<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        _ = setUp
        layermap_h5_silence()
        return try body()
    }
}

extension HDF5Library {
    /// Throws unless `path` is a regular file. HDF5 opens paths itself, with a blocking `open`,
    /// so a FIFO or a device named `x.h5` is refused here first (opened with `O_NONBLOCK`, then
    /// `fstat`), as every other reader refuses them.
    static func requireRegularFile(_ path: String) throws(LayerIOError) {
        close(try RegularFile.openRegular(path).fd)
    }
}

/// An open HDF5 identifier (file, group, dataset, datatype or dataspace), closed by `close`.
/// Used only inside `HDF5Library.call`.
struct HDF5Handle {
    let id: hid_t
    private let closer: (hid_t) -> herr_t

    /// Nil when `id` is negative (the call that produced it failed).
    init?(_ id: hid_t, closer: @escaping (hid_t) -> herr_t) {
        guard id >= 0 else { return nil }
        self.id = id
        self.closer = closer
    }

    func close() { _ = closer(id) }
}
