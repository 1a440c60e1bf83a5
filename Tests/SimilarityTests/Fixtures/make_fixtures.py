"""Independent numpy reference for layermap's CKA family, and the fixtures its tests read.

Run from this directory:  python3 make_fixtures.py
Writes:
  golden_X.npy, golden_Y.npy  the reference notebook's example (Kornblith et al. 2019 demo):
                              np.random.seed(1337); X = randn(100, 10); Y = X + randn(100, 10)
  random_cases.json           seeded random layer pairs (stored as .npy files below) with their
                              linear, RBF and debiased CKA and HSIC terms computed here in float64.
  case_<k>_x.npy, case_<k>_y.npy

Everything here is written from the published definitions, not from layermap's code:
  K = X Xᵀ (linear) or K_ij = exp(-‖xi-xj‖² / (2σ²)), σ² = frac² · median of the full n×n
  squared-distance matrix (zero diagonal included); H = I - 11ᵀ/n;
  biased HSIC = tr(K H L H) / (n-1)²;
  unbiased HSIC (Song et al. 2012) with K̃, L̃ = K, L with zeroed diagonals:
      [tr(K̃L̃) + 1ᵀK̃1·1ᵀL̃1/((n-1)(n-2)) - 2/(n-2)·1ᵀK̃L̃1] / (n(n-3));
  CKA = HSIC(K,L) / sqrt(HSIC(K,K) HSIC(L,L)).
"""
import json
import numpy as np


def linear_gram(x):
    return x @ x.T


def rbf_gram(x, fraction=0.5):
    g = x @ x.T
    sq = np.diag(g)
    d2 = sq[:, None] + sq[None, :] - 2.0 * g
    med = np.median(d2)
    return np.exp(-d2 / (2.0 * fraction ** 2 * med))


def hsic_biased(k, l):
    n = k.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    return np.trace(k @ h @ l @ h) / (n - 1) ** 2


def hsic_unbiased(k, l):
    n = k.shape[0]
    kt = k.copy(); np.fill_diagonal(kt, 0.0)
    lt = l.copy(); np.fill_diagonal(lt, 0.0)
    one = np.ones(n)
    term1 = np.trace(kt @ lt)
    term2 = (one @ kt @ one) * (one @ lt @ one) / ((n - 1) * (n - 2))
    term3 = 2.0 / (n - 2) * (one @ kt @ lt @ one)
    return (term1 + term2 - term3) / (n * (n - 3))


def terms(k, l, unbiased):
    f = hsic_unbiased if unbiased else hsic_biased
    return {"xy": f(k, l), "xx": f(k, k), "yy": f(l, l)}


def cka_of(t):
    return t["xy"] / np.sqrt(t["xx"] * t["yy"])


def main():
    np.random.seed(1337)
    x = np.random.randn(100, 10)
    y = np.random.randn(100, 10) + x
    np.save("golden_X.npy", x)
    np.save("golden_Y.npy", y)
    kx, ky = linear_gram(x), linear_gram(y)
    print("golden linear CKA  ", cka_of(terms(kx, ky, False)))
    print("golden RBF CKA 0.5 ", cka_of(terms(rbf_gram(x), rbf_gram(y), False)))
    print("golden debiased CKA", cka_of(terms(kx, ky, True)))

    rng = np.random.default_rng(20261122)
    shapes = [(30, 5, 7), (64, 40, 12), (50, 80, 80), (17, 3, 30), (120, 16, 16)]
    cases = []
    for i, (n, dx, dy) in enumerate(shapes):
        # Correlated, non-centred, anisotropic layers: Y mixes a nonlinear map of X with noise.
        x = rng.standard_normal((n, dx)) * rng.uniform(0.2, 3.0, dx) + rng.normal(0, 2, dx)
        w = rng.standard_normal((dx, dy))
        y = np.maximum(x @ w, 0.0) + 0.5 * rng.standard_normal((n, dy)) + 1.0
        x = x.astype(np.float32)
        y = y.astype(np.float32)
        np.save(f"case_{i}_x.npy", x)
        np.save(f"case_{i}_y.npy", y)
        xd, yd = x.astype(np.float64), y.astype(np.float64)
        kx, ky = linear_gram(xd), linear_gram(yd)
        lin_b, lin_u = terms(kx, ky, False), terms(kx, ky, True)
        rx, ry = rbf_gram(xd, 0.5), rbf_gram(yd, 0.5)
        rbf_b, rbf_u = terms(rx, ry, False), terms(rx, ry, True)
        rx2, ry2 = rbf_gram(xd, 1.0), rbf_gram(yd, 1.0)
        cases.append({
            "name": f"case_{i}",
            "n": n, "dx": dx, "dy": dy,
            "linear_cka": cka_of(lin_b),
            "debiased_cka": cka_of(lin_u),
            "rbf_cka": cka_of(rbf_b),
            "rbf_cka_fraction_1": cka_of(terms(rx2, ry2, False)),
            "hsic": lin_b,
            "hsic_unbiased": lin_u,
            "rbf_hsic": rbf_b,
            "rbf_hsic_unbiased": rbf_u,
        })
    with open("random_cases.json", "w") as f:
        json.dump({"generator": "make_fixtures.py (numpy float64)", "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
