"""Independent numpy / scikit-learn reference for layermap's stitching accuracy (`stitch`),
and the fixtures StitchingTests read.

Run from this directory:  python3 make_stitching_fixtures.py
Writes st_<case>_{x,y}.bin (raw little-endian float32, row-major) and stitching.json.
Every value is computed in float64 from the float32 layers. Split: fit rows 0..<N/2,
held-out rows N/2..<N (regression's held-out split).

  Readout:    sklearn.linear_model.LogisticRegression(C=1.0, tol=1e-10, max_iter=10000)
              (lbfgs, multinomial for K >= 3) on B's RAW fit rows (no centring, no scaling:
              layermap centres, which only moves the intercept). Recorded: coef_.T (D_B x K),
              the intercept shifted to sum 0, predict_proba on the held-out rows, and B's
              held-out accuracy (predict == label).
              Also that objective's minimiser refined by Newton steps from it (numpy), since
              lbfgs stops on its ftol with a sum-form gradient near 1e-6: scikit-learn's
              coefficients are within ~1e-6 of the minimiser, the Newton ones within ~1e-12.
  Maps (fit rows, A and B centred by their fit means):
              least squares  M = lstsq(Af, Bf, rcond = max(N/2, D_A)*eps_float32)
              rank <= k      M V_k V_k^T, V from the SVD of Af M; k capped at the rank of the
                             fitted values (s > s_max * max(rank Af, D_B) * eps_float32)
              lasso          sklearn Lasso(alpha, tol=1e-12, max_iter=1e6) on the raw fit rows
              task loss      our own numpy gradient descent: X~ = [Af | 1], start A = [M W; 0],
                             step 1/l with l = 0.5 * s_max(X~)^2 * s_max(W)^2,
                             A <- A - X~^T (P - Y) (W^T W) / l, until ||X~^T (P - Y) W^T||_F <=
                             1e-4 * its start value or 1000 steps.
  Stitched accuracy: the readout's prediction on the mapped held-out rows
              (Ae M + mean of B's fit rows), against their labels; relative = that / B's.
"""
import json
import os
import warnings

import numpy as np
from sklearn.linear_model import Lasso, LogisticRegression

EPS32 = float(np.finfo(np.float32).eps)
OUT = {"generator": "make_stitching_fixtures.py (numpy float64, scikit-learn LogisticRegression and Lasso)",
       "cases": []}


def save(name, m):
    m = np.ascontiguousarray(m, dtype="<f4")
    m.tofile(f"{name}.bin")
    return {"file": f"{name}.bin", "rows": int(m.shape[0]), "cols": int(m.shape[1])}, m.astype(np.float64)


def readout(b_fit, labels_fit):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning must fail the script
        warnings.simplefilter("ignore", FutureWarning)
        model = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000)
        model.fit(b_fit, labels_fit)
    return model


def newton_refine(x, y_idx, w, b, steps=4):
    """Newton steps on the same objective (sum form: sum CE + 0.5 ||W||^2, b free) from
    scikit-learn's solution: lbfgs there stops on ftol with a gradient near 1e-6, and this
    gives the minimiser itself to ~1e-12 as a second, independent reference."""
    n, d = x.shape
    k = w.shape[1]
    xt = np.hstack([x, np.ones((n, 1))])
    theta = np.vstack([w, b[None, :]])
    pen = np.ones((d + 1, k))
    pen[d] = 0
    for _ in range(steps):
        z = xt @ theta
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        r = p.copy()
        r[np.arange(n), y_idx] -= 1
        g = xt.T @ r + pen * theta
        s = p[:, :, None] * np.eye(k)[None] - p[:, :, None] * p[:, None, :]       # n x K x K
        h = np.einsum("ij,il,icm->jclm", xt, xt, s, optimize=True).reshape((d + 1) * k, (d + 1) * k)
        h += np.diag(pen.ravel())
        theta = theta - np.linalg.lstsq(h, g.ravel(), rcond=None)[0].reshape(d + 1, k)
    z = xt @ theta
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(n), y_idx] -= 1
    grad = float(np.abs(xt.T @ p + pen * theta).max())
    bb = theta[d] - theta[d].mean()
    return theta[:d], bb, grad


def gradient(x, y_idx, w, b):
    n = x.shape[0]
    z = x @ w + b
    p = np.exp(z - z.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(n), y_idx] -= 1
    return float(max(np.abs(x.T @ p + w).max(), np.abs(p.sum(0)).max()))


def softmax_ce(z, y):
    top = z.max(axis=1, keepdims=True)
    e = np.exp(z - top)
    s = e.sum(axis=1, keepdims=True)
    p = e / s
    ce = float((top[:, 0] + np.log(s[:, 0]) - z[np.arange(len(y)), y]).sum())
    r = p.copy()
    r[np.arange(len(y)), y] -= 1
    return ce, r


def task_loss(af, m_ls, w, b_centred, y_idx):
    n, d = af.shape
    xt = np.hstack([af, np.ones((n, 1))])
    a = np.vstack([m_ls @ w, np.zeros((1, w.shape[1]))])
    wtw = w.T @ w
    ell = 0.5 * np.linalg.norm(xt, 2) ** 2 * np.linalg.norm(w, 2) ** 2
    ce, r = softmax_ce(xt @ a + b_centred, y_idx)
    start = ce
    steps, first = 0, None
    while True:
        g = xt.T @ r
        gw = g @ wtw
        norm = np.sqrt(max(0.0, float((g * gw).sum())))
        if first is None:
            first = norm
        if not norm > 1e-4 * first or steps >= 1000:
            break
        a = a - gw / ell
        steps += 1
        ce, r = softmax_ce(xt @ a + b_centred, y_idx)
    return a, start / n, ce / n, steps


