// LayerIO: reading neural-network activations from .npy, .npz, .safetensors and .pt files.
//
// Each model is exported as one N×D (or N×…) activation array per layer: rows are the N samples
// (the same inputs in the same order for every model), columns the layer's neurons. LayerIO turns
// MODEL arguments into a `Catalog` of `Model`s whose `Layer`s implement `ActivationSource`, so the
// similarity engine can read any layer as an N×D `Matrix<Float>`, in row slices.
//
// Formats and their specifications:
// - .npy, versions 1.0/2.0/3.0: the module docstring of numpy's `lib/format.py`
//   (`numpy.lib.format`, numpy/lib/_format_impl.py in numpy ≥ 2) — see `NpyHeader`.
// - .npz: a zip archive of .npy members written by `np.savez` (stored) or `np.savez_compressed`
//   (deflated); zip per PKWARE APPNOTE.TXT, read with ZIPFoundation — see `NpzFile`, `ZipDirectory`.
// - .safetensors: the "Format" section of the huggingface/safetensors README — see `SafetensorsFile`.
// - .pt / .pth: torch.save's zip archive (torch/serialization.py `_save`) and its pickle (CPython's
//   Lib/pickletools.py), read by a restricted unpickler — see `TorchFile`, `TorchUnpickler`.
//
// Design rules:
// - Opening is header-only: files are memory-mapped (read-only) and only their headers parsed; data
//   pages are touched on the first `readRows`. Compressed .npz members are inflated on first read.
// - Input is hostile: sizes and offsets use checked arithmetic and are validated against the file
//   before any access; headers are size-capped; nothing traps on malformed input. Every failure is
//   one `LayerIOError` naming the file, the layer when known, and the problem.
// - Whole-data scans (`Layer.countNonFinite`, `Layer.fingerprint`, `Catalog.nonFiniteReport`) are
//   separate calls, never part of opening.

import Similarity
