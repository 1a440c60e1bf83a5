"""Independent numpy/scipy reference for layermap's CCA family and regression measures,
and the fixtures the MeasuresCCATests read.

Run from this directory:  python3 make_fixtures.py
Writes:
  cases.json            one entry per case: shapes, file names, numerical ranks, and the
                        expected values of every measure in both orientations (X→Y and Y→X);
                        null where the measure is undefined.
  <case>_x.bin, _y.bin  the layers as raw little-endian float32, row-major N×D
                        (the shape is in cases.json).

Written from the published definitions, not from layermap's code. The route differs on purpose:
layermap takes an SVD of each centred layer and the singular values of Q_Xᵀ Q_Y. Here:
  * centring:  Xc = X - mean(X, axis=0) in float64 (the float32 data widened exactly).
  * rank:      for the CCA family, the count of singular values (float64 SVD of the centred
               layer) > RANK_RTOL · σ_max, RANK_RTOL = 1e-6 (layermap's --rank-rtol default);
               for regression (lstsq_rank), > σ_max · max(N, D) · eps(float32)
               (numpy.linalg.matrix_rank's default for float32 input).
  * CCA:       whitening by the eigendecomposition of the covariance: Σxx = V Λ Vᵀ, keep the
               eigenvalues with sqrt(λ) > tol, W_x = V_r Λ_r^(-1/2); the canonical correlations
               are the singular values of W_xᵀ Σxy W_y (Hotelling). Cross-checked against
               scipy.linalg.subspace_angles (cosines of principal angles).
               cca_rho = mean ρ_i, cca_r2 = mean ρ_i², over c = min(rank X, rank Y).
  * undefined: rank X + rank Y >= N (then rank X + rank Y - (N-1) correlations are 1 by
               construction); for SVCCA, k_X + k_Y >= N.
  * SVCCA:     per layer, k = smallest k with Σ_{i<=k} σ_i² >= 0.99 Σ σ_i² (capped at the rank);
               reduced layer U_k S_k; mean ρ of the CCA (whitening route) between the reduced
               layers, over min(k_X, k_Y).
  * PWCCA:     Morcos et al. 2018: canonical variates of X, h_i = Xc W_x a_i (unit norm),
               α_i = Σ_j |<h_i, xc_j>| over X's centred neurons, pwcca = Σ α_i ρ_i / Σ α_i over
               the c paired variates.
  * regression: least squares of Y on [1, X] (uncentred, intercept column) by
               scipy.linalg.lstsq(lapack_driver="gelsy", cond=max(N, D)·eps32);
               R² = 1 - ‖Y - Ŷ‖²_F / ‖Y - ȳ‖²_F. Cross-checked by numpy.linalg.lstsq on the
               centred layers.
  * held-out:  fit rows 0..<N//2, evaluate rows N//2..<N; X_F, Y_F centred by their fit-half
               means, B = minimum-norm lstsq (gelsd, cond = max(N//2, D)·eps32; the SVD
               truncation is the definition: gelsy's rank-revealing QR truncates a near-dependent
               neuron slightly differently, by ~1e-10 in R² on the rank_deficient case);
               Ŷ_E = ȳ_F + (X_E - x̄_F) B; R² = 1 - ‖Y_E - Ŷ_E‖²_F / ‖Y_E - ȳ_E‖²_F.
"""
import json
import numpy as np
import scipy.linalg as sla

EPS32 = float(np.finfo(np.float32).eps)
# The CCA family's rank rule: sigma_i > RANK_RTOL * sigma_max on the float64 SVD of the
# centred layer (independent of N). Regression keeps numpy's float32 lstsq rule (EPS32).
RANK_RTOL = 1e-6
VARIANCE_KEPT = 0.99


def centred(a):
    a = a.astype(np.float64)
    return a - a.mean(axis=0)


def spectrum_tolerance(s, n, d):
    return s.max() * max(n, d) * EPS32


def numerical_rank(xc):
    n, d = xc.shape
    s = np.linalg.svd(xc, compute_uv=False)
    if s.size == 0 or s.max() == 0:
        return 0
    tol = spectrum_tolerance(s, n, d)
    # The fixtures must not sit near the threshold, or the rank would be a coin toss (a factor
    # of 4 is far beyond what rounding moves a singular value; weak_direction sits 8x below).
    assert not np.any((s > tol / 4) & (s < tol * 4)), f"singular value near the rank tolerance: {s}, tol {tol}"
    return int(np.sum(s > tol))


def cca_rank(xc):
    s = np.linalg.svd(xc, compute_uv=False)
    if s.size == 0 or s.max() == 0:
        return 0
    tol = s.max() * RANK_RTOL
    assert not np.any((s > tol / 10) & (s < tol * 10)), f"singular value near the CCA rank tolerance: {s}, tol {tol}"
    return int(np.sum(s > tol))


