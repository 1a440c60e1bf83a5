"""numpy / scikit-learn baseline for bench/linear_matching.sh: the full 8×8 grid of
tanh-s0 × tanh-s1 (samples/) for regression (numpy lstsq), regression-rank (lstsq, then the
SVD of the fitted values, k = 8) and regression-l1 (sklearn Lasso, alpha = 0.01, tol = 1e-10
relative duality gap as layermap's, precompute=True: coordinate descent on the Gram), each
with its held-out fit on the first half, as a user would write it. Prints one JSON line of
seconds per measure (reading the layers included). Single-threaded BLAS is set by the caller.

    python3 bench/linear_matching_baseline.py samples/tanh-s0 samples/tanh-s1.npz
"""
import json
import os
import sys
import time
import warnings

import numpy as np
from sklearn.linear_model import Lasso

EPS32 = float(np.finfo(np.float32).eps)


def layers(path):
    if path.endswith(".npz"):
        z = np.load(path)
        return [z[k].astype(np.float64) for k in sorted(z.files)]
    names = sorted(f for f in os.listdir(path) if f.endswith(".npy"))
    return [np.load(os.path.join(path, f)).astype(np.float64) for f in names]


def lstsq_fit(x, y):
    a, b = x - x.mean(0), y - y.mean(0)
    return a, b, np.linalg.lstsq(a, b, rcond=max(a.shape) * EPS32)[0]


def regression(x, y, k=None):
    out = []
    for xs, ys in ((x, y), (x[: len(x) // 2], y[: len(y) // 2])):
        a, b, m = lstsq_fit(xs, ys)
        if k is not None:
            v = np.linalg.svd(a @ m, full_matrices=False)[2][:k].T
            m = m @ v @ v.T
        out.append(1 - ((b - a @ m) ** 2).sum() / (b ** 2).sum())
    return out


def lasso(x, y):
    out = []
    for xs, ys in ((x, y), (x[: len(x) // 2], y[: len(y) // 2])):
        model = Lasso(alpha=0.01, tol=1e-10, max_iter=10_000, precompute=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(xs, ys)
        out.append(1 - ((ys - model.predict(xs)) ** 2).sum() / ((ys - ys.mean(0)) ** 2).sum())
    return out


def main():
    a_path, b_path = sys.argv[1], sys.argv[2]
    result = {}
    for name, f in (("regression", regression), ("regression-rank", lambda x, y: regression(x, y, 8)),
                    ("regression-l1", lasso)):
        t = time.perf_counter()
        xs, ys = layers(a_path), layers(b_path)
        for x in xs:
            for y in ys:
                f(x, y)
        result[name] = time.perf_counter() - t
    print(json.dumps(result))


if __name__ == "__main__":
    main()
