"""Writes two seeded convolutional models for bench/kernel_matching.sh: N = 400 examples, four
N×C×H×W layers each (32×16×16, 64×8×8, 64×8×8, 128×4×4), float32 .npz. Model B is model A's
maps through a random channel mixing, a ReLU and noise, so the grids have structure.

    python3 bench/make_conv_models.py OUT_DIR
"""
import os
import sys

import numpy as np

SHAPES = [(32, 16, 16), (64, 8, 8), (64, 8, 8), (128, 4, 4)]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(12)
    n = 400
    a, b = {}, {}
    for i, (c, h, w) in enumerate(SHAPES, start=1):
        x = np.maximum(rng.standard_normal((n, c, h, w)), 0)
        mix = rng.standard_normal((c, c)) / np.sqrt(c)
        y = np.maximum(np.einsum("dc,nchw->ndhw", mix, x), 0) + 0.3 * rng.standard_normal((n, c, h, w))
        a[f"layer{i}"], b[f"layer{i}"] = x.astype(np.float32), y.astype(np.float32)
    np.savez(os.path.join(out, "conv-a.npz"), **a)
    np.savez(os.path.join(out, "conv-b.npz"), **b)


if __name__ == "__main__":
    main()
