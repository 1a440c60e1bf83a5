#!/usr/bin/env python3
"""float64 reference for linear and debiased CKA on the bundled samples and on 1-D layers.

    python3 Tests/SimilarityTests/Fixtures/make_float64_paths.py   # rewrites float64_paths.json

Written from the definitions (Kornblith et al. 2019; Song et al. 2012), not from the Swift
code. Every layer is read as stored (float32) and widened to float64; everything after that is
float64:
  Xc = X - mean(X),  <Kc, Lc> = ||Xc^T Yc||_F^2,  linear CKA = <Kc,Lc> / sqrt(<Kc,Kc><Lc,Lc>)
  debiased CKA: HSIC_u of the U-centred Gram matrices (formed explicitly, n x n).
Grids: relu-s0 x relu-s1, wide x tanh-s0 (both .npz / directory), and 1-D layers: single
columns of the logit layers of tanh-s0 and tanh-s1 (columns 0, 3, 7).
"""
import json
import os
import re

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "..", "samples")


def natural_key(s):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]


def load(name):
    path = os.path.join(SAMPLES, name)
    if os.path.isdir(path):
        files = sorted((f for f in os.listdir(path) if f.endswith(".npy")), key=natural_key)
        return [(f[:-4], np.load(os.path.join(path, f))) for f in files]
    with np.load(path) as z:
        return [(k, z[k]) for k in z.files]


def linear_cka(x, y):
    x = x.astype(np.float64); y = y.astype(np.float64)
    x = x - x.mean(0); y = y - y.mean(0)
    return float(np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y)))


def ucentre(k):
    n = k.shape[0]
    k = k.copy(); np.fill_diagonal(k, 0)
    means = k.sum(0) / (n - 2)
    means -= means.sum() / (2 * (n - 1))
    k -= means[:, None]; k -= means[None, :]
    np.fill_diagonal(k, 0)
    return k


def debiased_cka(x, y):
    x = x.astype(np.float64); y = y.astype(np.float64)
    kx, ky = ucentre(x @ x.T), ucentre(y @ y.T)
    return float((kx * ky).sum() / np.sqrt((kx * kx).sum() * (ky * ky).sum()))


def grid(a, b, f):
    return [[f(x, y) for _, y in b] for _, x in a]


def main():
    out = {}
    for key, (ma, mb) in {"relu": ("relu-s0.npz", "relu-s1.npz"), "wide_tanh": ("wide.npz", "tanh-s0")}.items():
        a, b = load(ma), load(mb)
        out[key] = {"rows": ma, "cols": mb, "linear_cka": grid(a, b, linear_cka), "debiased_cka": grid(a, b, debiased_cka)}
    la = dict(load("tanh-s0"))["layer8_logits"]
    lb = dict(load("tanh-s1.npz"))["layer8_logits"]
    cols = [0, 3, 7]
    a = [(c, la[:, c:c + 1]) for c in cols]
    b = [(c, lb[:, c:c + 1]) for c in cols]
    out["one_d"] = {"rows": "tanh-s0 layer8_logits", "cols": "tanh-s1.npz layer8_logits", "columns": cols,
                    "linear_cka": grid(a, b, linear_cka), "debiased_cka": grid(a, b, debiased_cka)}
    with open(os.path.join(HERE, "float64_paths.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