def case(name, x32, y32, labels, rank_k, alpha):
    ex, x = save(f"st_{name}_x", x32)
    ey, y = save(f"st_{name}_y", y32)
    labels = np.asarray(labels)
    classes = np.unique(labels)
    y_idx = np.searchsorted(classes, labels)
    n = x.shape[0]
    h = n // 2
    mx, my = x[:h].mean(0), y[:h].mean(0)
    af, ae = x[:h] - mx, x[h:] - mx
    bf = y[:h] - my
    model = readout(y[:h], labels[:h])
    w = model.coef_.T                                   # D_B x K
    b_raw = model.intercept_
    b_centred = b_raw + my @ w                          # the intercept for centred inputs
    acc_b = float((model.predict(y[h:]) == labels[h:]).mean())
    proba = model.predict_proba(y[h:])

    def stitched(pred_centred):
        return float((model.predict(pred_centred + my) == labels[h:]).mean())

    m_ls = np.linalg.lstsq(af, bf, rcond=max(h, x.shape[1]) * EPS32)[0]
    acc_ls = stitched(ae @ m_ls)
    f = af @ m_ls
    _, s, vt = np.linalg.svd(f, full_matrices=False)
    sa = np.linalg.svd(af, compute_uv=False)
    ra = int((sa > sa[0] * max(af.shape) * EPS32).sum())
    full = int((s > s[0] * max(ra, y.shape[1]) * EPS32).sum())
    k = max(1, min(rank_k, full))
    v = vt[:k].T
    acc_rank = stitched(ae @ m_ls @ v @ v.T)
    lasso = Lasso(alpha=alpha, fit_intercept=True, tol=1e-12, max_iter=1_000_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lasso.fit(x[:h], y[:h])
    acc_l1 = float((model.predict(lasso.predict(x[h:])) == labels[h:]).mean())
    a, ce0, ce1, steps = task_loss(af, m_ls, w, b_centred, y_idx[:h])
    w_n, b_n, grad_n = newton_refine(bf, y_idx[:h], w, b_centred - b_centred.mean())
    zn = (y[h:] - my) @ w_n + b_n
    pn = np.exp(zn - zn.max(axis=1, keepdims=True))
    pn /= pn.sum(axis=1, keepdims=True)
    z = np.hstack([ae, np.ones((n - h, 1))]) @ a + b_centred
    acc_task = float((z.argmax(axis=1) == y_idx[h:]).mean())
    OUT["cases"].append({
        "name": name, "x": ex, "y": ey, "labels": [int(v) for v in labels], "rank": rank_k, "alpha": alpha,
        "readout": {"coef": w.ravel().tolist(), "intercept": (b_centred - b_centred.mean()).tolist(),
                    "heldout_proba": proba.ravel().tolist(), "iterations": int(np.max(model.n_iter_)),
                    "gradient": gradient(bf, y_idx[:h], w, b_centred - b_centred.mean())},
        "newton_readout": {"coef": w_n.ravel().tolist(), "intercept": b_n.tolist(),
                           "heldout_proba": pn.ravel().tolist(), "gradient": grad_n},
        "b_accuracy": acc_b, "regression_accuracy": acc_ls, "regression_rank_accuracy": acc_rank,
        "regression_l1_accuracy": acc_l1, "task_loss_accuracy": acc_task,
        "task_loss_steps": steps, "regression_train_ce": ce0, "task_loss_train_ce": ce1,
    })
    print(f"{name}: acc_B {acc_b:.4f}  LS {acc_ls:.4f}  rank {acc_rank:.4f}  l1 {acc_l1:.4f}  "
          f"task {acc_task:.4f} ({steps} steps, CE {ce0:.6f} -> {ce1:.6f}), readout {np.max(model.n_iter_)} iterations, "
          f"gradient sklearn {gradient(bf, y_idx[:h], w, b_centred - b_centred.mean()):.2g} Newton {grad_n:.2g}, "
          f"max |W_sk - W_newton| {np.abs(w - w_n).max():.2g}")


def main():
    rng = np.random.default_rng(20211206)
    # Four overlapping classes in a 6-wide B; A is a noisy linear image of B, 9 wide.
    n, k = 160, 4
    labels = rng.integers(0, k, size=n)
    labels[:k] = np.arange(k)                         # every class in the fit half
    centres = rng.standard_normal((k, 6)) * 1.2
    b = centres[labels] + rng.standard_normal((n, 6))
    a = b @ rng.standard_normal((6, 9)) + 0.8 * rng.standard_normal((n, 9)) + 3.0
    case("seeded_four_classes", a.astype(np.float32), (b + 1.5).astype(np.float32), labels * 3 - 2, 2, 0.05)
    # The trained networks of samples/: tanh seed 0 layer3 -> tanh seed 1 layer3, digit labels.
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "samples")
    xs = np.load(os.path.join(root, "tanh-s0", "layer3.npy")).astype(np.float32)
    ys = np.load(os.path.join(root, "tanh-s1.npz"))["layer3"].astype(np.float32)
    digits = np.loadtxt(os.path.join(root, "heldout.txt"), dtype=np.int64)[:, 1]
    case("samples_tanh_layer3", xs, ys, digits, 8, 0.01)
    with open("stitching.json", "w") as f:
        json.dump(OUT, f, indent=1)


if __name__ == "__main__":
    main()
