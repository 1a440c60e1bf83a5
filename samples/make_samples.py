#!/usr/bin/env python3
"""Regenerate the bundled sample activations in samples/.

Trains small MLPs on scikit-learn's bundled digits data (no download), runs
the forward pass by hand from coefs_/intercepts_ on a fixed held-out set, and
writes the post-activation outputs of every hidden layer plus the output
logits (float32, N x width) in several file formats.

Deterministic: fixed split, fixed seeds, BLAS pinned to one thread.
Usage: python3 samples/make_samples.py
"""
import os

# One BLAS thread: the results must not depend on the machine's core count.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import itertools
import json
import shutil
import struct
import sys
import time
import warnings

import numpy as np
from safetensors.numpy import save_file
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

OUT = os.path.dirname(os.path.abspath(__file__))

N_HELDOUT = 400
SPLIT_SEED = 1234
STD_FLOOR = 1.0  # grey levels (pixels are 0..16)

DEEP = (128, 128, 96, 96, 64, 64, 32)  # seven hidden layers, recipes A and B
WIDE = (256, 128)                    # the odd one out: wide and shallow

COMMON = dict(solver="adam", learning_rate_init=1e-3, batch_size=200,
              alpha=1e-4, max_iter=300)

# name -> (hidden sizes, activation, seed, format, stored dtype)
# Eight tanh seeds and four relu seeds let the seed baseline reach significance: with 4 + 4
# models there are C(8, 4) = 70 labellings, so p can go down to 2/70 ≈ 0.03 (3 + 3 gives only
# 20 labellings and p ≥ 0.1). The extra seeds are stored as float16 to keep samples/ small
# (and so the float16 readers are exercised on real data).
MODELS = {
    "tanh-s0": (DEEP, "tanh", 0, "npydir", np.float32),
    "tanh-s1": (DEEP, "tanh", 1, "npz", np.float32),
    "tanh-s2": (DEEP, "tanh", 2, "safetensors", np.float32),
    "tanh-s3": (DEEP, "tanh", 3, "npz_compressed", np.float16),
    "tanh-s4": (DEEP, "tanh", 4, "safetensors", np.float16),
    "tanh-s5": (DEEP, "tanh", 5, "npydir", np.float16),
    "tanh-s6": (DEEP, "tanh", 6, "npz", np.float16),
    "tanh-s7": (DEEP, "tanh", 7, "npz_compressed", np.float16),
    "relu-s0": (DEEP, "relu", 0, "npz_compressed", np.float32),
    "relu-s1": (DEEP, "relu", 1, "npz_compressed", np.float32),
    "relu-s2": (DEEP, "relu", 2, "safetensors", np.float32),
    "relu-s3": (DEEP, "relu", 3, "npz_compressed", np.float16),
    "wide": (WIDE, "tanh", 0, "npz_compressed", np.float32),
}


def load_data():
    """Standardised digits, fixed train / held-out split.

    Held-out rows are N_HELDOUT rows of load_digits() chosen by a fixed
    permutation, kept in ascending row order. Standardisation uses the train
    mean and std per pixel, with the std floored at STD_FLOOR: a few border
    pixels are almost always 0 in training (std ~0.03), and dividing by that
    turns a rare stroke into a value near 90 that dominates everything.
    """
    X, y = load_digits(return_X_y=True)
    perm = np.random.RandomState(SPLIT_SEED).permutation(len(X))
    test = np.sort(perm[:N_HELDOUT])
    train = np.sort(perm[N_HELDOUT:])
    mu = X[train].mean(axis=0)
    sd = np.maximum(X[train].std(axis=0), STD_FLOOR)
    return ((X[train] - mu) / sd, y[train], (X[test] - mu) / sd, y[test], test)


def layer_names(n_hidden):
    # layer1 .. layerK, then layer{K+1}_logits: plain, natural and
    # lexicographic sort all give network order (K + 1 <= 9 here).
    assert n_hidden + 1 <= 9
    return [f"layer{i}" for i in range(1, n_hidden + 1)] + [f"layer{n_hidden + 1}_logits"]


def forward(model, X):
    """Every hidden layer after its nonlinearity, then the logits."""
    act = {"relu": lambda a: np.maximum(a, 0.0), "tanh": np.tanh}[model.activation]
    h = X
    outs = []
    last = len(model.coefs_) - 1
    for i, (W, b) in enumerate(zip(model.coefs_, model.intercepts_)):
        h = h @ W + b
        if i < last:
            h = act(h)
        outs.append(h.astype(np.float32))
    # Sanity: our logits agree with sklearn's own forward pass.
    ref = model.predict_proba(X)
    z = outs[-1].astype(np.float64)
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    assert np.allclose(p, ref, atol=1e-4), "forward pass disagrees with sklearn"
    return outs


def safetensors_order(path):
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
    header.pop("__metadata__", None)
    return [k for k, v in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0])]


