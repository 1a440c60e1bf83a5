"""Independent numpy reference for layermap's permutation test and bootstrap interval.

Writes significance.json: two small layers, explicit permutation and resample index lists,
and the p-value and 95 % percentile interval of linear CKA computed here in float64:
  p = (1 + #{perm : CKA(X, Y[perm]) >= observed}) / (m + 1)
  interval = np.percentile(CKA over resamples, [2.5, 97.5])   (linear interpolation)
  bca_low, bca_high: the BCa interval from scipy's own routine (scipy.stats._resampling.
  _bca_interval, what scipy.stats.bootstrap(method="BCa") calls) over the same resample
  values, the acceleration from the delete-one jackknife (n = 40 <= 100 groups)
Two cases: Y related to X (p should be 1/(m+1)) and Y unrelated to X.
"""
import json
import numpy as np
from scipy.stats._resampling import _bca_interval


def linear_cka(x, y):
    x = x - x.mean(0)
    y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def case(rng, related, n=40, dx=6, dy=5, m=49, b=60):
    x = rng.standard_normal((n, dx)).astype(np.float32)
    if related:
        y = (x @ rng.standard_normal((dx, dy)) + 0.5 * rng.standard_normal((n, dy))).astype(np.float32)
    else:
        y = rng.standard_normal((n, dy)).astype(np.float32)
    xd, yd = x.astype(np.float64), y.astype(np.float64)
    observed = linear_cka(xd, yd)
    perms = [rng.permutation(n).tolist() for _ in range(m)]
    resamples = [rng.integers(0, n, n).tolist() for _ in range(b)]
    permuted = [linear_cka(xd, yd[p]) for p in perms]
    boot = [linear_cka(xd[r], yd[r]) for r in resamples]
    p = (1 + sum(v >= observed for v in permuted)) / (m + 1)
    lo, hi = np.percentile(boot, [2.5, 97.5])

    def statistic(i, axis=-1):
        i = np.asarray(i).astype(int)
        flat = i.reshape(-1, i.shape[-1])
        return np.array([linear_cka(xd[r], yd[r]) for r in flat]).reshape(i.shape[:-1])

    with np.errstate(invalid="ignore"):
        a1, a2, _ = _bca_interval((np.arange(n).astype(float),), statistic, axis=-1, alpha=0.025,
                                  theta_hat_b=np.array(boot), batch=None, xp=np)
    # Every resample on one side of the value (z0 infinite): scipy's levels are NaN, there is
    # no BCa interval (null), and layermap falls back to the percentile interval.
    a1, a2 = float(a1), float(a2)
    if np.isfinite(a1) and np.isfinite(a2):
        bca_lo, bca_hi = np.percentile(boot, [float(a1) * 100, float(a2) * 100])
    else:
        bca_lo, bca_hi = None, None
    return {"x": x.tolist(), "y": y.tolist(), "permutations": perms, "resamples": resamples,
            "observed": observed, "p": p, "low": lo, "high": hi, "bca_low": bca_lo, "bca_high": bca_hi}


rng = np.random.default_rng(7)
with open("significance.json", "w") as f:
    json.dump({"related": case(rng, True), "unrelated": case(rng, False)}, f)
