"""Shared helpers of the capture tests: an independent .safetensors reader, the reference hook
loop every capture is compared with, linear CKA in numpy, and running the layermap binary.

The reader and the reference loop are written here on purpose, apart from the package: the
tests check the package's files and values against code that shares nothing with it.
"""
import json
import os
import struct
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_ROOT = os.path.dirname(HERE)
REPOSITORY = os.path.dirname(PYTHON_ROOT)
sys.path.insert(0, PYTHON_ROOT)


def layermap_binary():
    """The layermap executable: $LAYERMAP_BIN, else the debug build in the repository. A missing
    binary fails the test (build it first: swift build), it is never skipped."""
    path = os.environ.get("LAYERMAP_BIN") or os.path.join(REPOSITORY, ".build", "debug", "layermap")
    if not os.access(path, os.X_OK):
        raise AssertionError(f"no layermap binary at {path}; build it (swift build) or set LAYERMAP_BIN")
    return path


def layermap(*arguments):
    """Runs layermap; returns the CompletedProcess (text, both streams captured)."""
    return subprocess.run([layermap_binary(), *arguments], capture_output=True, text=True, timeout=600)


def read_safetensors(path):
    """(tensors {name: array}, metadata {str: str}, header order of the JSON keys) of a .safetensors file."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    types = {"F16": "<f2", "F32": "<f4", "F64": "<f8"}
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype=types[entry["dtype"]]).reshape(entry["shape"])
    return tensors, header.get("__metadata__", {}), header


def reference_hook_loop(model, batches, names, run=None):
    """The hand-written way: a hook per named module appending its raw output, every batch run
    under no_grad in eval mode; returns {name: the outputs of all batches concatenated on axis 0},
    as float64 arrays of the module's own shape (tuples give their first element)."""
    modules = dict(model.named_modules())
    kept = {n: [] for n in names}
    handles = []
    for n in names:
        def hook(module, inputs, output, n=n):
            if isinstance(output, tuple):
                output = output[0]
            elif hasattr(output, "last_hidden_state"):
                output = output.last_hidden_state
            kept[n].append(output.detach().double().numpy().copy())
        handles.append(modules[n].register_forward_hook(hook))
    model.eval()
    with torch.no_grad():
        for batch in batches:
            (run or (lambda m, b: m(b)))(model, batch)
    for h in handles:
        h.remove()
    return {n: np.concatenate(v, axis=0) for n, v in kept.items()}


def linear_cka(x, y):
    """Linear CKA of two N×D arrays (float64): ||Yc'Xc||_F² / (||Xc'Xc||_F ||Yc'Yc||_F)."""
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    cross = np.linalg.norm(y.T @ x) ** 2
    return cross / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


class TemporaryDirectoryCase(unittest.TestCase):
    """A test case with `self.dir`, a fresh directory removed after each test."""

    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix="layermap-capture-test-")
        self.dir = self._dir.name

    def tearDown(self):
        self._dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def assertOnlyFiles(self, *names):
        """The directory holds exactly these entries: nothing half-written or left over."""
        self.assertEqual(sorted(os.listdir(self.dir)), sorted(names))
