"""Independent numpy / scikit-learn reference for layermap's direct matching under
constraints (regression-rank, regression-l1, the rank and sparsity sweeps), and the
fixtures LinearMatchingTests read.

Run from this directory:  python3 make_linear_matching_fixtures.py
Writes lm_<case>_{x,y}.bin (raw little-endian float32, row-major) and linear_matching.json
(shapes and expected values). Every value is computed in float64 from the float32 layers.

  Reduced rank:  A, B centred; M_LS = lstsq(A, B, rcond = max(N, D)·eps_float32); F = A M_LS;
                 V_k the top k right singular vectors of F (numpy SVD); M_k = M_LS V_k V_kᵀ;
                 R²_k = 1 − ‖B − A M_k‖² / ‖B‖². Held-out: the same on rows 0..<N/2 (centred by
                 their means), predicting rows N/2..<N (centred by the fit half's means),
                 R² = 1 − SS_res / Σ‖b_i − b̄_E‖². Full rank: singular values of F above
                 s_max·max(rank A, D_B)·eps_float32.
  Lasso:         sklearn.linear_model.Lasso(alpha, fit_intercept=True, tol=1e-12,
                 max_iter=1_000_000) on A (N×D_A) and B (N×D_B): M = coef_.T; R² pooled as
                 above from predict(); zero fraction = mean(coef_ == 0); held-out: fit on the
                 first half, predict the second. α_max = max|AcᵀBc| / N.
  Sweep grid:    α_i = α_max·10^(−3i/11), i = 0…11 (sklearn's lasso_path grid, eps = 1e-3).
"""
import json
import os
import warnings

import numpy as np
from sklearn.linear_model import Lasso

EPS32 = float(np.finfo(np.float32).eps)
OUT = {"generator": "make_linear_matching_fixtures.py (numpy float64, scikit-learn Lasso)", "cases": []}


def save(name, m):
    m = np.ascontiguousarray(m, dtype="<f4")
    m.tofile(f"{name}.bin")
    return {"file": f"{name}.bin", "rows": int(m.shape[0]), "cols": int(m.shape[1])}, m.astype(np.float64)


def lstsq(a, b):
    n, d = a.shape
    return np.linalg.lstsq(a, b, rcond=max(n, d) * EPS32)[0]


def rank_fit(a, b):
    """M_LS, V (all right singular vectors of the fitted values) and their rank."""
    m = lstsq(a, b)
    f = a @ m
    _, s, vt = np.linalg.svd(f, full_matrices=False)
    ra = np.linalg.matrix_rank(a, tol=np.linalg.svd(a, compute_uv=False)[0] * max(a.shape) * EPS32) if a.any() else 0
    full = int((s > s[0] * max(ra, b.shape[1]) * EPS32).sum()) if s[0] > 0 else 0
    return m, vt.T, full


def reduced_rank(x, y, ks):
    a, b = x - x.mean(0), y - y.mean(0)
    m, v, full = rank_fit(a, b)
    n = x.shape[0]
    h = n // 2
    af, bf = x[:h] - x[:h].mean(0), y[:h] - y[:h].mean(0)
    ae, be = x[h:] - x[:h].mean(0), y[h:] - y[:h].mean(0)
    mf, vf, full_f = rank_fit(af, bf)
    tot_e = ((y[h:] - y[h:].mean(0)) ** 2).sum()
    out = {"full_rank": full, "points": []}
    for k in ks:
        kk = min(k, full)
        mk = m @ v[:, :kk] @ v[:, :kk].T
        r2 = 1 - ((b - a @ mk) ** 2).sum() / (b ** 2).sum()
        kf = max(1, min(k, full_f))
        mkf = mf @ vf[:, :kf] @ vf[:, :kf].T
        held = 1 - ((be - ae @ mkf) ** 2).sum() / tot_e
        out["points"].append({"k": int(k), "r2": float(r2), "heldout_r2": float(held)})
    return out


