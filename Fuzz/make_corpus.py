#!/usr/bin/env python3
"""Writes the fuzz seed corpus in Fuzz/corpus/ (small files, one reader per folder).

Run from the repository root after `swift build`: the shard seeds come from layermap itself.
The .pt seeds are torch.save files copied from the torch-reader fixtures (written by torch, see
Tests/LayerIOTests/Fixtures/make_torch_fixtures.py), so this script needs no torch.
"""
import json, os, shutil, struct, subprocess, sys, tempfile
import numpy as np

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
rng = np.random.default_rng(11)

def put(kind, name, data):
    with open(os.path.join(root, kind, name), "wb") as f:
        f.write(data)

def npy_bytes(a, fortran=False):
    import io
    b = io.BytesIO()
    np.save(b, np.asfortranarray(a) if fortran else a)
    return b.getvalue()

put("npy", "f4-6x3.npy", npy_bytes(rng.random((6, 3), dtype=np.float32)))
put("npy", "f2-4x2x3-fortran.npy", npy_bytes(rng.random((4, 2, 3)).astype(np.float16), fortran=True))
put("npy", "f8-5x2-bigendian.npy", npy_bytes(rng.random((5, 2)).astype(">f8")))
put("npy", "f4-nan.npy", npy_bytes(np.array([[1, np.nan], [np.inf, 2]], dtype=np.float32)))

with tempfile.TemporaryDirectory() as d:
    a = dict(l1=rng.random((6, 3), dtype=np.float32), l2=rng.random((6, 2, 2), dtype=np.float32))
    np.savez(d + "/s.npz", **a)
    np.savez_compressed(d + "/c.npz", **a)
    put("npz", "stored.npz", open(d + "/s.npz", "rb").read())
    put("npz", "deflated.npz", open(d + "/c.npz", "rb").read())

def safetensors(tensors):
    header, data = {}, b""
    for name, (dtype, arr) in tensors.items():
        raw = arr.tobytes()
        header[name] = {"dtype": dtype, "shape": list(arr.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data

put("safetensors", "f32-f16.safetensors", safetensors({
    "a": ("F32", rng.random((5, 3), dtype=np.float32)),
    "b": ("F16", rng.random((5, 2, 2)).astype(np.float16)),
}))
put("safetensors", "f64.safetensors", safetensors({"c": ("F64", rng.random((4, 2)))}))

put("cache", "grid.json", json.dumps({
    "version": 1, "metric": "linear-cka", "rows": ["r0", "r1"], "cols": ["c0"],
    "cells": [{"row": 0, "col": 0, "value": 0.5}, {"row": 1, "col": 0, "value": None, "reason": "undefined"}],
}, sort_keys=True).encode())
put("cache", "mmd.json", json.dumps({
    "version": 1, "metric": "mmd-poly", "rows": ["r"], "cols": ["c"],
    "cells": [{"row": 0, "col": 0, "value": 1.25, "extras": {"k": 2.0}}],
}, sort_keys=True).encode())

# .pt: a dict of every float type and a conv layer (protocol 2 and 4), views that are read in
# place, as Fortran order and materialised, nested containers, and a parameter.
torch_fixtures = os.path.join(os.path.dirname(root), "..", "Tests", "LayerIOTests", "Fixtures", "torch")
os.makedirs(os.path.join(root, "pt"), exist_ok=True)
for name in ("ordered.pt", "protocol4.pt", "views.pt", "nested.pt", "parameter.pt", "halfs.pt"):
    shutil.copyfile(os.path.join(torch_fixtures, name), os.path.join(root, "pt", name))

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/layermap"
with tempfile.TemporaryDirectory() as d:
    for m in ("a", "b"):
        os.makedirs(f"{d}/{m}")
        for k in range(2):
            np.save(f"{d}/{m}/l{k}.npy", rng.random((12, 2 + k), dtype=np.float32))
    runs = {
        "exact-ab.lmp": [f"{d}/a", f"{d}/b", "--samples", "0:8"],
        "exact-aa.lmp": [f"{d}/a", "--samples", "4:"],
        "minibatch-ab.lmp": [f"{d}/a", f"{d}/b", "--estimator", "minibatch", "--batch-size", "4", "--samples", "4:12"],
    }
    for name, args in runs.items():
        subprocess.run([binary, "compute", *args, "--partial", f"{d}/{name}"], check=True, capture_output=True)
        put("shard", name, open(f"{d}/{name}", "rb").read())
