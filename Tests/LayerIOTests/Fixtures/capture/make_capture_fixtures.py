#!/usr/bin/env python3
"""Writes the .safetensors fixtures of CaptureRecordTests: files whose __metadata__ records a layer
order and a token policy, as the capture helper writes them, and files whose record is wrong.

Run from anywhere:  python3 Tests/LayerIOTests/Fixtures/capture/make_capture_fixtures.py
Needs only the standard library; the files are committed and rewritten deterministically.

Every tensor is 3×2 float32 with A[i, j] = 100·k + 10·i + j, k its index in the model's order
(stem, pool, block, head), so a test can tell which tensor it was given. Tensors are laid out in
plain name order, as the safetensors library lays them out, so neither the data offsets nor the
natural name order (block, head, pool, stem) give the model's order: only the record does.
"""
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = ["stem", "pool", "block", "head"]


def values(k):
    return [100.0 * k + 10.0 * i + j for i in range(3) for j in range(2)]


def write(file, names, metadata):
    header, data = {}, b""
    for name in sorted(names):
        k = ORDER.index(name) if name in ORDER else len(ORDER)
        block = struct.pack("<6f", *values(k))
        header[name] = {"dtype": "F32", "shape": [3, 2], "data_offsets": [len(data), len(data) + len(block)]}
        data += block
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(os.path.join(HERE, file), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


order = json.dumps(ORDER)
write("recorded.safetensors", ORDER, {"layermap.order": order, "layermap.reduce": "cls", "format": "pt"})
write("reduce_only.safetensors", ORDER, {"layermap.reduce": "last"})
write("other_metadata.safetensors", ORDER, {"format": "pt"})
write("names_absent_layer.safetensors", ["stem", "pool", "head"], {"layermap.order": order})
write("misses_a_layer.safetensors", ORDER, {"layermap.order": json.dumps(["stem", "pool", "head"])})
write("lists_twice.safetensors", ORDER, {"layermap.order": json.dumps(["stem", "pool", "pool", "block", "head"])})
write("order_not_json.safetensors", ORDER, {"layermap.order": "stem, pool, block, head"})
write("order_not_names.safetensors", ORDER, {"layermap.order": json.dumps(["stem", 1, "block", "head"])})
write("order_not_string.safetensors", ORDER, {"layermap.order": ORDER})
write("reduce_not_string.safetensors", ORDER, {"layermap.order": order, "layermap.reduce": 3})
