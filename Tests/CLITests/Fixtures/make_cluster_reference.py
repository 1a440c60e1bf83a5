"""Reference leaf orders for the explorer's clustered view, from scipy.

    python3 make_cluster_reference.py OUT.json SAMPLES_DIR

Writes cases {"name", "kind", "grid", "rows", "cols"}: `grid` is a matrix of values and
`rows`/`cols` the leaf orders scipy gives:
- kind "square" (a model against itself, a similarity): linkage(squareform(1 - (S + S.T)/2),
  "average"), the same order on rows and columns;
- kind "vectors": rows clustered by their row vectors, columns by their column vectors, each
  linkage(X, "average", metric="euclidean").
Orders are scipy.cluster.hierarchy.leaves_list. Seeded random cases, plus linear CKA grids
(computed here with numpy, centred Gram formula) of samples/relu-s0 against itself and
against tanh-s1.
"""
import json
import sys

import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage
from scipy.spatial.distance import squareform


def square_order(s):
    d = 1.0 - (s + s.T) / 2.0
    np.fill_diagonal(d, 0.0)
    return leaves_list(linkage(squareform(d, checks=False), "average")).tolist()


def vector_order(x):
    # One vector: nothing to cluster (scipy refuses a single observation).
    return [0] if len(x) == 1 else leaves_list(linkage(x, "average", metric="euclidean")).tolist()


def vector_orders(g):
    return vector_order(g), vector_order(g.T)


def linear_cka(x, y):
    x = x - x.mean(0)
    y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def layers(path):
    with np.load(path) as z:
        names = sorted(z.files, key=lambda n: [int(t) if t.isdigit() else t for t in __import__("re").split(r"(\d+)", n)])
        return names, [z[n].reshape(z[n].shape[0], -1).astype(np.float64) for n in names]


def main():
    out, samples = sys.argv[1], sys.argv[2]
    rng = np.random.default_rng(2021)
    cases = []
    for k, n in enumerate([2, 3, 7, 12, 25]):
        f = rng.standard_normal((n, 5))
        s = np.corrcoef(f) * 0.5 + 0.5
        cases.append({"name": f"seeded square {n}", "kind": "square", "grid": s.tolist(),
                      "rows": square_order(s), "cols": square_order(s)})
    for r, c in [(1, 4), (5, 9), (9, 14), (30, 17)]:
        g = rng.random((r, c))
        rows, cols = vector_orders(g)
        cases.append({"name": f"seeded vectors {r}x{c}", "kind": "vectors", "grid": g.tolist(), "rows": rows, "cols": cols})
    _, a = layers(f"{samples}/relu-s0.npz")
    _, b = layers(f"{samples}/tanh-s1.npz")
    s = np.array([[linear_cka(x, y) for y in a] for x in a])
    cases.append({"name": "samples relu-s0 x relu-s0", "kind": "square", "grid": s.tolist(),
                  "rows": square_order(s), "cols": square_order(s)})
    g = np.array([[linear_cka(x, y) for y in b] for x in a])
    rows, cols = vector_orders(g)
    cases.append({"name": "samples relu-s0 x tanh-s1", "kind": "vectors", "grid": g.tolist(), "rows": rows, "cols": cols})
    with open(out, "w") as fh:
        json.dump(cases, fh)


if __name__ == "__main__":
    main()
