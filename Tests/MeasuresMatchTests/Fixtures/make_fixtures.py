"""Independent numpy/scipy reference for layermap's matching, Procrustes, MMD, kNN and
CKA-split code, and the fixtures its tests (MeasuresMatchTests) read.

Run from this directory:  python3 make_fixtures.py
Writes:
  <name>.bin       raw little-endian float32 matrices, row-major (shapes in manifest.json)
  manifest.json    every matrix's file and shape, and the expected values computed here

Everything is written from the published definitions, not from layermap's code. Layers
are float32; every reference value is computed in float64 from those float32 values.
  Assignment:     scipy.optimize.linear_sum_assignment(W, maximize=True), total Σ W[r, c].
  matched-corr:   Pearson r by np.corrcoef over the live (non-constant) neurons; matching
                  by linear_sum_assignment on |r|, maximised; value = mean |r| of the pairs.
  procrustes:     Xc, Yc column-centred, each divided by its Frobenius norm;
                  ‖XcᵀYc‖_* = sum of np.linalg.svd singular values; distance = 2 − 2·that.
  mmd-poly:       neurons = raw columns (no mean removed, as Neuron Selectivity Transfer's
                  F.normalize) scaled to unit length (zero stays zero);
                  k(a, b) = (aᵀb)²; MMD² = mean_ij k(x_i, x_j) + mean_ij k(y_i, y_j)
                  − 2 mean_ij k(x_i, y_j), as explicit double loops.
  knn:            rows of the centred layers; cosine similarity; a zero row has cosine −∞
                  with everything; each sample's k nearest others by (−cos, index);
                  value = mean_i |N_X(i) ∩ N_Y(i)| / k. Brute force.
  CKA split:      thin SVD of each centred layer, components with s > s0·max(N, D)·eps;
                  term_ij = λx_i λy_j (u_xiᵀu_yj)² / (n−1)²; the total also as the biased
                  HSIC tr(K H L H)/(n−1)² from the n×n Gram matrices.
"""
import itertools
import json
from fractions import Fraction

import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.spatial.distance import cdist
from scipy.stats import spearmanr

MANIFEST = {"generator": "make_fixtures.py (numpy float64, scipy)", "matrices": {},
            "assignments": [], "pairs": [], "knn_exact": []}


def save(name, m):
    m = np.ascontiguousarray(m, dtype="<f4")
    m.tofile(f"{name}.bin")
    MANIFEST["matrices"][name] = {"file": f"{name}.bin", "rows": int(m.shape[0]), "cols": int(m.shape[1])}
    return m.astype(np.float64)


# ---------------------------------------------------------------- assignment

def assignment_case(name, w32, record_pairs):
    w = save(name, w32)
    r, c = linear_sum_assignment(w, maximize=True)
    case = {"name": name, "total": float(w[r, c].sum()), "pair_count": int(len(r))}
    if record_pairs:
        case["rows"] = [int(v) for v in r]
        case["cols"] = [int(v) for v in c]
    MANIFEST["assignments"].append(case)


def make_assignments(rng):
    assignment_case("assign_square", rng.uniform(0, 1, (60, 60)).astype(np.float32), True)
    assignment_case("assign_wide", rng.standard_normal((40, 75)).astype(np.float32), True)
    assignment_case("assign_tall", rng.standard_normal((75, 40)).astype(np.float32), True)
    assignment_case("assign_large", rng.uniform(0, 1, (100, 100)).astype(np.float32), True)
    # Ties: few distinct values, so many optimal assignments share the total.
    assignment_case("assign_ties", rng.integers(0, 3, (50, 50)).astype(np.float32), False)
    assignment_case("assign_ties_wide", rng.integers(0, 4, (20, 35)).astype(np.float32), False)
    assignment_case("assign_ties_tall", rng.integers(0, 4, (35, 20)).astype(np.float32), False)
    assignment_case("assign_equal", np.full((30, 45), 0.5, dtype=np.float32), False)


# ---------------------------------------------------------------- measures

