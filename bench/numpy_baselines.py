"""numpy baselines for `make bench`: the same linear-CKA grid the way people compute it today.

    python3 bench/numpy_baselines.py per-pair  MODEL_A_DIR MODEL_B_DIR [--pairs K]
    python3 bench/numpy_baselines.py gram-once MODEL_A_DIR MODEL_B_DIR [--check GRID.json]
    python3 bench/numpy_baselines.py sgemm [--n 5000 --k 2048]

per-pair   the reference notebook's recipe (Kornblith et al. 2019 demo): for every pair, build
           both linear Gram matrices (X Xᵀ, Y Yᵀ), check they are symmetric, centre them
           (subtract row and column means in float64), then HSIC = ⟨Kc, Lc⟩ and
           CKA = HSIC / (‖Kc‖ ‖Lc‖). With --pairs K only K pairs spread over the grid are timed
           and the time is scaled to the whole grid (the full run takes many minutes).
gram-once  each layer's centred Gram matrix and its norm once, then every pair's ⟨Kc, Lc⟩.
sgemm      numpy's own single-precision matrix product throughput (GFLOP/s, best of 3).

Each prints one JSON line. Inputs are directories of .npy files (layer order: natural sort).
Timings include reading the layers. numpy uses its own OpenBLAS with its default threads.
"""
import argparse
import json
import os
import re
import sys
import time

import numpy as np


def natural(s):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


def load(d):
    files = sorted((f for f in os.listdir(d) if f.endswith(".npy")), key=natural)
    return [np.load(os.path.join(d, f)) for f in files]


def gram(x):
    return x @ x.T


def centre(g):
    if not np.allclose(g, g.T, rtol=1e-4, atol=1e-4 * float(np.abs(g).max())):
        raise ValueError("not symmetric")
    g = g.astype(np.float64, copy=True)
    means = g.mean(axis=0)
    means -= means.mean() / 2
    g -= means[:, None]
    g -= means[None, :]
    return g


def cka_from(gx, gy):
    hsic = gx.ravel() @ gy.ravel()
    return hsic / (np.linalg.norm(gx) * np.linalg.norm(gy))


def per_pair(a_dir, b_dir, k):
    t0 = time.perf_counter()
    a, b = load(a_dir), load(b_dir)
    total = len(a) * len(b)
    pairs = [(i, j) for i in range(len(a)) for j in range(len(b))]
    if k and k < total:
        # Every row and every column once (7 is coprime with the layer count of the
        # benchmark), so the sample has the grid's mix of widths.
        pairs = [(m % len(a), (7 * m) % len(b)) for m in range(k)]
    load_seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    for i, j in pairs:
        cka_from(centre(gram(a[i])), centre(gram(b[j])))
    loop = time.perf_counter() - t1
    scaled = load_seconds + loop * total / len(pairs)
    return {"mode": "per-pair", "pairs_measured": len(pairs), "pairs_total": total,
            "load_seconds": load_seconds, "measured_seconds": load_seconds + loop, "seconds": scaled}


def gram_once(a_dir, b_dir, check):
    t0 = time.perf_counter()
    a, b = load(a_dir), load(b_dir)
    ga = [centre(gram(x)) for x in a]
    gb = [centre(gram(y)) for y in b]
    na = [np.linalg.norm(g) for g in ga]
    nb = [np.linalg.norm(g) for g in gb]
    grid = np.array([[(ga[i].ravel() @ gb[j].ravel()) / (na[i] * nb[j]) for j in range(len(gb))] for i in range(len(ga))])
    seconds = time.perf_counter() - t0
    out = {"mode": "gram-once", "pairs_total": grid.size, "seconds": seconds}
    if check:
        theirs = np.array(json.load(open(check))["values"], dtype=np.float64)
        out["max_abs_diff_vs_layermap"] = float(np.max(np.abs(theirs - grid)))
    return out


def sgemm(n, k):
    x = np.random.default_rng(0).random((n, k), dtype=np.float32)
    y = x.T.copy()
    best = 0.0
    for _ in range(3):
        t = time.perf_counter()
        x @ y
        best = max(best, 2 * n * n * k / (time.perf_counter() - t) / 1e9)
    return {"mode": "sgemm", "n": n, "k": k, "gflops": best}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["per-pair", "gram-once", "sgemm"])
    ap.add_argument("a", nargs="?")
    ap.add_argument("b", nargs="?")
    ap.add_argument("--pairs", type=int, default=0)
    ap.add_argument("--check")
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--k", type=int, default=2048)
    args = ap.parse_args()
    if args.mode == "per-pair":
        print(json.dumps(per_pair(args.a, args.b, args.pairs)))
    elif args.mode == "gram-once":
        print(json.dumps(gram_once(args.a, args.b, args.check)))
    else:
        print(json.dumps(sgemm(args.n, args.k)))


if __name__ == "__main__":
    sys.exit(main())
