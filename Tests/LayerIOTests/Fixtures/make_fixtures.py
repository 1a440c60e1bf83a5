#!/usr/bin/env python3
"""Writes the small fixture files the LayerIO tests read.

Run from anywhere:  python3 Tests/LayerIOTests/Fixtures/make_fixtures.py
Needs numpy (written with 2.4) and safetensors. The generated files are committed, so the tests
themselves never need Python. Re-running rewrites every file deterministically.

Conventions the Swift tests rely on:
- "grid" arrays have A[i, j] = 10*i + j + 0.25, exactly representable in float16 and bfloat16.
- Values that cannot be computed by hand in Swift (conv reductions) are computed here and stored
  as expected_*.npy (little-endian float32, C order, version 1.0 — the simplest path).
"""
import json
import os
import shutil
import struct
import zipfile

import numpy as np
from numpy.lib import format as npformat
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))


def path(*parts):
    p = os.path.join(HERE, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def grid(n, d, dtype="<f4"):
    i, j = np.meshgrid(np.arange(n), np.arange(d), indexing="ij")
    return (10.0 * i + j + 0.25).astype(dtype)


def write_npy(rel, arr, version=None):
    with open(path(rel), "wb") as f:
        npformat.write_array(f, arr, version=version)


def clean(*dirs):
    for d in dirs:
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)


clean("npy", "conv", "npz", "st", "dirmodel", "collection", "mismatch", "nonfinite")

# --- .npy versions, dtypes, byte orders, memory order ------------------------------------------
write_npy("npy/v1_f4.npy", grid(4, 3, "<f4"), version=(1, 0))
write_npy("npy/v2_f8.npy", grid(4, 3, "<f8"), version=(2, 0))
write_npy("npy/v3_f2.npy", grid(4, 3, "<f2"), version=(3, 0))
write_npy("npy/be_f2.npy", grid(4, 3, ">f2"))
write_npy("npy/be_f4.npy", grid(4, 3, ">f4"))
write_npy("npy/be_f8.npy", grid(4, 3, ">f8"))
write_npy("npy/fortran_f4.npy", np.asfortranarray(grid(4, 3, "<f4")))
write_npy("npy/vector_f4.npy", (np.arange(5) + 0.5).astype("<f4"))  # 1-D: read as 5×1

# --- 4-D convolution layer, N×C×H×W = 3×4×2×5 --------------------------------------------------
rng = np.random.default_rng(20240607)
conv = rng.standard_normal((3, 4, 2, 5)).astype("<f4")
write_npy("conv/conv_c.npy", conv)
write_npy("conv/conv_fortran.npy", np.asfortranarray(conv))
write_npy("conv/conv_fortran_be_f8.npy", np.asfortranarray(conv.astype(">f8")))
write_npy("conv/expected_flatten.npy", conv.reshape(3, -1).astype("<f4"))
# mean over every axis after the second: N×C×H×W -> N×C (sums in float64, like the reader)
write_npy("conv/expected_mean.npy", conv.astype(np.float64).mean(axis=(2, 3)).astype("<f4"))

# --- .npz, stored and deflated; archive order is not alphabetical ------------------------------
layers = {"zeta": grid(4, 3), "alpha": grid(4, 2, "<f8"), "mid": np.asfortranarray(grid(4, 5, ">f4"))}
np.savez(path("npz/stored.npz"), **layers)
np.savez_compressed(path("npz/compressed.npz"), **layers)

# --- safetensors via the library: F16, F32, F64 and __metadata__ ------------------------------
save_file({"b_f32": grid(4, 3, "<f4"), "a_f64": grid(4, 2, "<f8"), "c_f16": grid(4, 6, "<f2"),
           "d_conv": conv},
          path("st/lib.safetensors"), metadata={"format": "np", "note": "fixture"})
with open(path("st/lib.safetensors"), "rb") as f:
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
header.pop("__metadata__", None)
order = sorted(header, key=lambda k: (header[k]["data_offsets"][0], k))
with open(path("st/lib_order.txt"), "w") as f:
    f.write("\n".join(order) + "\n")


# --- safetensors by hand: BF16 and F32, offsets not in name order, padded header --------------
def bf16_bytes(a):
    bits = np.asarray(a, dtype="<f4").view("<u4")
    assert np.all(bits & 0xFFFF == 0), "values must be exact in bfloat16"
    return (bits >> 16).astype("<u2").tobytes()


bf = bf16_bytes(grid(4, 3))
f32 = grid(4, 2, "<f4").tobytes()
hand = {
    "__metadata__": {"source": "hand-made"},
    "z_first": {"dtype": "BF16", "shape": [4, 3], "data_offsets": [0, len(bf)]},
    "a_second": {"dtype": "F32", "shape": [4, 2], "data_offsets": [len(bf), len(bf) + len(f32)]},
}
text = json.dumps(hand).encode()
text += b" " * (-(len(text)) % 8)  # pad to 8 bytes, as the reference writer does
with open(path("st/hand.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + bf + f32)

# --- a directory of .npy files whose names need natural sorting -------------------------------
for k in (10, 2, 1):
    write_npy(f"dirmodel/layer{k}.npy", grid(4, k, "<f4"))
with open(path("dirmodel/notes.txt"), "w") as f:
    f.write("ignored\n")

# --- a collection directory: two files, one sub-directory, and files to ignore ----------------
np.savez(path("collection/beta.npz"), fc=grid(4, 3))
save_file({"fc": grid(4, 3)}, path("collection/alpha.safetensors"))
write_npy("collection/gamma10/l1.npy", grid(4, 3))
write_npy("collection/gamma2/l1.npy", grid(4, 3))
os.makedirs(path("collection/empty_sub/x"), exist_ok=True)
with open(path("collection/empty_sub/readme.md"), "w") as f:
    f.write("a directory without .npy files is not a model\n")
for name in ("make.py", "notes.txt", "README.md"):
    with open(path("collection", name), "w") as f:
        f.write("ignored\n")

# --- sample-count mismatch --------------------------------------------------------------------
np.savez(path("mismatch/n4.npz"), fc=grid(4, 3))
np.savez(path("mismatch/n5.npz"), fc=grid(5, 3))

# --- non-finite values: counts 0, 3 (f4), 2 (big-endian f2), 1 (f8) ---------------------------
write_npy("nonfinite/l1_clean.npy", grid(4, 3))
dirty = grid(4, 3)
dirty[0, 0], dirty[1, 2], dirty[3, 1] = np.nan, np.inf, -np.inf
write_npy("nonfinite/l2_dirty_f4.npy", dirty)
d16 = grid(4, 3, ">f2")
d16[2, 2], d16[0, 1] = np.nan, -np.inf
write_npy("nonfinite/l3_dirty_f2.npy", d16)
d64 = grid(4, 3, "<f8")
d64[3, 2] = np.nan
write_npy("nonfinite/l4_dirty_f8.npy", d64)

print("fixtures written to", HERE)
