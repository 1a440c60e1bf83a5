#!/usr/bin/env python3
"""Independent reference for linear CKA on the bundled samples.

    python3 samples/check_cka.py MODEL_A MODEL_B   # CKA grid as CSV
    python3 samples/check_cka.py                   # list the models

Rows are the layers of MODEL_A, columns the layers of MODEL_B. A model is a
name in the samples directory (next to this script; --dir to use another):
  NAME/              directory of .npy files, layers in natural order of the
                     file names (digit runs compared as numbers)
  NAME.npz           np.savez / np.savez_compressed, layers in archive order
  NAME.safetensors   layers in order of their data offsets
Each layer is an N x width matrix; all models share the same N inputs.

Linear CKA (Kornblith et al. 2019), in float64:
  X, Y column-centred;  CKA = ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F)
"""
import argparse
import json
import os
import re
import struct
import sys

import numpy as np
from safetensors import safe_open


def natural_key(s):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


def load_npy_dir(path):
    files = sorted((f for f in os.listdir(path) if f.endswith(".npy")), key=natural_key)
    return [(f[:-4], np.load(os.path.join(path, f))) for f in files]


def load_npz(path):
    with np.load(path) as z:
        return [(k, z[k]) for k in z.files]


def load_safetensors(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    order = sorted(header, key=lambda k: header[k]["data_offsets"][0])
    with safe_open(path, framework="np") as f:
        return [(k, f.get_tensor(k)) for k in order]


def find_models(root):
    models = {}
    for entry in sorted(os.listdir(root), key=natural_key):
        p = os.path.join(root, entry)
        if os.path.isdir(p):
            if any(f.endswith(".npy") for f in os.listdir(p)):
                models[entry] = (p, load_npy_dir)
        elif entry.endswith(".npz"):
            models[entry[:-4]] = (p, load_npz)
        elif entry.endswith(".safetensors"):
            models[entry[: -len(".safetensors")]] = (p, load_safetensors)
    return models


def load_model(models, name):
    if name not in models:
        sys.exit(f"unknown model {name!r}; have: {', '.join(models)}")
    path, loader = models[name]
    layers = loader(path)
    for lname, a in layers:
        if a.ndim != 2:
            sys.exit(f"{name}/{lname}: expected a 2-D array, got shape {a.shape}")
    return layers


def linear_cka(X, Y):
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    X = X - X.mean(axis=0)
    Y = Y - Y.mean(axis=0)
    num = np.linalg.norm(Y.T @ X, "fro") ** 2
    den = np.linalg.norm(X.T @ X, "fro") * np.linalg.norm(Y.T @ Y, "fro")
    return num / den if den > 0 else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="*", help="two model names (none: list the models)")
    ap.add_argument("--dir", default=os.path.dirname(os.path.abspath(__file__)),
                    help="samples directory (default: this script's directory)")
    args = ap.parse_args()
    models = find_models(args.dir)

    if not args.models:
        for name in models:
            layers = load_model(models, name)
            kind = os.path.basename(models[name][0])
            desc = ", ".join(f"{ln} {a.shape[1]}" for ln, a in layers)
            print(f"{name}: {kind}, N={layers[0][1].shape[0]}, {layers[0][1].dtype}: {desc}")
        return 0
    if len(args.models) != 2:
        ap.error("give two model names")

    A = load_model(models, args.models[0])
    B = load_model(models, args.models[1])
    n = {a.shape[0] for _, a in A + B}
    if len(n) != 1:
        sys.exit(f"layers disagree on the number of inputs: {sorted(n)}")

    print("," + ",".join(name for name, _ in B))
    for name, x in A:
        print(name + "," + ",".join(f"{linear_cka(x, y):.10g}" for _, y in B))
    return 0


if __name__ == "__main__":
    sys.exit(main())
