"""Reference values on the bundled samples, from numpy/scipy implementations written apart
from layermap's Swift code: the CKA family from Tests/SimilarityTests/Fixtures/make_fixtures.py,
the CCA family and regression from Tests/MeasuresCCATests/Fixtures/make_fixtures.py, and
Procrustes, MMD, kNN and matched correlation from Tests/MeasuresMatchTests/Fixtures/make_fixtures.py.
Models are loaded the way samples/check_cka.py loads them.

    python3 Tests/CLITests/Fixtures/make_samples_reference.py      (from the repository root)

Writes samples_reference.json: every measure for a set of layer pairs, and full linear-CKA
grids for a few model pairs (float64 throughout).
"""
import importlib.util
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_measures import ROOT, all_measures, cka, load  # noqa: E402

samples = load("samples_loader", "samples/check_cka.py")


def main():
    models = samples.find_models(os.path.join(ROOT, "samples"))
    loaded = {name: dict(loader(path)) for name, (path, loader) in models.items()}
    order = {name: [k for k, _ in loader(path)] for name, (path, loader) in models.items()}
    pairs = [
        ("tanh-s0", "layer1", "tanh-s1", "layer1"),
        ("tanh-s0", "layer3", "tanh-s2", "layer4"),
        ("tanh-s1", "layer6", "relu-s0", "layer6"),
        ("relu-s1", "layer2", "relu-s2", "layer7"),
        ("wide", "layer1", "tanh-s0", "layer2"),
        ("relu-s0", "layer8_logits", "wide", "layer3_logits"),
        ("tanh-s2", "layer5", "tanh-s2", "layer5"),
        ("tanh-s5", "layer4", "tanh-s4", "layer4"),
        ("relu-s3", "layer2", "tanh-s7", "layer3"),
    ]
    reference = {"pairs": [], "grids": []}
    for a, la, b, lb in pairs:
        reference["pairs"].append({"model_a": a, "layer_a": la, "model_b": b, "layer_b": lb,
                                   "values": all_measures(loaded[a][la], loaded[b][lb])})
    for a, b in [("tanh-s0", "tanh-s1"), ("relu-s0", "wide"), ("tanh-s2", "tanh-s2"), ("tanh-s6", "relu-s3")]:
        grid = [[float(cka.cka_of(cka.terms(cka.linear_gram(loaded[a][r].astype(np.float64)),
                                            cka.linear_gram(loaded[b][c].astype(np.float64)), False)))
                 for c in order[b]] for r in order[a]]
        reference["grids"].append({"model_a": a, "model_b": b, "rows": order[a], "cols": order[b], "linear_cka": grid})
    with open(os.path.join(os.path.dirname(__file__), "samples_reference.json"), "w") as f:
        json.dump(reference, f, indent=1)


if __name__ == "__main__":
    main()
