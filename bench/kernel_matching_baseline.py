"""numpy / scipy baseline for bench/kernel_matching.sh: full grids of the NST kernels and of
max-correlation matching, written as a careful user would write them in numpy, one BLAS thread
(set by the caller). Prints one JSON line: for each measure, its seconds (reading the layers
included) and its grid, so the bench can also check that both sides computed the same thing.

    python3 bench/kernel_matching_baseline.py MODEL_A MODEL_B          # the N×D measures
    python3 bench/kernel_matching_baseline.py --conv MODEL_A MODEL_B   # nst-* on N×C×H×W layers

- mmd-linear, mmd-poly, mmd-gauss: each neuron's raw response vector scaled to unit length
  (NST's F.normalize; a zero neuron stays zero); biased MMD² over all pairs with k(a, b) = aᵀb,
  (aᵀb)², exp(−‖a − b‖²/2σ²), σ² the mean squared distance over pairs of distinct pooled points.
- max-corr: mean over X's non-constant neurons of max_j |Pearson r_ij| over Y's non-constant
  neurons; max-corr-spearman the same on average ranks (scipy.stats.rankdata).
- nst-*: per example, the C channel maps (H·W each) scaled to unit length, the larger layer
  average-pooled to the smaller H×W (torch's adaptive bins), biased MMD² per example averaged
  over the examples; Gaussian σ² per example over that example's pooled maps.
"""
import json
import os
import sys
import time

import numpy as np
from scipy.stats import rankdata


def layers(path):
    if path.endswith(".npz"):
        z = np.load(path)
        return [z[k] for k in sorted(z.files)]
    names = sorted(f for f in os.listdir(path) if f.endswith(".npy"))
    return [np.load(os.path.join(path, f)) for f in names]


def unit_columns(x):
    x = x.reshape(len(x), -1).astype(np.float64)
    n = np.linalg.norm(x, axis=0)
    return x / np.where(n > 0, n, 1)


def mmd(kxx, kyy, kxy):
    return kxx.mean() + kyy.mean() - 2 * kxy.mean()


def gauss_from_grams(gx, gy, gxy):
    """Biased Gaussian MMD² from the Gram matrices of the two point sets (points as columns)."""
    sx, sy = np.diag(gx), np.diag(gy)
    p = len(sx) + len(sy)
    total = np.concatenate([sx, sy]).sum()
    pooled_sum_sq = gx.sum() + gy.sum() + 2 * gxy.sum()  # ‖Σ_p z_p‖²
    sigma2 = (2 * p * total - 2 * pooled_sum_sq) / (p * (p - 1))
    if sigma2 <= 0:
        return float("nan")
    d = lambda a, b, g: np.maximum(a[:, None] + b[None, :] - 2 * g, 0)
    k = lambda dist: np.exp(-dist / (2 * sigma2))
    return mmd(k(d(sx, sx, gx)), k(d(sy, sy, gy)), k(d(sx, sy, gxy)))


def gauss_batch(gx, gy, gxy):
    """gauss_from_grams for a stack of examples (E×c×c Gram matrices), vectorised over E."""
    sx, sy = np.diagonal(gx, axis1=1, axis2=2), np.diagonal(gy, axis1=1, axis2=2)
    p = sx.shape[1] + sy.shape[1]
    total = sx.sum(1) + sy.sum(1)
    pooled_sum_sq = gx.sum((1, 2)) + gy.sum((1, 2)) + 2 * gxy.sum((1, 2))
    sigma2 = ((2 * p * total - 2 * pooled_sum_sq) / (p * (p - 1)))[:, None, None]
    d = lambda a, b, g: np.maximum(a[:, :, None] + b[:, None, :] - 2 * g, 0)
    k = lambda dist: np.exp(-dist / (2 * sigma2))
    return k(d(sx, sx, gx)).mean((1, 2)) + k(d(sy, sy, gy)).mean((1, 2)) - 2 * k(d(sx, sy, gxy)).mean((1, 2))


def mmd_grids(xs, ys):
    out = {}
    t0 = time.perf_counter()
    ux, uy = [unit_columns(x) for x in xs], [unit_columns(y) for y in ys]
    mx, my = [u.mean(1) for u in ux], [u.mean(1) for u in uy]
    out["mmd-linear"] = [[float(np.sum((a - b) ** 2)) for b in my] for a in mx]
    t1 = time.perf_counter()
    grams_x, grams_y = [u.T @ u for u in ux], [u.T @ u for u in uy]
    t2 = time.perf_counter()
    out["mmd-poly"] = [[float(mmd(gx ** 2, gy ** 2, (a.T @ b) ** 2)) for b, gy in zip(uy, grams_y)]
                       for a, gx in zip(ux, grams_x)]
    t3 = time.perf_counter()
    out["mmd-gauss"] = [[float(gauss_from_grams(gx, gy, a.T @ b)) for b, gy in zip(uy, grams_y)]
                        for a, gx in zip(ux, grams_x)]
    t4 = time.perf_counter()
    shared = t2 - t1  # the Gram matrices: counted once for each measure that needs them
    return out, {"mmd-linear": t1 - t0, "mmd-poly": (t1 - t0) + shared + (t3 - t2),
                 "mmd-gauss": (t1 - t0) + shared + (t4 - t3)}


