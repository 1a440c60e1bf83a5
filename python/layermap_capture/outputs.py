"""Writing a finished spool as a .safetensors file or a directory of .npy files, and reading
back how many samples an existing output holds.

The .safetensors layout (huggingface/safetensors, "Format"): 8 bytes of little-endian header
length, a JSON header padded with spaces to a multiple of 8 bytes, then the data. Here every
layer is a 2-D N×D tensor, laid out in the recorded order, and `__metadata__` holds

    "layermap.order"          a JSON list of the layer names, in the model's order
    "layermap.reduce"         the token policy (flatten, cls, last or mean)
    "layermap.source_shapes"  a JSON object: each layer's per-sample output shape in the first
                              batch ([C, H, W] for a flattened convolution, [T, D] for tokens)

(safetensors metadata values must be strings). layermap reads the order and shows the policy.

A directory gets one `name.npy` per layer (format 1.0) and `layermap_capture.json` with the same
three entries; layermap orders a directory by natural name, so the JSON file is where the
model's order is kept.

Both are written atomically: into a temporary name beside the target, then renamed over it.
"""
import json
import os
import shutil
import struct
import tempfile

import numpy as np

from .errors import CaptureError
from .spool import DTYPES

SIDECAR = "layermap_capture.json"


def metadata(order, policy, source_shapes):
    """The `__metadata__` entries (all strings)."""
    return {"layermap.order": json.dumps(order), "layermap.reduce": policy,
            "layermap.source_shapes": json.dumps({n: list(source_shapes[n]) for n in order})}


def write_safetensors(out, spool, order, dtype_name, meta):
    tag = DTYPES[dtype_name][1]
    header, offset = {}, 0
    for name in order:
        layer = spool.layers[name]
        header[name] = {"dtype": tag, "shape": [layer.rows, layer.width],
                        "data_offsets": [offset, offset + layer.nbytes]}
        offset += layer.nbytes
    header["__metadata__"] = meta
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    parent = os.path.dirname(os.path.abspath(out))
    descriptor, temporary = tempfile.mkstemp(prefix="." + os.path.basename(out) + ".", dir=parent)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp's 0600 would make the output private
        with os.fdopen(descriptor, "wb") as f:
            f.write(struct.pack("<Q", len(text)))
            f.write(text)
            for name in order:
                spool.layers[name].copy_into(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, out)
    except BaseException:
        _remove(temporary)
        raise


def write_npy_directory(out, spool, order, dtype_name, meta):
    """Writes `out/` as a directory of .npy files. An existing `out` is replaced only if it is
    empty or a previous capture (it holds `layermap_capture.json`); anything else is refused, so a
    stale layer file can never be read as part of the new capture."""
    if os.path.exists(out):
        if not os.path.isdir(out):
            raise CaptureError(f"{out}: exists and is not a directory")
        if os.listdir(out) and not os.path.exists(os.path.join(out, SIDECAR)):
            raise CaptureError(f"{out}: the directory exists, holds files and is not a previous capture "
                               f"(no {SIDECAR}); choose another output or empty it")
    parent = os.path.dirname(os.path.abspath(out))
    staging = tempfile.mkdtemp(prefix="." + os.path.basename(out) + ".", dir=parent)
    try:
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's 0700 would make the output private
        numpy_dtype = np.dtype(DTYPES[dtype_name][0])
        for name in order:
            layer = spool.layers[name]
            with open(os.path.join(staging, name + ".npy"), "wb") as f:
                np.lib.format.write_array_header_1_0(f, {
                    "descr": np.lib.format.dtype_to_descr(numpy_dtype), "fortran_order": False,
                    "shape": (layer.rows, layer.width)})
                layer.copy_into(f)
        with open(os.path.join(staging, SIDECAR), "w") as f:
            json.dump({"order": json.loads(meta["layermap.order"]), "reduce": meta["layermap.reduce"],
                       "source_shapes": json.loads(meta["layermap.source_shapes"])}, f, indent=1)
        if os.path.exists(out):
            previous = out.rstrip("/") + ".previous-" + os.path.basename(staging)
            os.replace(out, previous)
            os.replace(staging, out)
            shutil.rmtree(previous, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def samples_in(path):
    """N, the sample count of an existing capture: a .safetensors file (every tensor's first
    axis) or a directory of .npy files. Raises `CaptureError` if it cannot be read or its layers
    disagree."""
    counts = {}
    try:
        if os.path.isdir(path):
            for file in sorted(os.listdir(path)):
                if file.endswith(".npy"):
                    with open(os.path.join(path, file), "rb") as f:
                        version = np.lib.format.read_magic(f)
                        read = np.lib.format.read_array_header_1_0 if version == (1, 0) \
                            else np.lib.format.read_array_header_2_0
                        shape = read(f)[0]
                    counts[file[:-4]] = shape[0] if shape else 1
        else:
            with open(path, "rb") as f:
                (length,) = struct.unpack("<Q", f.read(8))
                header = json.loads(f.read(length))
            counts = {name: entry["shape"][0] for name, entry in header.items()
                      if name != "__metadata__" and entry.get("shape")}
    except (OSError, ValueError, KeyError, struct.error) as error:
        raise CaptureError(f"{path}: cannot read its sample count: {error}") from error
    if not counts:
        raise CaptureError(f"{path}: holds no layers to compare the sample count with")
    if len(set(counts.values())) > 1:
        raise CaptureError(f"{path}: its layers disagree on the sample count: {counts}")
    return next(iter(counts.values()))


def _umask():
    """The process's file-creation mask (read by setting it, then setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
