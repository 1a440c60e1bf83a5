"""Every way a capture refuses, with a message naming the model, the layer and the problem, and
leaving nothing behind."""
import os
import unittest

import torch
from torch import nn

from support import TemporaryDirectoryCase, read_safetensors
from models import SmallCNN, TinyTransformer, image_batches, token_batches

import layermap_capture as lc
from layermap_capture.selection import glob_expression


class Shared(nn.Module):
    """Calls one module twice in a forward pass."""

    def __init__(self):
        super().__init__()
        self.twice = nn.Linear(4, 4)
        self.blocks = nn.ModuleList([nn.Linear(4, 4), nn.Linear(4, 4)])

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.twice(self.twice(x))


class SequenceFirst(nn.Module):
    """Returns T×B×D, the layout of nn.TransformerEncoder without batch_first."""

    def __init__(self):
        super().__init__()
        self.inner = nn.Identity()

    def forward(self, x):
        return self.inner(x.transpose(0, 1))


class CaptureErrorTests(TemporaryDirectoryCase):
    def assertRefuses(self, fragments, call):
        """`call` raises CaptureError whose message holds every fragment; the directory stays empty."""
        with self.assertRaises(lc.CaptureError) as caught:
            call()
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertOnlyFiles(*[n for n in os.listdir(self.dir) if not n.startswith(".")])
        self.assertEqual([n for n in os.listdir(self.dir) if n.startswith(".")], [], "a spool file was left")
        return str(caught.exception)

    def test_a_name_matching_no_module_lists_the_close_ones(self):
        out = self.path("m.safetensors")
        self.assertRefuses(["'encoder.blokcs.0'", "matches no module of TinyTransformer", "close names: encoder.blocks.0"],
                           lambda: lc.capture(TinyTransformer(), token_batches(), ["encoder.blokcs.0"], out))
        self.assertRefuses(["'encodr.*'", "close names: encoder"],
                           lambda: lc.capture(TinyTransformer(), token_batches(), ["encodr.*"], out))
        message = self.assertRefuses(["'zzz'", "its 5 modules include: stem, act"],
                                     lambda: lc.capture(SmallCNN(), image_batches(), ["head", "zzz"], out))
        self.assertIn("--list-modules", message)
        self.assertFalse(os.path.exists(out))

    def test_a_module_that_never_runs_is_named(self):
        out = self.path("m.safetensors")
        self.assertRefuses(["Shared: the module of layer 'blocks' never ran in batch 0", "nn.ModuleList"],
                           lambda: lc.capture(Shared(), [torch.randn(3, 4)], ["blocks.0", "blocks"], out))
        # nn.MultiheadAttention never calls its out_proj module: `**` reaches it, and it is named.
        self.assertRefuses(["'encoder.blocks.0.attention.out_proj' never ran"],
                           lambda: lc.capture(TinyTransformer(), token_batches(), ["encoder.blocks.**"], out))

    def test_a_module_that_stops_running_in_a_later_batch_is_named(self):
        class Sometimes(nn.Module):
            def __init__(self):
                super().__init__()
                self.a, self.b = nn.Linear(4, 2), nn.Linear(4, 2)

            def forward(self, x):
                return self.a(x) if x.shape[0] == 3 else self.b(x)

        self.assertRefuses(["layer 'a' ran in earlier batches but not in batch 1"],
                           lambda: lc.capture(Sometimes(), [torch.randn(3, 4), torch.randn(2, 4)], ["a"],
                                              self.path("m.safetensors")))

    def test_a_module_called_twice_in_one_pass_is_refused(self):
        self.assertRefuses(["layer 'twice' in batch 0", "ran twice in one forward pass"],
                           lambda: lc.capture(Shared(), [torch.randn(3, 4)], ["twice"], self.path("m.safetensors")))

    def test_sample_counts_that_disagree_between_models_are_refused(self):
        first = self.path("a.safetensors")
        lc.capture(SmallCNN(), image_batches(), ["head"], first)
        self.assertRefuses(["the batches hold 18 samples but", "a.safetensors holds 20",
                            "every model must see the same samples"],
                           lambda: lc.capture(SmallCNN(seed=1), image_batches((6, 6, 6)), ["head"],
                                              self.path("b.safetensors"), same_samples_as=first))
        self.assertRefuses(["more than the 20 samples of"],
                           lambda: lc.capture(SmallCNN(seed=1), image_batches((6, 6, 6, 6)), ["head"],
                                              self.path("b.safetensors"), same_samples_as=first))
        self.assertRefuses(["the batches hold 20 samples but samples=24 holds 24"],
                           lambda: lc.capture(SmallCNN(), image_batches(), ["head"], self.path("b.safetensors"),
                                              samples=24))
        self.assertFalse(os.path.exists(self.path("b.safetensors")))

    def test_capture_many_checks_every_model_against_the_first(self):
        sizes = iter([(6, 6, 6, 2), (6, 6, 6, 2), (6, 6)])
        results = lc.capture_many({"r1": SmallCNN(0), "r2": SmallCNN(1)}, lambda: image_batches(next(sizes)),
                                  ["stem", "head"], self.dir)
        self.assertEqual({n: r.samples for n, r in results.items()}, {"r1": 20, "r2": 20})
        self.assertEqual(read_safetensors(self.path("r2.safetensors"))[0]["head"].shape, (20, 5))
        sizes = iter([(6, 6, 6, 2), (6, 6)])
        with self.assertRaises(lc.CaptureError) as caught:
            lc.capture_many({"r3": SmallCNN(0), "r4": SmallCNN(1)}, lambda: image_batches(next(sizes)),
                            ["head"], self.dir)
        self.assertIn("r4: the batches hold 12 samples but model 'r3' holds 20", str(caught.exception))
        self.assertFalse(os.path.exists(self.path("r4.safetensors")))
        generator = (b for b in image_batches())
        with self.assertRaises(lc.CaptureError) as caught:
            lc.capture_many({"r5": SmallCNN()}, generator, ["head"], self.dir)
        self.assertIn("one-shot iterator", str(caught.exception))

    def test_outputs_without_the_samples_first_are_refused(self):
        self.assertRefuses(["layer 'inner' in batch 0", "is 5×3×4", "not the batch's 3 samples", "batch_first=True"],
                           lambda: lc.capture(SequenceFirst(), [torch.randn(3, 5, 4)], ["inner"],
                                              self.path("m.safetensors"), reduce="mean"))

    def test_masks_that_do_not_fit_are_refused(self):
        batches = token_batches()
        wrong_shape = [{"input_ids": b["input_ids"], "attention_mask": b["attention_mask"]} for b in batches]
        out = self.path("m.safetensors")
        labels = [(b["input_ids"], b["input_ids"]) for b in batches]
        self.assertRefuses(["layer 'encoder.embed' in batch 0", "values other than 0 and 1", "labels"],
                           lambda: lc.capture(TinyTransformer(), labels, ["encoder.embed"], out, reduce="mean",
                                              forward=lambda m, b: m(b[0], torch.ones_like(b[0]))))
        short = [(b["input_ids"], b["attention_mask"][:, :5]) for b in batches]
        self.assertRefuses(["the batch's mask is 3×5 but the layer's tokens are 3×7"],
                           lambda: lc.capture(TinyTransformer(), short, ["encoder.embed"], out, reduce="last",
                                              forward=lambda m, b: m(b[0], torch.ones_like(b[0]))))
        empty = [{"input_ids": b["input_ids"], "attention_mask": b["attention_mask"] * 0} for b in wrong_shape[:1]]
        self.assertRefuses(["marks no real token in sample 0"],
                           lambda: lc.capture(TinyTransformer(), empty, ["encoder.embed"], out, reduce="cls",
                                              forward=lambda m, b: m(b["input_ids"], torch.ones_like(b["input_ids"]))))

    def test_flatten_needs_one_sequence_length(self):
        batches = token_batches()
        ragged = batches[:1] + [{k: v[:, :5] for k, v in batches[1].items()}]
        self.assertRefuses(["layer 'encoder.embed' in batch 1", "40 columns where earlier batches gave 56"],
                           lambda: lc.capture(TinyTransformer(), ragged, ["encoder.embed"], self.path("m.safetensors")))
        lc.capture(TinyTransformer(), ragged, ["encoder.embed"], self.path("m.safetensors"), reduce="mean")

    def test_non_finite_values_and_float16_overflow_are_refused(self):
        class Scale(nn.Module):
            def __init__(self, factor):
                super().__init__()
                self.factor = factor
                self.out = nn.Identity()

            def forward(self, x):
                return self.out(x * self.factor)

        self.assertRefuses(["layer 'out' in batch 0", "do not fit float16", "65504", "wider dtype"],
                           lambda: lc.capture(Scale(1e6), [torch.ones(2, 3)], ["out"], self.path("m.safetensors"),
                                              dtype="float16"))
        broken = torch.tensor([[1.0, float("nan"), 2.0], [float("inf"), 0.0, 1.0]])
        self.assertRefuses(["layer 'out' in batch 1", "2 non-finite values"],
                           lambda: lc.capture(Scale(1.0), [torch.ones(2, 3), broken], ["out"], self.path("m.safetensors")))

    def test_bad_options_and_batches_are_refused(self):
        cnn, batches = SmallCNN(), image_batches()
        self.assertRefuses(["x.npy", "must end in .safetensors", "format='npy'"],
                           lambda: lc.capture(cnn, batches, ["head"], self.path("x.npy")))
        self.assertRefuses(["reduce 'first' is not a policy", "flatten, cls, last, mean"],
                           lambda: lc.capture(cnn, batches, ["head"], self.path("m.safetensors"), reduce="first"))
        self.assertRefuses(["dtype 'int8' is not supported"],
                           lambda: lc.capture(cnn, batches, ["head"], self.path("m.safetensors"), dtype="int8"))
        self.assertRefuses(["layers is empty"], lambda: lc.capture(cnn, batches, [], self.path("m.safetensors")))
        self.assertRefuses(["batches gave no batch"], lambda: lc.capture(cnn, [], ["head"], self.path("m.safetensors")))
        self.assertRefuses(["batch 0 is a tuple of 3 items", "(inputs, mask)"],
                           lambda: lc.capture(cnn, [(batches[0], None, None)], ["head"], self.path("m.safetensors")))
        self.assertRefuses(["does not exist"],
                           lambda: lc.capture(cnn, batches, ["head"], self.path("no/such/m.safetensors")))
        os.mkdir(self.path("mine"))
        open(self.path("mine/notes.txt"), "w").close()
        with self.assertRaises(lc.CaptureError) as caught:
            lc.capture(cnn, batches, ["head"], self.path("mine"), format="npy")
        self.assertIn("is not a previous capture", str(caught.exception))
        self.assertEqual(os.listdir(self.path("mine")), ["notes.txt"])


class GlobTests(unittest.TestCase):
    def test_star_stays_within_one_part_and_double_star_crosses_parts(self):
        cases = [("encoder.layer.*.output", "encoder.layer.3.output", True),
                 ("encoder.layer.*.output", "encoder.layer.3.attention.output", False),
                 ("blocks.**", "blocks.0.attention.out_proj", True), ("**", "a.b", True), ("*", "a.b", False),
                 ("h.?", "h.1", True), ("h.?", "h.10", False), ("[ab]x", "bx", True), ("[!ab]x", "bx", False),
                 ("[a-c]", "b", True), ("[a-c]", "d", False), ("[x", "[x", True), ("[]]", "]", True),
                 ("[!]]", "a", True), ("[^]", "^", True), ("a+b", "a+b", True), ("a+b", "aab", False)]
        for pattern, name, matches in cases:
            self.assertEqual(bool(glob_expression(pattern).fullmatch(name)), matches, f"{pattern} ~ {name}")


if __name__ == "__main__":
    unittest.main()
