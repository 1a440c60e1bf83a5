"""A small transformer (tuple-returning blocks, a ModelOutput-returning encoder, padded batches
with attention masks) captured under every token policy, checked against a hand-written hook loop
and per-sample numpy reductions, then opened by layermap."""
import json
import unittest

import numpy as np
import torch
from torch import nn

from support import TemporaryDirectoryCase, layermap, linear_cka, read_safetensors, reference_hook_loop
from models import TinyTransformer, token_batches

import layermap_capture as lc

PATTERNS = ["encoder.embed", "encoder.blocks.*", "encoder", "head"]
ORDER = ["encoder.embed", "encoder.blocks.0", "encoder.blocks.1", "encoder", "head"]


def reference(policy):
    """{layer: N×D float32 rows} by the hand-written loop and a per-sample reduction."""
    batches = token_batches()
    raw = reference_hook_loop(TinyTransformer(), batches, ORDER, run=lambda m, b: m(**b))
    mask = np.concatenate([b["attention_mask"].numpy() for b in batches], axis=0)
    rows = {}
    for name, h in raw.items():
        if h.ndim == 2:
            rows[name] = h.astype("<f4")
            continue
        reduced = []
        for i in range(h.shape[0]):
            real = np.flatnonzero(mask[i])
            reduced.append({"cls": lambda: h[i, real[0]], "last": lambda: h[i, real[-1]],
                            "mean": lambda: h[i, real].mean(axis=0),
                            "flatten": lambda: h[i].reshape(-1)}[policy]())
        rows[name] = np.array(reduced).astype("<f4")
    return rows


class TransformerCaptureTests(TemporaryDirectoryCase):
    def test_every_policy_equals_the_hand_written_reduction(self):
        widths = {"cls": 8, "last": 8, "mean": 8, "flatten": 56}
        for policy in ("cls", "last", "mean", "flatten"):
            out = self.path(f"tiny-{policy}.safetensors")
            result = lc.capture(TinyTransformer(), token_batches(), PATTERNS, out, reduce=policy)
            self.assertEqual([n for n, _ in result.layers], ORDER)
            self.assertEqual(result.samples, 12)
            tensors, meta, _ = read_safetensors(out)
            self.assertEqual(meta["layermap.reduce"], policy)
            self.assertEqual(json.loads(meta["layermap.order"]), ORDER)
            expected = reference(policy)
            for name in ORDER:
                self.assertEqual(tensors[name].shape, (12, 3 if name == "head" else widths[policy]), name)
                if policy == "mean" and name != "head":
                    np.testing.assert_allclose(tensors[name], expected[name], rtol=1e-6, atol=1e-7,
                                               err_msg=f"{policy} {name}")
                else:
                    np.testing.assert_array_equal(tensors[name], expected[name], err_msg=f"{policy} {name}")

    def test_cls_and_last_follow_the_mask_through_left_and_right_padding(self):
        out = self.path("t.safetensors")
        lc.capture(TinyTransformer(), token_batches(), ["encoder.embed"], out, reduce="cls")
        first = read_safetensors(out)[0]["encoder.embed"]
        raw = reference_hook_loop(TinyTransformer(), token_batches(), ["encoder.embed"],
                                  run=lambda m, b: m(**b))["encoder.embed"].astype("<f4")
        # Batch 3 (samples 7–9) is left-padded: its first real token is not at position 0.
        masks = np.concatenate([b["attention_mask"].numpy() for b in token_batches()])
        self.assertTrue((masks[7:10, 0] == 0).any(), "the fixture has a left-padded sample")
        for i in range(12):
            np.testing.assert_array_equal(first[i], raw[i, np.flatnonzero(masks[i])[0]])

    def test_a_pair_of_inputs_and_mask_and_a_forward_function_are_batches_too(self):
        batches = token_batches()
        pairs = [(b["input_ids"], b["attention_mask"]) for b in batches]
        out = self.path("p.safetensors")
        lc.capture(TinyTransformer(), pairs, ["encoder.blocks.1"], out, reduce="mean",
                   forward=lambda model, batch: model(batch[0], batch[1]))
        np.testing.assert_allclose(read_safetensors(out)[0]["encoder.blocks.1"], reference("mean")["encoder.blocks.1"],
                                   rtol=1e-6, atol=1e-7)

    def test_layermap_lists_the_order_and_policy_and_computes_the_numpy_cka(self):
        out = self.path("tiny.safetensors")
        lc.capture(TinyTransformer(), token_batches(), PATTERNS, out, reduce="mean")
        listing = layermap("layers", out)
        self.assertEqual(listing.returncode, 0, listing.stderr)
        self.assertEqual([line.split()[2] for line in listing.stdout.splitlines() if line.startswith("tiny ")], ORDER)
        self.assertIn("layer order: tiny (recorded order)", listing.stdout)
        self.assertIn("captured with reduce: tiny (mean)", listing.stdout)
        run = layermap("compute", out, "--format", "json")
        self.assertEqual(run.returncode, 0, run.stderr)
        grid = json.loads(run.stdout)
        self.assertEqual(grid["rows"], ORDER)
        rows = {n: a.astype(np.float64) for n, a in read_safetensors(out)[0].items()}
        want = [[linear_cka(rows[a], rows[b]) for b in ORDER] for a in ORDER]
        np.testing.assert_allclose(np.array(grid["values"]), np.array(want), rtol=1e-6, atol=1e-9)
        picked = layermap("layers", out, "--layers", "head", "--layers", "encoder.blocks.*")
        self.assertIn("layer order: tiny (--layers order)", picked.stdout)
        self.assertIn("captured with reduce: tiny (mean)", picked.stdout)

    def test_nn_transformer_encoders_nested_fast_path_gives_the_plain_paths_values(self):
        class Encoder(nn.Module):
            def __init__(self, nested):
                super().__init__()
                torch.manual_seed(0)
                layer = nn.TransformerEncoderLayer(8, 2, 16, batch_first=True)
                self.encoder = nn.TransformerEncoder(layer, 2, enable_nested_tensor=nested)

            def forward(self, x, attention_mask):
                return self.encoder(x, src_key_padding_mask=attention_mask == 0)

        mask = torch.ones(4, 6, dtype=torch.long)
        mask[0, 3:] = 0
        mask[2, 5:] = 0
        batches = [{"x": torch.randn(4, 6, 8, generator=torch.Generator().manual_seed(3)), "attention_mask": mask}]
        seen = []
        probe = Encoder(True).eval()
        probe.encoder.layers[0].register_forward_hook(lambda m, i, o: seen.append(o.is_nested))
        with torch.no_grad():
            probe(**batches[0])
        self.assertEqual(seen, [True], "this torch takes the nested fast path, which the test is about")
        for policy in ("cls", "last", "mean"):
            fast, plain = self.path(f"fast-{policy}.safetensors"), self.path(f"plain-{policy}.safetensors")
            lc.capture(Encoder(True), batches, ["encoder.layers.*"], fast, reduce=policy)
            lc.capture(Encoder(False), batches, ["encoder.layers.*"], plain, reduce=policy)
            got, want = read_safetensors(fast)[0], read_safetensors(plain)[0]
            self.assertEqual(sorted(got), ["encoder.layers.0", "encoder.layers.1"])
            for name in got:
                np.testing.assert_allclose(got[name], want[name], rtol=1e-5, atol=1e-5, err_msg=f"{policy} {name}")


if __name__ == "__main__":
    unittest.main()
