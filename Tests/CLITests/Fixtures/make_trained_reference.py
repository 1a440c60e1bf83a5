"""Trains two small ReLU networks with numpy and writes their activations and a float64
reference for every measure, for `TrainedNetworkReferenceTests`.

    python3 make_trained_reference.py OUT_DIR SEED

The networks are trained afresh on every run (a Gaussian-mixture task in 12-D, full-batch
gradient descent on softmax cross-entropy), so the Swift code is checked on trained
representations it was never tuned on. Two inits (seeds SEED and SEED + 1) see the same
inputs. Negative initial biases leave some ReLU units dead, as in real networks, which is
what the CCA family's rank rule must handle.

Writes OUT_DIR/net-a/{l1,l2,l3,logits}.npy, OUT_DIR/net-b/... (float32, N = 256) and
OUT_DIR/reference.json: for every metric, the rows×cols grid of net-a's layers against
net-b's, computed in float64 from the float32 values by the numpy references written apart
from layermap's Swift code (Tests/*/Fixtures/make_fixtures.py, gathered by
reference_measures.py's `all_measures`). A cell is null where the reference is
undefined; mutual kNN is null where a tie decides a neighbour set.
"""
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

N, D_IN, CLASSES = 256, 12, 4
WIDTHS = [64, 48, 32]
KNN_K = 10


def task(rng):
    centres = rng.standard_normal((CLASSES, D_IN)) * 1.5
    labels = rng.integers(0, CLASSES, N)
    x = centres[labels] + rng.standard_normal((N, D_IN))
    return x, labels


def train(x, labels, seed, steps=300, lr=0.05):
    rng = np.random.default_rng(seed)
    sizes = [D_IN] + WIDTHS + [CLASSES]
    ws = [rng.standard_normal((a, b)) * np.sqrt(2.0 / a) for a, b in zip(sizes[:-1], sizes[1:])]
    bs = [np.full(b, -0.3) for b in sizes[1:-1]] + [np.zeros(CLASSES)]
    onehot = np.eye(CLASSES)[labels]
    for _ in range(steps):
        acts = [x]
        for w, b in zip(ws[:-1], bs[:-1]):
            acts.append(np.maximum(acts[-1] @ w + b, 0))
        logits = acts[-1] @ ws[-1] + bs[-1]
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / N
        for i in range(len(ws) - 1, -1, -1):
            gw, gb = acts[i].T @ grad, grad.sum(axis=0)
            if i > 0:
                grad = (grad @ ws[i].T) * (acts[i] > 0)
            ws[i] -= lr * gw
            bs[i] -= lr * gb
    layers, a = [], x
    for w, b in zip(ws[:-1], bs[:-1]):
        a = np.maximum(a @ w + b, 0)
        layers.append(a)
    layers.append(a @ ws[-1] + bs[-1])
    return [l.astype(np.float32) for l in layers]


def knn_is_tied(x, k):
    """True when some sample's k-th and (k+1)-th cosines (centred rows) are equal to 1e-10."""
    xc = x - x.mean(axis=0)
    norms = np.linalg.norm(xc, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cos = (xc @ xc.T) / np.outer(norms, norms)
    cos[~np.isfinite(cos)] = -np.inf
    np.fill_diagonal(cos, np.nan)
    for i in range(x.shape[0]):
        row = np.sort(cos[i][~np.isnan(cos[i])])[::-1]
        if row.size > k and (row[k - 1] == row[k] or row[k - 1] - row[k] <= 1e-10):
            return True
    return False


def main():
    out, seed = sys.argv[1], int(sys.argv[2])
    sys.path.insert(0, HERE)
    import reference_measures as ref
    # The brute-force neighbour lists depend on one layer only: compute each layer's once.
    plain = ref.matchref.neighbour_sets
    memo = {}

    def neighbour_sets(x, k):
        key = (x.tobytes(), x.shape, k)
        if key not in memo:
            memo[key] = plain(x, k)
        return memo[key]
    ref.matchref.neighbour_sets = neighbour_sets
    x, labels = task(np.random.default_rng(seed + 1000))
    nets = {"net-a": train(x, labels, seed), "net-b": train(x, labels, seed + 1)}
    names = ["l1", "l2", "l3", "logits"]
    for net, layers in nets.items():
        os.makedirs(os.path.join(out, net), exist_ok=True)
        for name, layer in zip(names, layers):
            np.save(os.path.join(out, net, name + ".npy"), layer)
    keys = ["linear_cka", "rbf_cka", "debiased_cka", "cca_rho", "cca_r2", "svcca", "pwcca",
            "procrustes", "regression", "mmd_poly", "mmd_linear", "mmd_gauss", "knn", "matched_corr", "max_corr"]
    grids = {k: [] for k in keys}
    dead = {}
    for i, a in enumerate(nets["net-a"]):
        rows = {k: [] for k in keys}
        for j, b in enumerate(nets["net-b"]):
            values = ref.all_measures(a, b)
            if knn_is_tied(a, KNN_K) or knn_is_tied(b, KNN_K):
                values["knn"] = None
            for k in keys:
                rows[k].append(values.get(k))
        for k in keys:
            grids[k].append(rows[k])
    for net, layers in nets.items():
        dead[net] = [int(np.sum(np.all(l == l[0], axis=0))) for l in layers]
    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump({"layers": names, "grids": grids, "constant_units": dead}, f, indent=1)


if __name__ == "__main__":
    main()
