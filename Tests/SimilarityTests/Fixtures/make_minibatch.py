"""Independent numpy reference for minibatch CKA (Nguyen, Raghu & Kornblith 2021).

Uses the unbiased HSIC of make_fixtures.py on batches of b consecutive samples (the last,
shorter batch included when it has more than 3 samples) and averages:
    CKA_mb = mean HSIC_u(K_k, L_k) / sqrt(mean HSIC_u(K_k, K_k) * mean HSIC_u(L_k, L_k))
Writes minibatch.json for case_4 (120 samples) and case_1 (64 samples) with b = 25.
"""
import json
import numpy as np
from make_fixtures import hsic_unbiased, linear_gram


def minibatch_cka(x, y, b):
    xy = xx = yy = 0.0
    count = 0
    for s in range(0, x.shape[0], b):
        xb, yb = x[s:s + b], y[s:s + b]
        if xb.shape[0] <= 3:
            continue
        kx, ky = linear_gram(xb), linear_gram(yb)
        xy += hsic_unbiased(kx, ky)
        xx += hsic_unbiased(kx, kx)
        yy += hsic_unbiased(ky, ky)
        count += 1
    return xy / np.sqrt(xx * yy), count


out = {}
for case in ["case_4", "case_1"]:
    x = np.load(f"{case}_x.npy").astype(np.float64)
    y = np.load(f"{case}_y.npy").astype(np.float64)
    v, batches = minibatch_cka(x, y, 25)
    out[case] = {"batch_size": 25, "batches": batches, "minibatch_cka": float(v)}
json.dump(out, open("minibatch.json", "w"), indent=1)
print(out)
