"""Independent numpy reference for layermap's seed baseline and layer-correspondence test.

Writes baseline.json: random layer x layer grids for every ordered pair of 5 models (group A:
models 0-2, group B: models 3-4), one asymmetric, with a few undefined (None) cells, and:
  within[i][j]  = mean over ordered same-group pairs (p != q) of grid[p][q][i][j]
  across[i][j]  = mean over ordered cross-group pairs
  difference    = within - across
  p[i][j]       = #{labellings L with diff_L >= diff_observed} / #labellings, over all C(5,3)
  correspondence accuracy: for every ordered pair (p, q), layer i is identified when
      S[i][i] > S[i][j] for all j != i, with S = grid[p][q] + grid[q][p].T (asymmetric case),
      undefined entries left out, an undefined diagonal a miss.
"""
import itertools
import json
import numpy as np

rng = np.random.default_rng(11)
M, A, L = 5, 3, 4


def make_grids():
    g = [[None] * M for _ in range(M)]
    for p in range(M):
        for q in range(M):
            if p == q:
                continue
            base = rng.uniform(0.2, 0.6, (L, L)) + 0.4 * np.eye(L)
            if (p < A) == (q < A):
                base += 0.1  # same group: more alike
            g[p][q] = base
    g[0][3][1][2] = np.nan
    g[4][1][0][0] = np.nan
    return g


def means(g, labels):
    ws, wc, as_, ac = np.zeros((L, L)), np.zeros((L, L)), np.zeros((L, L)), np.zeros((L, L))
    for p in range(M):
        for q in range(M):
            if p == q:
                continue
            v = g[p][q]
            ok = ~np.isnan(v)
            if labels[p] == labels[q]:
                ws[ok] += v[ok]; wc += ok
            else:
                as_[ok] += v[ok]; ac += ok
    return ws / wc, as_ / ac


g = make_grids()
observed = [p < A for p in range(M)]
w, a = means(g, observed)
d = w - a
count = np.zeros((L, L))
labellings = list(itertools.combinations(range(M), A))
for combo in labellings:
    labels = [p in combo for p in range(M)]
    lw, la = means(g, labels)
    count += (lw - la) >= d - 1e-12
pv = count / len(labellings)

hits = total = 0
for p in range(M):
    for q in range(M):
        if p == q:
            continue
        s = g[p][q] + g[q][p].T
        for i in range(L):
            total += 1
            if np.isnan(s[i][i]):
                continue
            others = [s[i][j] for j in range(L) if j != i and not np.isnan(s[i][j])]
            if all(s[i][i] > o for o in others):
                hits += 1


def clean(x):
    return [[None if np.isnan(v) else float(v) for v in row] for row in x]


json.dump({
    "groupA": A,
    "grids": [[None if x is None else clean(x) for x in row] for row in g],
    "within": clean(w), "across": clean(a), "difference": clean(d), "p": clean(pv),
    "labellings": len(labellings),
    "correspondence_asymmetric": hits / total,
}, open("baseline.json", "w"))
print("accuracy", hits / total, "labellings", len(labellings))
