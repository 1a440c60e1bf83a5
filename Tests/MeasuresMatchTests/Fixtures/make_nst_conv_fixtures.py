"""Independent numpy reference for layermap's convolutional Neuron Selectivity Transfer
MMD² (`nst-linear`, `nst-poly`, `nst-gauss`), and the fixture its tests read.

python3 make_nst_conv_fixtures.py  writes nst_conv.json beside this script: small seeded
float32 N×C×H×W layers (flat, C order, with their shapes) and the expected values, computed
here in float64 from the float32 values.

python3 make_nst_conv_fixtures.py --models DIR  writes only DIR/conv_a.npz and DIR/conv_b.npz,
two toy models with 4-D layers, to try the tool.

Written from the paper (Huang & Wang 2017, "Like What You Like: Knowledge Distill via Neuron
Selectivity Transfer") and its published code (TuSimple/neuron-selectivity-transfer,
symbol/transfer.py), not from layermap's code:
  points:   for each example n, the C channel maps of that example (H·W values each),
            each scaled to unit length (a zero map stays zero: NST's L2Normalization
            divides by sqrt(‖x‖² + 1e-10), which leaves 0 at 0; here the division is exact).
  pooling:  when the maps differ in size, each layer is average-pooled to
            (min(H_x, H_y), min(W_x, W_y)) with PyTorch's adaptive_avg_pool2d bins:
            start = floor(i·H_in/H_out), end = ceil((i+1)·H_in/H_out); the maps are scaled
            to unit length after pooling. Checked against torch when torch is importable.
  kernels:  linear aᵀb; polynomial (aᵀb)² (d = 2, c = 0, NST's default); Gaussian
            exp(−‖a−b‖²/(2σ²)) with σ² the mean squared distance over all pairs of distinct
            points of that example's pooled set (its C_x + C_y maps).
  MMD²_n:   the biased estimate, mean over all pairs (i = j included):
            mean k(x_i, x_j) + mean k(y_i, y_j) − 2 mean k(x_i, y_j), explicit loops.
            An example whose pooled points are all the same point has MMD²_n = 0 (for
            the Gaussian, σ² = 0 there and the kernel is taken as 1).
  MMD²:     the mean of MMD²_n over the N examples.
"""
import json
import math
import sys

import numpy as np


def bins(n_in, n_out):
    return [(math.floor(i * n_in / n_out), math.ceil((i + 1) * n_in / n_out)) for i in range(n_out)]


def adaptive_pool(maps, h, w):
    """maps: (..., H, W) float64 → (..., h, w), by the rule above, with explicit loops."""
    H, W = maps.shape[-2:]
    out = np.zeros(maps.shape[:-2] + (h, w))
    for i, (r0, r1) in enumerate(bins(H, h)):
        for j, (c0, c1) in enumerate(bins(W, w)):
            out[..., i, j] = maps[..., r0:r1, c0:c1].mean(axis=(-2, -1))
    return out


def unit_points(example, h, w):
    """example: C×H×W float64 → C×(h·w) unit-length rows (zero stays zero)."""
    p = adaptive_pool(example, h, w).reshape(example.shape[0], -1)
    out = np.zeros_like(p)
    for c in range(p.shape[0]):
        norm = math.sqrt(float(np.dot(p[c], p[c])))
        if norm > 0:
            out[c] = p[c] / norm
    return out


def kernel_mean(a, b, k):
    return sum(k(a[i], b[j]) for i in range(len(a)) for j in range(len(b))) / (len(a) * len(b))


def mmd_example(xs, ys, kernel):
    if kernel == "linear":
        k = lambda a, b: float(np.dot(a, b))
        sigma2 = None
    elif kernel == "poly":
        k = lambda a, b: float(np.dot(a, b)) ** 2
        sigma2 = None
    else:
        pooled = list(xs) + list(ys)
        m = len(pooled)
        total = sum(float(np.sum((pooled[p] - pooled[q]) ** 2)) for p in range(m) for q in range(m) if p != q)
        sigma2 = total / (m * (m - 1))
        if sigma2 == 0:
            return 0.0, 0.0
        k = lambda a, b: math.exp(-float(np.sum((a - b) ** 2)) / (2 * sigma2))
    value = kernel_mean(xs, xs, k) + kernel_mean(ys, ys, k) - 2 * kernel_mean(xs, ys, k)
    return value, sigma2


def nst(x, y, kernel):
    """x: N×Cx×Hx×Wx, y: N×Cy×Hy×Wy float64."""
    h, w = min(x.shape[2], y.shape[2]), min(x.shape[3], y.shape[3])
    values, sigmas, zero_x, zero_y = [], [], 0, 0
    for n in range(x.shape[0]):
        xs, ys = unit_points(x[n], h, w), unit_points(y[n], h, w)
        zero_x += int(np.sum(np.all(xs == 0, axis=1)))
        zero_y += int(np.sum(np.all(ys == 0, axis=1)))
        v, s = mmd_example(xs, ys, kernel)
        values.append(v)
        sigmas.append(s)
    out = {"value": float(np.mean(values)), "pooled_h": h, "pooled_w": w, "zero_x": zero_x, "zero_y": zero_y}
    if kernel == "gauss":
        out["sigma2_mean"] = float(np.mean(sigmas))
    return out


def zero_maps(x):
    return int(np.sum(np.all(x.reshape(x.shape[0], x.shape[1], -1) == 0, axis=2)))