def centred(x):
    return x - x.mean(axis=0)


def matched_corr(x, y):
    live_x = np.flatnonzero(centred(x).std(axis=0) > 0)
    live_y = np.flatnonzero(centred(y).std(axis=0) > 0)
    both = np.corrcoef(np.hstack([x[:, live_x], y[:, live_y]]).T)
    r = both[:len(live_x), len(live_x):]
    a, b = linear_sum_assignment(np.abs(r), maximize=True)
    return {
        "value": float(np.abs(r[a, b]).mean()),
        "total": float(np.abs(r[a, b]).sum()),
        "dead_x": int(x.shape[1] - len(live_x)),
        "dead_y": int(y.shape[1] - len(live_y)),
        "x": [int(live_x[i]) for i in a],
        "y": [int(live_y[j]) for j in b],
        "r": [float(r[i, j]) for i, j in zip(a, b)],
    }


def procrustes(x, y):
    xc, yc = centred(x), centred(y)
    xn, yn = xc / np.linalg.norm(xc), yc / np.linalg.norm(yc)
    nuc = np.linalg.svd(xn.T @ yn, compute_uv=False).sum()
    return {"value": float(nuc), "distance": float(2 - 2 * nuc)}


def unit_neurons(x):
    xc = centred(x)
    out = np.zeros_like(xc)
    for j in range(xc.shape[1]):
        norm = np.sqrt(np.sum(xc[:, j] ** 2))
        if norm > 0:
            out[:, j] = xc[:, j] / norm
    return out


def raw_unit_neurons(x):
    x = x.astype(np.float64)
    out = np.zeros_like(x)
    for j in range(x.shape[1]):
        norm = np.sqrt(np.sum(x[:, j] ** 2))
        if norm > 0:
            out[:, j] = x[:, j] / norm
    return out


def mmd_poly(x, y):
    xs, ys = raw_unit_neurons(x).T, raw_unit_neurons(y).T
    def mean_k(a, b):
        s = 0.0
        for u in a:
            for v in b:
                s += float(u @ v) ** 2
        return s / (len(a) * len(b))
    return float(mean_k(xs, xs) + mean_k(ys, ys) - 2 * mean_k(xs, ys))


def mmd_linear(x, y):
    """NST's linear kernel k(a, b) = aᵀb over all pairs of unit raw neurons (V-statistic)."""
    xs, ys = raw_unit_neurons(x).T, raw_unit_neurons(y).T
    return float((xs @ xs.T).mean() + (ys @ ys.T).mean() - 2 * (xs @ ys.T).mean())


def mmd_gauss(x, y):
    """NST's Gaussian kernel exp(−‖a−b‖²/2σ²), σ² the mean squared distance over all pairs of
    distinct points of the pooled set of unit raw neurons; V-statistic."""
    xs, ys = raw_unit_neurons(x).T, raw_unit_neurons(y).T
    z = np.vstack([xs, ys])
    d2 = cdist(z, z, "sqeuclidean")
    p = z.shape[0]
    sigma2 = d2[~np.eye(p, dtype=bool)].mean()
    k = np.exp(-d2 / (2 * sigma2))
    dx = xs.shape[0]
    value = k[:dx, :dx].mean() + k[dx:, dx:].mean() - 2 * k[:dx, dx:].mean()
    return {"value": float(value), "sigma2": float(sigma2)}


def max_corr(x, y, spearman):
    """Mean over X's live neurons of the largest |r| with a live Y neuron (Pearson, or
    Spearman: scipy's spearmanr), and how many distinct Y neurons are picked."""
    live_x = np.flatnonzero(x.std(axis=0) > 0)
    live_y = np.flatnonzero(y.std(axis=0) > 0)
    if spearman:
        r = spearmanr(x[:, live_x], y[:, live_y]).statistic[:len(live_x), len(live_x):]
    else:
        r = np.corrcoef(np.hstack([x[:, live_x], y[:, live_y]]).T)[:len(live_x), len(live_x):]
    best = np.abs(r).argmax(axis=1)
    return {"value": float(np.abs(r).max(axis=1).mean()), "distinct_y": int(len(set(best.tolist()))),
            "dead_x": int(x.shape[1] - len(live_x)), "dead_y": int(y.shape[1] - len(live_y))}