def cca_basis(xc):
    """An orthonormal basis of the span of Xc: its left singular vectors above the CCA rank
    tolerance (float64 SVD)."""
    u, s, _ = np.linalg.svd(xc, full_matrices=False)
    return u[:, :cca_rank(xc)]


def whitener(xc):
    """W (D×r) with (Xc W)ᵀ(Xc W) = I, from the SVD Xc = U S Vᵀ: W = V_r S_r⁻¹ over the
    directions above the CCA rank tolerance. (Through the covariance's eigendecomposition the
    weak directions kept by a relative tolerance of 1e-6 would be lost to squaring.)"""
    _, s, vt = np.linalg.svd(xc, full_matrices=False)
    r = cca_rank(xc)
    return vt[:r].T / s[:r]


def cca(xc, yc):
    """(ρ descending, A, W_x) with A the left singular vectors of the whitened cross-covariance."""
    wx, wy = whitener(xc), whitener(yc)
    a, rho, _ = np.linalg.svd(wx.T @ (xc.T @ yc) @ wy, full_matrices=False)
    c = min(wx.shape[1], wy.shape[1])
    rho = np.clip(rho[:c], 0.0, 1.0)
    # Cross-check: cosines of the principal angles between the spans.
    bx, by = cca_basis(xc), cca_basis(yc)
    cos = np.sort(np.cos(sla.subspace_angles(bx, by)))[::-1][:c]
    assert np.allclose(cos, rho, rtol=0, atol=1e-9), (cos, rho)
    return rho, a[:, :c], wx


def trivial(kx, ky, n):
    return kx + ky >= n


def cca_measures(xc, yc):
    n = xc.shape[0]
    rx, ry = cca_rank(xc), cca_rank(yc)
    if trivial(rx, ry, n):
        return None, None, None
    rho, a, wx = cca(xc, yc)
    h = xc @ wx @ a
    h /= np.linalg.norm(h, axis=0)
    alpha = np.abs(xc.T @ h).sum(axis=0)
    return float(rho.mean()), float((rho ** 2).mean()), float((alpha * rho).sum() / alpha.sum())


def svcca_kept(xc):
    u, s, _ = np.linalg.svd(xc, full_matrices=False)
    cum = np.cumsum(s ** 2)
    target = VARIANCE_KEPT * cum[-1]
    k = int(np.argmax(cum >= target)) + 1
    # Not a near tie at the threshold (the Swift SVD may differ in the last bits).
    assert abs(cum[k - 1] - target) > 1e-9 * cum[-1] and (k == 1 or abs(cum[k - 2] - target) > 1e-9 * cum[-1])
    k = min(k, cca_rank(xc))
    return k, u[:, :k] * s[:k]


def svcca(xc, yc):
    n = xc.shape[0]
    kx, rx = svcca_kept(xc)
    ky, ry = svcca_kept(yc)
    if trivial(kx, ky, n):
        return None, kx, ky
    rho, _, _ = cca(rx, ry)
    return float(rho.mean()), kx, ky