def standardised(x, ranks=False):
    x = x.reshape(len(x), -1).astype(np.float64)
    if ranks:
        x = rankdata(x, axis=0)
    c = x - x.mean(0)
    s = np.sqrt((c ** 2).sum(0))
    live = s > 0
    return c[:, live] / s[live]


def max_corr_grid(xs, ys, ranks):
    t0 = time.perf_counter()
    zx, zy = [standardised(x, ranks) for x in xs], [standardised(y, ranks) for y in ys]
    grid = [[float(np.abs(a.T @ b).max(axis=1).mean()) for b in zy] for a in zx]
    return grid, time.perf_counter() - t0


def adaptive_pool(x, h, w):
    """torch.nn.functional.adaptive_avg_pool2d bins: start floor(i·H/h), end ceil((i+1)·H/h)."""
    n, c, hh, ww = x.shape
    if (hh, ww) == (h, w):
        return x
    out = np.empty((n, c, h, w))
    for i in range(h):
        r0, r1 = (i * hh) // h, -((-(i + 1) * hh) // h)
        for j in range(w):
            c0, c1 = (j * ww) // w, -((-(j + 1) * ww) // w)
            out[:, :, i, j] = x[:, :, r0:r1, c0:c1].mean(axis=(2, 3))
    return out


def nst_grids(xs, ys):
    grids = {"nst-linear": [], "nst-poly": [], "nst-gauss": []}
    spent = {"shared": 0.0, "nst-linear": 0.0, "nst-poly": 0.0, "nst-gauss": 0.0}
    for x in xs:
        rows = {k: [] for k in grids}
        for y in ys:
            t0 = time.perf_counter()
            h, w = min(x.shape[2], y.shape[2]), min(x.shape[3], y.shape[3])
            a = adaptive_pool(x.astype(np.float64), h, w).reshape(len(x), x.shape[1], -1)
            b = adaptive_pool(y.astype(np.float64), h, w).reshape(len(y), y.shape[1], -1)
            a = a / np.where((na := np.linalg.norm(a, axis=2, keepdims=True)) > 0, na, 1)
            b = b / np.where((nb := np.linalg.norm(b, axis=2, keepdims=True)) > 0, nb, 1)
            t1 = time.perf_counter()
            rows["nst-linear"].append(float(np.mean(np.sum((a.mean(1) - b.mean(1)) ** 2, axis=1))))
            t2 = time.perf_counter()
            gx, gy, gxy = a @ a.transpose(0, 2, 1), b @ b.transpose(0, 2, 1), a @ b.transpose(0, 2, 1)
            t3 = time.perf_counter()
            rows["nst-poly"].append(float(np.mean((gx ** 2).mean((1, 2)) + (gy ** 2).mean((1, 2))
                                                  - 2 * (gxy ** 2).mean((1, 2)))))
            t4 = time.perf_counter()
            rows["nst-gauss"].append(float(np.mean(gauss_batch(gx, gy, gxy))))
            t5 = time.perf_counter()
            spent["shared"] += t1 - t0
            spent["nst-linear"] += t2 - t1
            spent["nst-poly"] += (t3 - t2) + (t4 - t3)
            spent["nst-gauss"] += (t3 - t2) + (t5 - t4)
        for k in grids:
            grids[k].append(rows[k])
    # Pooling and normalising are charged to each measure; the Grams to poly and gauss.
    return grids, {k: spent["shared"] + spent[k] for k in grids}


def main():
    args = sys.argv[1:]
    conv = args[0] == "--conv"
    if conv:
        args = args[1:]
    t0 = time.perf_counter()
    xs, ys = layers(args[0]), layers(args[1])
    read = time.perf_counter() - t0
    result = {}
    if conv:
        grids, times = nst_grids(xs, ys)
        for k in grids:
            result[k] = {"seconds": read + times[k], "grid": grids[k]}
    else:
        grids, times = mmd_grids(xs, ys)
        for k in grids:
            result[k] = {"seconds": read + times[k], "grid": grids[k]}
        for name, ranks in (("max-corr", False), ("max-corr-spearman", True)):
            grid, seconds = max_corr_grid(xs, ys, ranks)
            result[name] = {"seconds": read + seconds, "grid": grid}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