def neighbour_sets(x, k):
    xc = centred(x)
    n = xc.shape[0]
    norms = np.sqrt(np.sum(xc ** 2, axis=1))
    sets = []
    for i in range(n):
        cand = []
        for j in range(n):
            if j == i:
                continue
            if norms[i] > 0 and norms[j] > 0:
                cos = float(xc[i] @ xc[j]) / (norms[i] * norms[j])
            else:
                cos = -np.inf
            cand.append((-cos, j))
        cand.sort()
        sets.append({j for _, j in cand[:k]})
    return sets


def knn(x, y, k):
    sx, sy = neighbour_sets(x, k), neighbour_sets(y, k)
    return float(np.mean([len(a & b) / k for a, b in zip(sx, sy)]))


def hsic_biased_trace(x, y):
    n = x.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    return float(np.trace((x @ x.T) @ h @ (y @ y.T) @ h) / (n - 1) ** 2)


def components(x):
    xc = centred(x)
    u, s, _ = np.linalg.svd(xc, full_matrices=False)
    keep = s > s[0] * max(xc.shape) * np.finfo(np.float64).eps
    return u[:, keep], s[keep] ** 2, float(np.sum(s ** 2))


def cka_split(x, y, top=8):
    n = x.shape[0]
    ux, lx, tx = components(x)
    uy, ly, ty = components(y)
    terms = np.outer(lx, ly) * (ux.T @ uy) ** 2 / (n - 1) ** 2
    total = float(terms.sum())
    flat = terms.ravel()
    order = np.argsort(-flat, kind="stable")[:top]
    # The order must be unambiguous for the test to compare (i, j) lists.
    ranked = flat[np.argsort(-flat, kind="stable")[:top + 1]]
    assert np.all(ranked[:-1] - ranked[1:] > 1e-9 * ranked[0]), "near-tied top contributions"
    top_terms = []
    for idx in order:
        i, j = divmod(int(idx), terms.shape[1])
        top_terms.append({"i": i, "j": j, "value": float(flat[idx]), "share": float(flat[idx] / total),
                          "lambda_x": float(lx[i]), "lambda_y": float(ly[j]),
                          "alignment": float((ux[:, i] @ uy[:, j]) ** 2)})
    return {"total": total, "hsic_trace": hsic_biased_trace(x, y), "top": top_terms,
            "explained_x": [float(v / tx) for v in lx], "explained_y": [float(v / ty) for v in ly],
            "rank_x": int(len(lx)), "rank_y": int(len(ly))}


def make_pairs(rng):
    # (name, n, dx, dy, dead columns in x, dead columns in y)
    shapes = [("pair_0", 40, 12, 9, [], []),
              ("pair_1", 64, 20, 20, [3, 7], [0]),
              ("pair_2", 30, 50, 35, [], []),
              ("pair_3", 25, 6, 40, [], [5, 6, 30]),
              ("pair_4", 80, 16, 24, [15], [])]
    for name, n, dx, dy, dead_x, dead_y in shapes:
        x = rng.standard_normal((n, dx)) * rng.uniform(0.2, 3.0, dx) + rng.normal(0, 2, dx)
        w = rng.standard_normal((dx, dy))
        y = np.maximum(x @ w, 0.0) + 0.5 * rng.standard_normal((n, dy)) + 1.0
        for j in dead_x:
            x[:, j] = 1.5
        for j in dead_y:
            y[:, j] = -0.25
        x = save(f"{name}_x", x.astype(np.float32))
        y = save(f"{name}_y", y.astype(np.float32))
        MANIFEST["pairs"].append({
            "name": name, "x": f"{name}_x", "y": f"{name}_y",
            "matched_corr": matched_corr(x, y),
            "procrustes": procrustes(x, y),
            "mmd_poly": mmd_poly(x, y),
            "mmd_linear": mmd_linear(x, y),
            "mmd_gauss": mmd_gauss(x, y),
            "max_corr": {"pearson": max_corr(x, y, False), "spearman": max_corr(x, y, True)},
            "mmd_poly_zero_neurons": [int(np.sum(~x.any(axis=0))), int(np.sum(~y.any(axis=0)))],
            "knn": {"5": knn(x, y, 5), "10": knn(x, y, 10)},
            "cka_split": cka_split(x, y),
        })