def lasso(x, y, alpha):
    model = Lasso(alpha=alpha, fit_intercept=True, tol=1e-12, max_iter=1_000_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning must fail the script
        model.fit(x, y)
    coef = np.atleast_2d(model.coef_)
    res = ((y - model.predict(x)) ** 2).sum()
    return model, coef, 1 - res / ((y - y.mean(0)) ** 2).sum()


def lasso_case(x, y, alpha):
    model, coef, r2 = lasso(x, y, alpha)
    h = x.shape[0] // 2
    hm, _, _ = lasso(x[:h], y[:h], alpha)
    held = 1 - ((y[h:] - hm.predict(x[h:])) ** 2).sum() / ((y[h:] - y[h:].mean(0)) ** 2).sum()
    return {"alpha": alpha, "r2": float(r2), "heldout_r2": float(held),
            "zero_fraction": float((coef == 0).mean()), "coef": coef.T.ravel().tolist()}


def alpha_max(x, y):
    a, b = x - x.mean(0), y - y.mean(0)
    return float(np.abs(a.T @ b).max() / x.shape[0])


def case(name, x32, y32, ks, alphas, sweep=False, coefs=True):
    ex, x = save(f"lm_{name}_x", x32)
    ey, y = save(f"lm_{name}_y", y32)
    c = {"name": name, "x": ex, "y": ey, "alpha_max": alpha_max(x, y),
         "rank": reduced_rank(x, y, ks), "lasso": [lasso_case(x, y, a) for a in alphas]}
    if not coefs:
        for entry in c["lasso"]:
            del entry["coef"]
    if sweep:
        grid = [c["alpha_max"] * 10 ** (-3 * i / 11) for i in range(12)]
        c["sparsity_sweep"] = []
        for a in grid:
            e = lasso_case(x, y, a)
            del e["coef"]
            c["sparsity_sweep"].append(e)
        full = c["rank"]["full_rank"]
        ks_sweep, k = [], 1
        while k < full:
            ks_sweep.append(k)
            k *= 2
        c["rank_sweep"] = reduced_rank(x, y, ks_sweep + [full])["points"]
    OUT["cases"].append(c)


def main():
    rng = np.random.default_rng(20210611)
    # A linear map plus noise: the lasso keeps some weights, the rank constraint binds.
    x = rng.standard_normal((80, 10)).astype(np.float32)
    w = rng.standard_normal((10, 6)) * (rng.uniform(size=(10, 6)) < 0.4)
    y = (x @ w + 0.3 * rng.standard_normal((80, 6)) + 2.0).astype(np.float32)
    case("seeded_sparse", x, y, [1, 2, 3, 6, 20], [0.01, 0.05, 0.2, 1.0])
    # Correlated predictors and a low-rank response.
    base = rng.standard_normal((120, 4))
    x = (base @ rng.standard_normal((4, 12)) + 0.2 * rng.standard_normal((120, 12))).astype(np.float32)
    y = (base[:, :2] @ rng.standard_normal((2, 7)) + 0.1 * rng.standard_normal((120, 7))).astype(np.float32)
    case("seeded_lowrank", x, y, [1, 2, 4, 7], [0.003, 0.03, 0.3], sweep=True)
    # The trained networks of samples/: tanh seed 0 layer3 → tanh seed 1 layer3.
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "samples")
    xs = np.load(os.path.join(root, "tanh-s0", "layer3.npy")).astype(np.float32)
    ys = np.load(os.path.join(root, "tanh-s1.npz"))["layer3"].astype(np.float32)
    case("samples_tanh_layer3", xs, ys, [1, 2, 4, 8, 16, 32, 64, 96], [0.01, 0.03], sweep=True, coefs=False)
    with open("linear_matching.json", "w") as f:
        json.dump(OUT, f, indent=1)


if __name__ == "__main__":
    main()
