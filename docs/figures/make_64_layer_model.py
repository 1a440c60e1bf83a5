"""Writes bert64.safetensors: a synthetic 64-layer model whose layers are named like a BERT
checkpoint's (encoder.layer.N.attention.output.dense), for the README's figures.

Each layer is the previous one plus a little noise, with a stronger change at layers 20 and
44, so neighbouring layers are alike (CKA 0.9-1.0) and three blocks show. 500 samples, 64
features, float32, seed 0.

    python3 docs/figures/make_64_layer_model.py /tmp/bert64.safetensors
"""
import json
import struct
import sys

import numpy as np


def write_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = array.astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main(path):
    rng = np.random.default_rng(0)
    n, d = 500, 64
    x = rng.standard_normal((n, d))
    layers = {}
    for k in range(64):
        step = 0.6 if k in (20, 44) else 0.07
        x = x + step * rng.standard_normal((n, d)) + 0.03 * np.tanh(x)
        layers[f"encoder.layer.{k}.attention.output.dense"] = x.copy()
    write_safetensors(path, layers)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bert64.safetensors")