def regression(x, y):
    n, dx = x.shape
    x64, y64 = x.astype(np.float64), y.astype(np.float64)
    yc = y64 - y64.mean(axis=0)
    total = np.sum(yc ** 2)
    if total == 0:
        return None, None
    design = np.hstack([np.ones((n, 1)), x64])
    b, _, _, _ = sla.lstsq(design, y64, cond=max(n, dx + 1) * EPS32, lapack_driver="gelsy")
    r2 = 1 - np.sum((y64 - design @ b) ** 2) / total
    xc = x64 - x64.mean(axis=0)
    b2 = np.linalg.lstsq(xc, yc, rcond=max(n, dx) * EPS32)[0]
    assert abs(r2 - (1 - np.sum((yc - xc @ b2) ** 2) / total)) < 1e-10
    heldout = None
    if n >= 4:
        f, e = slice(0, n // 2), slice(n // 2, n)
        mx, my = x64[f].mean(axis=0), y64[f].mean(axis=0)
        xf, yf = x64[f] - mx, y64[f] - my
        ye = y64[e]
        denom = np.sum((ye - ye.mean(axis=0)) ** 2)
        if denom > 0:
            if np.all(xf == 0):
                bf = np.zeros((dx, y.shape[1]))
            else:
                bf, _, _, _ = sla.lstsq(xf, yf, cond=max(n // 2, dx) * EPS32, lapack_driver="gelsd")
            pred = my + (x64[e] - mx) @ bf
            heldout = float(1 - np.sum((ye - pred) ** 2) / denom)
    return float(min(1.0, r2)), heldout


def measures(x, y):
    xc, yc = centred(x), centred(y)
    rho, r2, pw = cca_measures(xc, yc)
    sv, kx, ky = svcca(xc, yc)
    reg, held = regression(x, y)
    return {"cca_rho": rho, "cca_r2": r2, "pwcca": pw, "svcca": sv, "svcca_k_x": kx,
            "svcca_k_y": ky, "regression": reg, "regression_heldout_r2": held}


def related(rng, x, dy, noise):
    w = rng.standard_normal((x.shape[1], dy))
    return np.tanh(x @ w / np.sqrt(x.shape[1])) * rng.uniform(0.5, 3, dy) + noise * rng.standard_normal((x.shape[0], dy)) + rng.normal(0, 2, dy)


def make_cases():
    rng = np.random.default_rng(20261123)
    cases = []

    # Generic, d_X ≠ d_Y, non-centred and anisotropic.
    x = rng.standard_normal((60, 8)) * rng.uniform(0.3, 3, 8) + rng.normal(0, 3, 8)
    cases.append(("generic", x, related(rng, x, 5, 0.5)))

    # Rank-deficient: X has a duplicated and a dead neuron; Y a dead neuron and one that is
    # the float32 sum of two others (exact in reals, off by rounding in float32).
    x = rng.standard_normal((50, 10)) * rng.uniform(0.5, 2, 10)
    x[:, 3] = x[:, 1]
    x[:, 7] = 0.25
    y = related(rng, x, 7, 0.3).astype(np.float32)
    y[:, 4] = 0.0
    y[:, 6] = y[:, 0] + y[:, 2]
    cases.append(("rank_deficient", x, y))

    # N close to D: rank X + rank Y = 22 < N = 24, defined but nearly trivial.
    x = rng.standard_normal((24, 10)) + 1.0
    cases.append(("n_close_to_d", x, related(rng, x, 12, 0.8)))

    # D_X ≥ N: CCA undefined, in-sample R² = 1, held-out R² meaningful (and negative here).
    x = rng.standard_normal((16, 20))
    cases.append(("wide_x", x, related(rng, x, 6, 0.4)))

    # Decaying spectra, so SVCCA keeps k < D in each layer.
    z = rng.standard_normal((120, 30))
    x = (z * 0.87 ** np.arange(30)) @ np.linalg.qr(rng.standard_normal((30, 30)))[0] + rng.normal(0, 1, 30)
    y = related(rng, z[:, :12] * 0.7 ** np.arange(12), 20, 0.05)
    cases.append(("decaying_spectra", x, y))

    # Isotropic noise layers, so SVCCA keeps nearly all directions.
    x = rng.standard_normal((200, 12))
    cases.append(("isotropic", x, 0.6 * x[:, :9] @ rng.standard_normal((9, 9)) + rng.standard_normal((200, 9))))

    # A real weak direction: X's sixth neuron varies 1.5e-5 as much as the others (σ ≈ 1.4e-5
    # σ_max: 14x above the CCA tolerance 1e-6, 8x below numpy's float32 rule 1000·ε32 = 1.2e-4),
    # and Y follows it closely: counting it or not changes every CCA measure.
    x = rng.standard_normal((1000, 6)) * np.array([1.0, 0.8, 0.7, 0.6, 0.5, 1.5e-5]) + np.append(rng.normal(0, 1, 5), 0.0)
    weak = (x[:, 5] - x[:, 5].mean()) / 1.5e-5
    y = np.column_stack([x[:, 0] + 0.5 * rng.standard_normal(1000), weak + 0.1 * rng.standard_normal(1000),
                         rng.standard_normal(1000)])
    cases.append(("weak_direction", x, y))
    return cases


def main():
    out = []
    for name, x, y in make_cases():
        x = np.ascontiguousarray(x, dtype="<f4")
        y = np.ascontiguousarray(y, dtype="<f4")
        x.tofile(f"{name}_x.bin")
        y.tofile(f"{name}_y.bin")
        entry = {
            "name": name, "n": x.shape[0], "dx": x.shape[1], "dy": y.shape[1],
            "x_file": f"{name}_x.bin", "y_file": f"{name}_y.bin",
            "rank_x": cca_rank(centred(x)), "rank_y": cca_rank(centred(y)),
            "lstsq_rank_x": numerical_rank(centred(x)), "lstsq_rank_y": numerical_rank(centred(y)),
            "xy": measures(x, y), "yx": measures(y, x),
        }
        out.append(entry)
        print(name, entry["rank_x"], entry["rank_y"], json.dumps(entry["xy"]))
    with open("cases.json", "w") as f:
        json.dump({"variance_kept": VARIANCE_KEPT, "rank_epsilon": EPS32, "rank_rtol": RANK_RTOL, "cases": out}, f, indent=1)


if __name__ == "__main__":
    main()
