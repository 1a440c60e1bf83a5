"""Every measure of one layer pair in float64, from the numpy/scipy references written apart
from layermap's Swift code: the CKA family from Tests/SimilarityTests/Fixtures/make_fixtures.py,
the CCA family and regression from Tests/MeasuresCCATests/Fixtures/make_fixtures.py, and
Procrustes, MMD, kNN and matched correlation from Tests/MeasuresMatchTests/Fixtures/make_fixtures.py.
Imported by make_samples_reference.py and make_trained_reference.py.
"""
import importlib.util
import os

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def load(name, rel):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, rel))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cka = load("cka_ref", "Tests/SimilarityTests/Fixtures/make_fixtures.py")
ccaref = load("cca_ref", "Tests/MeasuresCCATests/Fixtures/make_fixtures.py")
matchref = load("match_ref", "Tests/MeasuresMatchTests/Fixtures/make_fixtures.py")


def numerical_rank_with_gap_check(xc):
    """The CCA reference's rank rule (σ > σ_max·max(N, D)·ε_float32), with its ambiguity guard
    narrowed from a factor 100 to 10 either side of the threshold: the samples have layers of
    rank 54 whose smallest kept σ is about 70× the threshold and whose dropped ones are ~1e-15."""
    n, d = xc.shape
    s = np.linalg.svd(xc, compute_uv=False)
    if s.size == 0 or s.max() == 0:
        return 0
    tol = ccaref.spectrum_tolerance(s, n, d)
    assert not np.any((s > tol / 10) & (s < tol * 10)), "singular value near the rank tolerance"
    return int(np.sum(s > tol))


ccaref.numerical_rank = numerical_rank_with_gap_check


def all_measures(x, y):
    x = x.astype(np.float64)
    y = y.astype(np.float64)
    kx, ky = cka.linear_gram(x), cka.linear_gram(y)
    rx, ry = cka.rbf_gram(x, 0.5), cka.rbf_gram(y, 0.5)
    out = {
        "linear_cka": cka.cka_of(cka.terms(kx, ky, False)),
        "debiased_cka": cka.cka_of(cka.terms(kx, ky, True)),
        "rbf_cka": cka.cka_of(cka.terms(rx, ry, False)),
        "hsic": cka.terms(kx, ky, False),
        "hsic_unbiased": cka.terms(kx, ky, True),
    }
    out.update(ccaref.measures(x, y))
    pr = matchref.procrustes(x, y)
    out["procrustes"] = pr["value"]
    out["procrustes_distance"] = pr["distance"]
    out["mmd_poly"] = matchref.mmd_poly(x, y)
    out["mmd_linear"] = matchref.mmd_linear(x, y)
    out["mmd_gauss"] = matchref.mmd_gauss(x, y)["value"]
    out["max_corr"] = matchref.max_corr(x, y, False)["value"]
    out["knn"] = matchref.knn(x, y, 10)
    mc = matchref.matched_corr(x, y)
    out["matched_corr"] = mc["value"]
    out["matched_corr_dead_x"] = mc["dead_x"]
    out["matched_corr_dead_y"] = mc["dead_y"]
    def clean(v):
        if isinstance(v, dict):
            return {kk: float(vv) for kk, vv in v.items()}
        return None if v is None else float(v)
    return {k: clean(v) for k, v in out.items()}