# ---------------------------------------------------------------- kNN with exact ties

def exact_neighbour_sets(xc_int, k, ties=None):
    """Ranks by exact rational cosine: sign(g)·g²/(a_i a_j) with g = ⟨r_i, r_j⟩, a = ‖r‖².
    When `ties` is a list, appends 1 for each sample whose k-th and (k+1)-th keys are equal
    (its set is decided by the tie-breaking order), else 0."""
    n = len(xc_int)
    sq = [sum(v * v for v in r) for r in xc_int]
    sets = []
    for i in range(n):
        cand = []
        for j in range(n):
            if j == i:
                continue
            if sq[i] == 0 or sq[j] == 0:
                key = None  # −∞
            else:
                g = sum(a * b for a, b in zip(xc_int[i], xc_int[j]))
                key = Fraction((1 if g >= 0 else -1) * g * g, sq[i] * sq[j])
            cand.append((key, j))
        # Highest key first, −∞ last; equal keys by lower index.
        cand.sort(key=lambda t: (t[0] is None, -(t[0] or 0), t[1]))
        sets.append({j for _, j in cand[:k]})
        if ties is not None:
            ties.append(int(len(cand) > k and cand[k - 1][0] == cand[k][0]))
    return sets


def make_exact_knn(rng):
    """Integer layers whose column means are exact: rows r, −r and one zero row, shifted by an
    integer offset. Duplicated rows give exactly tied cosines; the zero row is a sample with
    no direction."""
    m, d, k = 12, 4, 5
    base = rng.integers(-3, 4, (m, d))
    base[4] = base[1]            # duplicates: ties
    base[9] = base[1]
    base[7] = 2 * base[2]        # same direction, another length: a tie by cosine
    other = base.copy()
    other[rng.choice(m, 5, replace=False)] = rng.integers(-3, 4, (5, d))
    layers = []
    for tag, b, offset in (("x", base, 3), ("y", other, -2)):
        b = np.where(np.all(b == 0, axis=1, keepdims=True), 1, b)  # only the explicit zero row is zero
        xc = np.vstack([b, -b, np.zeros((1, d), dtype=b.dtype)])
        x = (xc + offset).astype(np.float32)
        save(f"knn_exact_{tag}", x)
        layers.append(xc.astype(int).tolist())
    tx, ty = [], []
    sx, sy = exact_neighbour_sets(layers[0], k, tx), exact_neighbour_sets(layers[1], k, ty)
    # The float64 brute force must agree with exact arithmetic on this data.
    fx = neighbour_sets(np.array(layers[0], dtype=np.float64), k)
    fy = neighbour_sets(np.array(layers[1], dtype=np.float64), k)
    assert fx == sx and fy == sy, "float ranking differs from exact ranking"
    MANIFEST["knn_exact"].append({
        "x": "knn_exact_x", "y": "knn_exact_y", "k": k,
        "neighbours_x": [sorted(s) for s in sx], "neighbours_y": [sorted(s) for s in sy],
        "value": float(np.mean([len(a & b) / k for a, b in zip(sx, sy)])),
        "zero_samples": 1,
        "tied_samples_x": sum(tx), "tied_samples_y": sum(ty),
    })


def main():
    rng = np.random.default_rng(20261122)
    make_assignments(rng)
    make_pairs(rng)
    make_exact_knn(rng)
    with open("manifest.json", "w") as f:
        json.dump(MANIFEST, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
