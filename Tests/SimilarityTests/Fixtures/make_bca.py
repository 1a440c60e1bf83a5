#!/usr/bin/env python3
"""Reference BCa intervals from scipy (scipy.stats.bootstrap's own BCa routine), on fixed
bootstrap statistics, for BCaIntervalTests.swift.

    cd Tests/SimilarityTests/Fixtures && python3 make_bca.py    # rewrites bca.json

For each case: paired data (x, y) of n samples, a statistic θ (R² of a least-squares fit of
y on x, which resampling inflates, or a squared correlation), B resamples of indices drawn
with numpy's default_rng(seed). θ̂, every θ*_b and the delete-one jackknife values θ̂_(i)
are stored; the interval, z0, a and the levels come from scipy.stats._resampling._bca_interval
(the function scipy.stats.bootstrap(method="BCa") calls), with the percentiles taken as
scipy.stats.bootstrap does (np.percentile, linear).
"""
import json

import numpy as np
from scipy.special import ndtri
from scipy.stats._resampling import _bca_interval


def r2_fit(x, y):
    design = np.column_stack([np.ones(len(x)), x])
    beta = np.linalg.lstsq(design, y, rcond=None)[0]
    res = y - design @ beta
    return 1 - np.sum(res ** 2) / np.sum((y - y.mean()) ** 2)


def make_case(name, seed, n, d, b, noise, kind):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, d))
    y = x @ rng.standard_normal(d) * 0.3 + noise * rng.standard_normal(n)
    if kind == "r2_fit":
        stat1 = lambda idx: r2_fit(x[idx], y[idx])
    else:
        stat1 = lambda idx: np.corrcoef(x[idx, 0], y[idx])[0, 1] ** 2

    def statistic(i, axis=-1):
        i = np.asarray(i).astype(int)
        if i.ndim == 1:
            return np.asarray(stat1(i))
        flat = i.reshape(-1, i.shape[-1])
        return np.array([stat1(r) for r in flat]).reshape(i.shape[:-1])

    idx = np.arange(n).astype(float)
    observed = float(stat1(np.arange(n)))
    resamples = rng.integers(0, n, size=(b, n))
    theta_b = np.array([stat1(r) for r in resamples])
    jack = np.array([stat1(np.delete(np.arange(n), i)) for i in range(n)])
    out = _bca_interval((idx,), statistic, axis=-1, alpha=0.025, theta_hat_b=theta_b, batch=None, xp=np)
    a1, a2 = float(np.asarray(out[0])), float(np.asarray(out[1]))
    a_hat = float(np.asarray(out[2]))
    pct = (np.sum(theta_b < observed) + np.sum(theta_b <= observed)) / (2 * b)
    return {
        "name": name, "observed": observed, "resampled": theta_b.tolist(), "jackknife": jack.tolist(),
        "z0": float(ndtri(pct)), "acceleration": a_hat, "levels": [a1, a2],
        "low": float(np.percentile(theta_b, a1 * 100)), "high": float(np.percentile(theta_b, a2 * 100)),
        "percentile_low": float(np.percentile(theta_b, 2.5)), "percentile_high": float(np.percentile(theta_b, 97.5)),
        "bias": float(theta_b.mean() - observed),
    }


def main():
    cases = [make_case("r2_fit_inflated", 11, 40, 8, 400, 1.0, "r2_fit"),
             make_case("r2_fit_strong", 12, 60, 3, 300, 0.3, "r2_fit"),
             make_case("squared_correlation", 13, 50, 1, 500, 0.5, "corr2")]
    for c in cases:
        print(c["name"], c["observed"], c["low"], c["high"], c["percentile_low"], c["percentile_high"], c["acceleration"])
    with open("bca.json", "w") as f:
        json.dump({"cases": cases}, f)
        f.write("\n")


if __name__ == "__main__":
    main()