POOLING_CASES = [(6, 6, 4, 4), (5, 7, 3, 4), (8, 4, 4, 4), (7, 5, 7, 2), (9, 9, 1, 1), (3, 3, 3, 3)]


def pooling_cases(rng):
    """Single maps and their pooled values, for the pooling's own test."""
    out = []
    for (H, W, h, w) in POOLING_CASES:
        a = rng.standard_normal((H, W)).astype(np.float32)
        out.append({"in_shape": [H, W], "out_shape": [h, w], "input": [float(t) for t in a.ravel()],
                    "output": [float(t) for t in adaptive_pool(a.astype(np.float64), h, w).ravel()]})
    return out


def check_against_torch(rng):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        print("torch not importable: adaptive pooling checked by the loops only")
        return
    for (H, W, h, w) in POOLING_CASES:
        a = rng.standard_normal((2, 3, H, W))
        ours = adaptive_pool(a, h, w)
        theirs = F.adaptive_avg_pool2d(torch.from_numpy(a), (h, w)).numpy()
        assert np.allclose(ours, theirs, rtol=0, atol=1e-12), (H, W, h, w)
    print("adaptive pooling agrees with torch.nn.functional.adaptive_avg_pool2d")


def layer(rng, shape, relu=True):
    a = rng.standard_normal(shape).astype(np.float32)
    return np.maximum(a, 0) if relu else a


def main():
    if "--models" in sys.argv:
        write_models(sys.argv[sys.argv.index("--models") + 1])
        return
    rng = np.random.default_rng(20170101)
    check_against_torch(np.random.default_rng(1))
    layers = {}
    layers["a"] = layer(rng, (5, 4, 6, 6))
    layers["b"] = layer(rng, (5, 3, 4, 4))
    layers["c"] = layer(rng, (5, 3, 5, 7), relu=False)
    layers["d"] = layer(rng, (5, 4, 3, 4))
    layers["e"] = layer(rng, (5, 4, 4, 8))
    layers["f"] = layer(rng, (5, 4, 8, 4))
    z = layer(rng, (5, 4, 6, 6))
    z[0, 1] = 0          # one zero map in example 0
    z[2] = 0             # every map of example 2 zero
    z[:, 3] = 0          # channel 3 dead in every example
    layers["z"] = z
    # A signed map whose 2×2 pooled values are 0 although it is not: pooled away to zero.
    s = layer(rng, (5, 2, 4, 4), relu=False)
    s[1, 0] = np.array([[1, -1, 2, -2], [-1, 1, -2, 2], [3, -3, 1, -1], [-3, 3, -1, 1]], dtype=np.float32)
    layers["s"] = s
    layers["t"] = layer(rng, (5, 3, 2, 2))
    pairs = [("a", "b"), ("c", "d"), ("e", "f"), ("a", "z"), ("z", "b"), ("s", "t"), ("a", "a")]
    cases = []
    for xn, yn in pairs:
        x, y = layers[xn].astype(np.float64), layers[yn].astype(np.float64)
        case = {"x": xn, "y": yn}
        for kernel in ["linear", "poly", "gauss"]:
            case[kernel] = nst(x, y, kernel)
        cases.append(case)
    out = {
        "generator": "make_nst_conv_fixtures.py (numpy float64, explicit loops)",
        "layers": {k: {"shape": list(v.shape), "values": [float(t) for t in v.ravel()]} for k, v in layers.items()},
        "zero_maps": {k: zero_maps(v) for k, v in layers.items()},
        "pairs": cases,
        "pooling": pooling_cases(rng),
    }
    import os
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nst_conv.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def write_models(directory):
    """Two toy 'CNNs' on the same 64 random 12×12 images: three ReLU conv stages each
    (a: 8, 16, 16 channels at 12, 6, 3 pixels; b: 6, 12, 24 at 12, 6, 6), from seeded
    random 3×3 filters, plus the flattened last stage as a 2-D layer."""
    import os
    rng = np.random.default_rng(7)
    images = rng.standard_normal((64, 1, 12, 12)).astype(np.float32)

    def conv(x, out_c, stride):
        n, c, H, W = x.shape
        k = rng.standard_normal((out_c, c, 3, 3)).astype(np.float32) / math.sqrt(9 * c)
        p = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
        h, w = (H + stride - 1) // stride, (W + stride - 1) // stride
        out = np.zeros((n, out_c, h, w), dtype=np.float32)
        for i in range(h):
            for j in range(w):
                patch = p[:, :, i * stride:i * stride + 3, j * stride:j * stride + 3]
                out[:, :, i, j] = np.einsum("nchw,ochw->no", patch, k)
        return np.maximum(out, 0)

    os.makedirs(directory, exist_ok=True)
    for name, spec in [("conv_a", [(8, 1), (16, 2), (16, 2)]), ("conv_b", [(6, 1), (12, 2), (24, 1)])]:
        x, arrays = images, {}
        for k, (c, stride) in enumerate(spec):
            x = conv(x, c, stride)
            arrays[f"stage{k + 1}"] = x
        arrays["flat"] = x.reshape(x.shape[0], -1)
        np.savez(os.path.join(directory, f"{name}.npz"), **arrays)
        print(f"wrote {directory}/{name}.npz:", {k: v.shape for k, v in arrays.items()})


if __name__ == "__main__":
    main()
