"""Writes the benchmark workload: two models, 24 layers each, N samples, widths cycling
256/512/1024/2048, float32, as directories of .npy files (one per layer).

    python3 bench/make_workload.py OUT_DIR [--samples 5000] [--layers 24] [--widths 256,512,1024,2048]

Layers are correlated the way real networks' are: each layer is a random projection of the
previous one through a ReLU plus noise, so CKA values are neither all 0 nor all 1.
"""
import argparse
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--samples", type=int, default=5000)
    ap.add_argument("--layers", type=int, default=24)
    ap.add_argument("--widths", default="256,512,1024,2048")
    ap.add_argument("--models", default="a,b")
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    rng = np.random.default_rng(2026)
    inputs = rng.standard_normal((args.samples, 64)).astype(np.float32)
    for m, name in enumerate(args.models.split(",")):
        d = os.path.join(args.out, name)
        os.makedirs(d, exist_ok=True)
        h = inputs
        for i in range(args.layers):
            w = widths[i % len(widths)]
            proj = rng.standard_normal((h.shape[1], w)).astype(np.float32) / np.sqrt(h.shape[1])
            h = np.maximum(h @ proj, 0) + 0.1 * rng.standard_normal((args.samples, w)).astype(np.float32)
            np.save(os.path.join(d, f"layer{i + 1}.npy"), h.astype(np.float32))
    print(f"wrote {args.models} to {args.out}: N={args.samples}, {args.layers} layers, widths {widths}")


if __name__ == "__main__":
    main()
