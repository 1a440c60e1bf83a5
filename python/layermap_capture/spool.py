"""Holding captured rows on disk while batches run: one raw file per layer, appended batch by batch.

Memory holds one batch: each batch's rows are appended to their layer's raw file as soon as the
module has run, and the output (`safetensors_out`, `npy_out`) is assembled at the end by copying
those files in chunks. The spool directory sits beside the output (so the final rename stays on
one file system), is hidden (a leading dot) and is removed whatever happens.
"""
import os
import shutil
import tempfile

import numpy as np

from .errors import CaptureError

#: dtype name → (numpy little-endian dtype, safetensors dtype tag).
DTYPES = {"float32": ("<f4", "F32"), "float16": ("<f2", "F16"), "float64": ("<f8", "F64")}


def check_dtype(dtype):
    """The dtype's name ("float32", "float16", "float64"); also accepts numpy and torch dtypes."""
    name = dtype.__name__ if isinstance(dtype, type) else str(dtype).replace("torch.", "")  # np.float32, torch.float32
    name = {"half": "float16", "float": "float32", "double": "float64"}.get(name, name)
    if name not in DTYPES:
        raise CaptureError(f"dtype {dtype!r} is not supported; choose one of: {', '.join(DTYPES)}")
    return name


class LayerSpool:
    """One layer's rows so far, in a raw little-endian C-order file: `rows` × `width` values."""

    def __init__(self, path, numpy_dtype):
        self.path = path
        self.dtype = np.dtype(numpy_dtype)
        self.rows = 0
        self.width = None
        self._file = open(path, "wb")

    def append(self, block, where):
        """Appends a B×D float array (converted to the spool's dtype). Every block must have the
        width of the first; raises `CaptureError` otherwise."""
        if self.width is None:
            self.width = block.shape[1]
        elif block.shape[1] != self.width:
            raise CaptureError(f"{where}: {block.shape[1]} columns where earlier batches gave {self.width}; "
                               f"with flatten every batch needs the same number of tokens (pad to one length, "
                               f"or use cls, last or mean)")
        self._file.write(np.ascontiguousarray(block, dtype=self.dtype).tobytes())
        self._file.flush()  # to the OS now: memory holds one batch, not a growing buffer
        self.rows += block.shape[0]

    @property
    def nbytes(self):
        return self.rows * (self.width or 0) * self.dtype.itemsize

    def close(self):
        if not self._file.closed:
            self._file.close()

    def copy_into(self, out, chunk=1 << 20):
        """Copies the raw rows into the open file `out`, `chunk` bytes at a time."""
        self.close()
        with open(self.path, "rb") as source:
            shutil.copyfileobj(source, out, chunk)


class Spool:
    """The raw files of every captured layer, in a hidden temporary directory beside `out`."""

    def __init__(self, out, names, dtype_name):
        parent = os.path.dirname(os.path.abspath(out))
        if not os.path.isdir(parent):
            raise CaptureError(f"{out}: the directory {parent} does not exist")
        self.directory = tempfile.mkdtemp(prefix="." + os.path.basename(out) + ".capture-", dir=parent)
        numpy_dtype = DTYPES[dtype_name][0]
        self.layers = {name: LayerSpool(os.path.join(self.directory, f"{k}.raw"), numpy_dtype)
                       for k, name in enumerate(names)}

    def remove(self):
        for layer in self.layers.values():
            layer.close()
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()
        return False
