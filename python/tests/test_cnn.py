"""A small CNN captured to .safetensors and .npy, checked against a hand-written hook loop, then
opened by layermap (layers, compute --format json)."""
import json
import os
import unittest

import numpy as np
import torch

from support import TemporaryDirectoryCase, layermap, linear_cka, read_safetensors, reference_hook_loop
from models import SmallCNN, image_batches

import layermap_capture as lc

ORDER = ["stem", "pool", "block", "head"]


def reference_rows(dtype="<f4"):
    raw = reference_hook_loop(SmallCNN(), image_batches(), ORDER)
    return {n: a.reshape(a.shape[0], -1).astype(dtype) for n, a in raw.items()}


class CNNCaptureTests(TemporaryDirectoryCase):
    def test_values_equal_the_hand_written_hook_loop_and_the_order_is_recorded(self):
        out = self.path("cnn.safetensors")
        result = lc.capture(SmallCNN(), image_batches(), ORDER, out)
        self.assertEqual(result.samples, 20)
        self.assertEqual(result.layers, [("stem", 256), ("pool", 64), ("block", 96), ("head", 5)])
        tensors, meta, _ = read_safetensors(out)
        expected = reference_rows()
        self.assertEqual(sorted(tensors), sorted(ORDER))
        for name in ORDER:
            self.assertEqual(tensors[name].dtype, np.dtype("<f4"), name)
            np.testing.assert_array_equal(tensors[name], expected[name], err_msg=name)
        self.assertEqual(json.loads(meta["layermap.order"]), ORDER)
        self.assertEqual(meta["layermap.reduce"], "flatten")
        self.assertEqual(json.loads(meta["layermap.source_shapes"]),
                         {"stem": [4, 8, 8], "pool": [4, 4, 4], "block": [6, 4, 4], "head": [5]})
        self.assertOnlyFiles("cnn.safetensors")
        mask = os.umask(0o022)
        os.umask(mask)
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o666 & ~mask, "the output is created as any file is")

    def test_globs_pick_modules_in_the_models_order_and_patterns_keep_theirs(self):
        out = self.path("g.safetensors")
        result = lc.capture(SmallCNN(), image_batches(), ["head", "*o*"], out)
        # "*o*" matches pool and block, in the model's order; head, named first, stays first.
        self.assertEqual([n for n, _ in result.layers], ["head", "pool", "block"])
        self.assertEqual(json.loads(read_safetensors(out)[1]["layermap.order"]), ["head", "pool", "block"])

    def test_layermap_lists_the_recorded_order_and_the_policy(self):
        out = self.path("cnn.safetensors")
        lc.capture(SmallCNN(), image_batches(), ORDER, out)
        run = layermap("layers", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        rows = [line.split() for line in run.stdout.splitlines() if line.startswith("cnn ")]
        self.assertEqual([r[2] for r in rows], ORDER)
        self.assertEqual([r[1] for r in rows], ["0", "1", "2", "3"])
        self.assertEqual([r[3] for r in rows], ["20×256", "20×64", "20×96", "20×5"])
        self.assertIn("layer order: cnn (recorded order)", run.stdout)
        self.assertIn("captured with reduce: cnn (flatten)", run.stdout)

    def test_layermap_computes_the_cka_numpy_computes_from_the_reference_rows(self):
        out = self.path("cnn.safetensors")
        lc.capture(SmallCNN(), image_batches(), ORDER, out)
        run = layermap("compute", out, "--format", "json")
        self.assertEqual(run.returncode, 0, run.stderr)
        grid = json.loads(run.stdout)
        self.assertEqual(grid["rows"], ORDER)
        self.assertEqual(grid["cols"], ORDER)
        self.assertEqual(grid["n"], 20)
        expected = reference_rows()
        want = [[linear_cka(expected[a].astype(np.float64), expected[b].astype(np.float64)) for b in ORDER]
                for a in ORDER]
        np.testing.assert_allclose(np.array(grid["values"]), np.array(want), rtol=1e-6, atol=1e-9)

    def test_float16_and_float64_store_the_reference_values_in_that_precision(self):
        for dtype, tag, numpy_dtype in (("float16", "F16", "<f2"), (torch.float64, "F64", "<f8"), (np.float16, "F16", "<f2")):
            out = self.path(f"cnn-{tag}.safetensors")
            lc.capture(SmallCNN(), image_batches(), ORDER, out, dtype=dtype)
            tensors, _, header = read_safetensors(out)
            expected = reference_rows(numpy_dtype)
            for name in ORDER:
                self.assertEqual(header[name]["dtype"], tag)
                np.testing.assert_array_equal(tensors[name], expected[name], err_msg=f"{dtype} {name}")
            run = layermap("layers", out)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn({"F16": "float16", "F64": "float64"}[tag], run.stdout)

    def test_a_directory_of_npy_files_holds_the_same_rows_and_records_the_order_beside_them(self):
        out = self.path("cnn")
        lc.capture(SmallCNN(), image_batches(), ORDER, out, format="npy")
        expected = reference_rows()
        self.assertEqual(sorted(os.listdir(out)), sorted([n + ".npy" for n in ORDER] + ["layermap_capture.json"]))
        for name in ORDER:
            np.testing.assert_array_equal(np.load(os.path.join(out, name + ".npy")), expected[name], err_msg=name)
        mask = os.umask(0o022)
        os.umask(mask)
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o777 & ~mask, "the directory is created as any directory is")
        with open(os.path.join(out, "layermap_capture.json")) as f:
            self.assertEqual(json.load(f)["order"], ORDER)
        run = layermap("layers", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual([line.split()[2] for line in run.stdout.splitlines() if line.startswith("cnn ")],
                         ["block", "head", "pool", "stem"], "a directory is read in natural name order")
        # Capturing again replaces the previous capture whole.
        lc.capture(SmallCNN(), image_batches(), ["head"], out, format="npy")
        self.assertEqual(sorted(os.listdir(out)), ["head.npy", "layermap_capture.json"])
        self.assertOnlyFiles("cnn")

    def test_rows_reach_the_disk_batch_by_batch(self):
        seen = []

        def batches():
            for k, batch in enumerate(image_batches()):
                spools = [n for n in os.listdir(self.dir) if n.startswith(".cnn.safetensors.capture-")]
                self.assertEqual(len(spools), 1)
                raw = os.path.join(self.dir, spools[0], "3.raw")  # head, the fourth layer: 5 float32 a row
                seen.append(os.path.getsize(raw))
                yield batch

        lc.capture(SmallCNN(), batches(), ORDER, self.path("cnn.safetensors"))
        self.assertEqual(seen, [0, 6 * 5 * 4, 12 * 5 * 4, 18 * 5 * 4], "each batch's rows are written before the next")
        self.assertOnlyFiles("cnn.safetensors")

    def test_the_models_modes_are_restored(self):
        model = SmallCNN()
        model.train()
        model.pool.eval()
        lc.capture(model, image_batches(), ORDER, self.path("m.safetensors"))
        self.assertTrue(model.training and model.stem.training)
        self.assertFalse(model.pool.training)
        self.assertEqual([len(m._forward_hooks) for m in model.modules()], [0] * len(list(model.modules())))


if __name__ == "__main__":
    unittest.main()