def write(name, fmt, layers):
    """layers: list of (layer name, float32 or float16 array) in network order."""
    for ext in ("", ".npz", ".safetensors"):
        p = os.path.join(OUT, name + ext)
        if os.path.isdir(p):
            shutil.rmtree(p)
        elif os.path.exists(p):
            os.remove(p)
    names = [n for n, _ in layers]
    if fmt == "npydir":
        d = os.path.join(OUT, name)
        os.makedirs(d)
        for n, a in layers:
            np.save(os.path.join(d, n + ".npy"), a)
        return d
    if fmt in ("npz", "npz_compressed"):
        p = os.path.join(OUT, name + ".npz")
        (np.savez if fmt == "npz" else np.savez_compressed)(p, **dict(layers))
        with np.load(p) as z:
            assert z.files == names, (z.files, names)
        return p
    if fmt == "safetensors":
        p = os.path.join(OUT, name + ".safetensors")
        save_file(dict(layers), p, metadata={"source": "layermap samples/make_samples.py"})
        os.chmod(p, 0o644)  # save_file creates it 0600
        order = safetensors_order(p)
        assert order == names, f"{p}: data-offset order {order} != {names}"
        return p
    raise ValueError(fmt)


def cka(X, Y):
    """Linear CKA (Kornblith et al. 2019), float64."""
    X = X.astype(np.float64)
    Y = Y.astype(np.float64)
    X = X - X.mean(axis=0)
    Y = Y - Y.mean(axis=0)
    return np.linalg.norm(Y.T @ X) ** 2 / (np.linalg.norm(X.T @ X) * np.linalg.norm(Y.T @ Y))


def grid(a, b):
    return np.array([[cka(x, y) for y in b] for x in a])


def diag_hits(G):
    """Rows whose maximum is the diagonal cell (a tie counts as a miss)."""
    hits = 0
    for i, row in enumerate(G):
        others = np.delete(row, i)
        hits += int(row[i] > others.max())
    return hits


def main():
    t0 = time.time()
    Xtr, ytr, Xte, yte, test_idx = load_data()
    print(f"train {len(Xtr)}, held-out N={len(Xte)}")

    acts, accs = {}, {}
    for name, (hidden, activation, seed, fmt, dtype) in MODELS.items():
        t = time.time()
        m = MLPClassifier(hidden_layer_sizes=hidden, activation=activation,
                          random_state=seed, **COMMON)
        with warnings.catch_warnings():
            warnings.simplefilter("error", ConvergenceWarning)
            m.fit(Xtr, ytr)
        outs = forward(m, Xte)
        accs[name] = float((outs[-1].argmax(axis=1) == yte).mean())
        outs = [o.astype(dtype) for o in outs]
        layers = list(zip(layer_names(len(hidden)), outs))
        acts[name] = [o.astype(np.float32) for o in outs]
        path = write(name, fmt, layers)
        print(f"{name:8s} {activation:4s} {str(hidden):28s} seed {seed} epochs {m.n_iter_:3d} "
              f"test acc {accs[name]:.4f}  -> {os.path.relpath(path, OUT)} ({fmt}, {np.dtype(dtype).name}) "
              f"[{time.time() - t:.1f}s]")

    with open(os.path.join(OUT, "heldout.txt"), "w") as f:
        f.write("# held-out rows of sklearn.datasets.load_digits(), in sample order: row_index label\n")
        for i, lab in zip(test_idx, yte):
            f.write(f"{i} {lab}\n")

    print("\nseed-vs-seed linear CKA, diagonal-max fraction over every ordered pair of seeds")
    for recipe in ("tanh", "relu"):
        names = [n for n in MODELS if n.startswith(recipe + "-")]
        hits = rows = 0
        per_row = np.zeros(len(acts[names[0]]), int)
        for a, b in itertools.permutations(names, 2):
            G = grid(acts[a], acts[b])
            hits += diag_hits(G)
            rows += len(G)
            per_row += [int(G[i, i] > np.delete(G[i], i).max()) for i in range(len(G))]
        print(f"  {recipe}: {hits}/{rows} = {hits / rows:.3f}   hits per layer (of {len(names) * (len(names) - 1)}): {per_row.tolist()}")

    print("\nmean linear CKA of corresponding layers (layer1 .. logits)")
    def mean_diag(ga, gb):
        v = [np.diag(grid(acts[a], acts[b])) for a in ga for b in gb if a != b]
        return " ".join(f"{x:.2f}" for x in np.mean(v, axis=0))
    T = [n for n in MODELS if n.startswith("tanh-")]
    R = [n for n in MODELS if n.startswith("relu-")]
    print(f"  tanh seeds vs tanh seeds: {mean_diag(T, T)}")
    print(f"  relu seeds vs relu seeds: {mean_diag(R, R)}")
    print(f"  tanh seeds vs relu seeds: {mean_diag(T, R)}")

    for a, b in (("tanh-s0", "tanh-s1"), ("relu-s0", "relu-s1")):
        G = grid(acts[a], acts[b])
        cols = [n.replace("layer", "L").replace("_logits", "") for n in layer_names(len(DEEP))]
        print(f"\nlinear CKA, rows {a}, columns {b}")
        print("      " + " ".join(f"{c:>5s}" for c in cols))
        for c, row in zip(cols, G):
            print(f"{c:>5s} " + " ".join(f"{v:5.2f}" for v in row))

    total = 0
    for root, _, files in os.walk(OUT):
        for fn in files:
            if fn.endswith((".npy", ".npz", ".safetensors")):
                total += os.path.getsize(os.path.join(root, fn))
    print(f"\nsample data: {total / 1e6:.2f} MB; took {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
