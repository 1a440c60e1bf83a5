#!/usr/bin/env python3
"""Writes the .pt fixtures the torch-reader tests read, beside this script: into torch/ when run
with torch 1.x, into torch2/ (the same valid files, no hostile ones) with torch 2.x, whose
archives add byteorder, .format_version, .storage_alignment and .data/serialization_id members.

Run with a Python that has torch and numpy (Debian: apt-get install python3-torch, then
/usr/bin/python3 Tests/LayerIOTests/Fixtures/make_torch_fixtures.py). torch/ was written with
Debian's torch 1.13, torch2/ with the CPU wheel of torch 2.13. The generated files are committed, so the Swift tests need no Python. Re-running rewrites them with
the same bytes, except hostile/legacy.pt, whose storage keys are memory addresses.

- torch/*.pt are written by torch.save itself; the values the Swift reader must return are
  written beside them by numpy (expected_*.npz, from torch's own .contiguous()/.float()).
- torch/hostile/*.pt are derived from torch-written files: cut, re-zipped without a member,
  compressed, or with a data.pkl re-pickled with wrong numbers (same structure torch writes, via
  pickle's persistent_id), plus the few crafted pickles a hostile file would hold (os.system,
  BUILD, an unknown opcode, memo abuse).
"""
import collections
import io
import os
import pickle
import shutil
import struct
import zipfile

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
MODERN = int(torch.__version__.split(".")[0]) >= 2
OUT = os.path.join(HERE, "torch2" if MODERN else "torch")
HOSTILE = os.path.join(OUT, "hostile")


def grid(n, d):
    """A[i, j] = 10 i + j + 0.25: exact in float16 and bfloat16 (the Swift tests' `grid`)."""
    i, j = np.meshgrid(np.arange(n), np.arange(d), indexing="ij")
    return torch.from_numpy((10.0 * i + j + 0.25).astype(np.float32))


def out(*parts):
    p = os.path.join(OUT, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def expected(name, arrays):
    """Expected values, as float32 C-order arrays in an .npz, in the given order."""
    np.savez(out(name), **{k: v.detach().contiguous().float().numpy() for k, v in arrays.items()})


shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
rng = torch.Generator().manual_seed(20240607)

# --- an OrderedDict whose order is not alphabetical, every supported dtype, a conv layer -------
conv = torch.from_numpy(np.load(os.path.join(HERE, "conv", "conv_c.npy")))  # 3×4×2×5, as conv/
ordered = collections.OrderedDict([
    ("zeta", grid(3, 3)),
    ("alpha", grid(3, 2).double()),
    ("mid", grid(3, 5).half()),
    ("bf", grid(3, 4).bfloat16()),
    ("conv", conv),
])
torch.save(ordered, out("ordered.pt"))
expected("expected_ordered.npz", ordered)
# The same dict pickled with protocol 4 (SHORT_BINUNICODE, MEMOIZE, FRAME, STACK_GLOBAL).
torch.save(ordered, out("protocol4.pt"), pickle_protocol=4)

# --- views: a storage offset, a transpose (Fortran order), strided slices, an expand ----------
base = torch.randn(6, 5, generator=rng)
seq = torch.randn(4, 3, 5, generator=rng)  # N×T×D
views = {
    "offset": base[2:],               # contiguous, storage offset 10
    "transposed": base.t(),           # 5×6, strides (1, 5): Fortran order
    "cls": seq[:, 0],                 # 4×5, strides (15, 1): a slice, materialised
    "columns": base[1:5, 1:4],        # 4×3, strides (5, 1), offset 6
    "expanded": base[0:1, :].expand(4, 5),  # stride 0 on axis 0
    "permuted": seq.permute(0, 2, 1),  # 4×5×3, strides (15, 1, 5)
    "everyother": base[::2, ::2],      # 3×3, strides (10, 2)
}
torch.save(views, out("views.pt"))
expected("expected_views.npz", views)

# --- containers: nested dicts flatten with dotted names, lists and tuples by index ------------
nested = {"block": {"conv": grid(3, 2), "fc": [grid(3, 3), grid(3, 4)]}, "head": (grid(3, 1),), 7: grid(3, 5)}
torch.save(nested, out("nested.pt"))
expected("expected_nested.npz", {"block.conv": nested["block"]["conv"], "block.fc.0": nested["block"]["fc"][0],
                                  "block.fc.1": nested["block"]["fc"][1], "head.0": nested["head"][0], "7": nested[7]})
torch.save([grid(3, 2), grid(3, 3)], out("list.pt"))
torch.save((grid(3, 2), grid(3, 3)), out("tuple.pt"))

# --- parameters (nn.Parameter pickles through _rebuild_parameter), requires_grad tensors -------
lin = torch.nn.Linear(4, 3)
with torch.no_grad():
    lin.weight.copy_(grid(3, 4))
torch.save({"weight": lin.weight, "grad_tensor": grid(3, 4).requires_grad_()}, out("parameter.pt"))

# --- a state_dict: an OrderedDict with _metadata attributes (pickled with BUILD) ------------------
torch.manual_seed(5)
net = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.Linear(3, 3))  # every tensor has 3 rows
torch.save(net.state_dict(), out("state_dict.pt"))
expected("expected_state_dict.npz", net.state_dict())

# --- one tensor under two names, two views of one storage --------------------------------------
shared = grid(4, 6)
torch.save({"a": shared, "b": shared, "top": shared[:2], "bottom": shared[2:]}, out("shared.pt"))

# --- 16-bit floats: subnormals, extremes, signed zeros, infinities: exact conversion ----------
half = torch.tensor([[0.0, -0.0, 6e-8, -6e-8, 6.1e-5, 65504.0, -65504.0, float("inf")],
                     [float("-inf"), 1 / 3, 3.140625, -2.5, 1e-7, 5.96e-8, 1024.5, 0.1]]).half()
bf16 = torch.tensor([[0.0, -0.0, 1e-39, -1e-39, 3.3895e38, -3.3895e38, float("inf"), float("-inf")],
                     [1 / 3, 3.140625, -2.5, 1e-30, 7.0e-45, 123456.0, 0.1, -0.1]]).bfloat16()
torch.save({"half": half, "bf16": bf16}, out("halfs.pt"))
expected("expected_halfs.npz", {"half": half, "bf16": bf16})

# --- a small model's activations, as .pt and as .npz (the command-line comparison) -------------
torch.manual_seed(3)
model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 3, 3, padding=1), torch.nn.ReLU(),
    torch.nn.Flatten(), torch.nn.Linear(3 * 4 * 4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 4))
inputs = torch.randn(64, 1, 4, 4)
captured = collections.OrderedDict()
for name, module in model.named_children():
    module.register_forward_hook(lambda m, i, o, name=name: captured.__setitem__("layer" + name, o.detach()))
with torch.no_grad():
    model(inputs)
torch.save(captured, out("acts.pt"))
np.savez(out("acts.npz"), **{k: v.numpy() for k, v in captured.items()})

if MODERN:
    print("torch fixtures written to", OUT, "with torch", torch.__version__)
    raise SystemExit(0)

# ================================ hostile variants =============================================
os.makedirs(HOSTILE)


def hostile(name):
    return os.path.join(HOSTILE, name)


def members(path):
    with zipfile.ZipFile(path) as z:
        return [(info.filename, z.read(info.filename)) for info in z.infolist()]


def rezip(path, items, compression=zipfile.ZIP_STORED):
    """A zip of `items` with fixed timestamps, so re-running rewrites the same bytes."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in items:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, compress_type=compression)


def with_pickle(source, target, pickled):
    """The torch-written `source` with its data.pkl replaced."""
    rezip(target, [(n, pickled if n.endswith("/data.pkl") else d) for n, d in members(source)])


small = out("small.pt")
torch.save({"x": grid(3, 2)}, small)  # one float32 storage "0" of 6 elements

raw = open(small, "rb").read()
open(hostile("truncated.pt"), "wb").write(raw[: len(raw) * 3 // 5])
torch.save({"x": grid(3, 2)}, hostile("legacy.pt"), _use_new_zipfile_serialization=False)
open(hostile("plain_pickle.pt"), "wb").write(pickle.dumps({"x": [1.0, 2.0]}, protocol=2))
rezip(hostile("storage_missing.pt"), [(n, d) for n, d in members(small) if not n.endswith("/data/0")])
rezip(hostile("compressed.pt"), members(small), zipfile.ZIP_DEFLATED)
torch.save(grid(3, 2), hostile("bare_tensor.pt"))
torch.save({"x": grid(3, 2), "epoch": 3}, hostile("not_a_tensor.pt"))
torch.save({"x": grid(3, 2), "labels": torch.arange(3)}, hostile("int_tensor.pt"))
torch.save({"x": grid(3, 2), "mask": torch.ones(3, 2, dtype=torch.bool)}, hostile("bool_tensor.pt"))
corrupt = bytearray(raw)
storage_at = raw.index(grid(3, 2).numpy().tobytes())
corrupt[storage_at + 5] ^= 0x40  # a data byte: caught by the storage's CRC-32 on first read
open(hostile("storage_crc.pt"), "wb").write(bytes(corrupt))
corrupt = bytearray(raw)
corrupt[raw.index(b"_rebuild_tensor_v2")] ^= 0x01  # a pickle byte: data.pkl's CRC-32
open(hostile("pickle_crc.pt"), "wb").write(bytes(corrupt))


class Storage:
    """Stands for a storage in a re-pickled data.pkl: pickled as torch's persistent id."""

    def __init__(self, type_name="FloatStorage", key="0", location="cpu", numel=6):
        self.pid = ("storage", getattr(torch, type_name), key, location, numel)


class Tensor:
    """Pickles exactly as torch pickles a tensor, with the numbers given."""

    def __init__(self, storage, offset=0, size=(3, 2), stride=(2, 1), extra=()):
        self.args = (storage, offset, size, stride, False, collections.OrderedDict()) + tuple(extra)

    def __reduce__(self):
        return (torch._utils._rebuild_tensor_v2, self.args)


class Pickler(pickle.Pickler):
    def persistent_id(self, obj):
        return obj.pid if isinstance(obj, Storage) else None


def repickle(obj):
    buffer = io.BytesIO()
    Pickler(buffer, protocol=2).dump(obj)
    return buffer.getvalue()


# The faithful re-pickle is read like the original (a check of the method itself).
with_pickle(small, hostile("repickled_ok.pt"), repickle({"x": Tensor(Storage())}))
variants = {
    "numel_too_large.pt": {"x": Tensor(Storage(numel=7), size=(7,), stride=(1,))},
    "numel_negative.pt": {"x": Tensor(Storage(numel=-6))},
    "size_negative.pt": {"x": Tensor(Storage(), size=(-1, 2))},
    "size_overflow.pt": {"x": Tensor(Storage(), size=(2 ** 62, 2 ** 62), stride=(0, 0))},
    "size_bigint.pt": {"x": Tensor(Storage(), size=(2 ** 70, 1), stride=(1, 1))},
    "stride_out_of_bounds.pt": {"x": Tensor(Storage(), size=(3, 2), stride=(3, 1))},
    "offset_out_of_bounds.pt": {"x": Tensor(Storage(), offset=1, size=(3, 2), stride=(2, 1))},
    "stride_overflow.pt": {"x": Tensor(Storage(), size=(3, 2), stride=(2 ** 62, 1))},
    "expanded_huge.pt": {"x": Tensor(Storage(), size=(2 ** 20, 2 ** 20), stride=(0, 0))},
    "stride_negative.pt": {"x": Tensor(Storage(), size=(3, 2), stride=(-2, 1))},
    "stride_rank.pt": {"x": Tensor(Storage(), size=(3, 2), stride=(1,))},
    "storage_key_unknown.pt": {"x": Tensor(Storage(key="9"))},
    "storage_type_long.pt": {"x": Tensor(Storage(type_name="LongStorage", numel=3), size=(3,), stride=(1,))},
    "storage_type_mismatch.pt": {"x": Tensor(Storage(type_name="DoubleStorage", numel=6))},
    "metadata.pt": {"x": Tensor(Storage(), extra=({"conj": True},))},
    "duplicate_name.pt": {"a.b": Tensor(Storage()), "a": {"b": Tensor(Storage())}},
    "empty_key.pt": {"": Tensor(Storage())},
}
deep = Tensor(Storage())
for _ in range(80):
    deep = [deep]
variants["deep_nesting.pt"] = {"x": deep}
cycle = []
cycle.append(cycle)
variants["memo_cycle.pt"] = {"x": cycle}
inner = {"t": Tensor(Storage())}
variants["memo_shared_dict.pt"] = {"a": inner, "b": inner}
pair = (Tensor(Storage()),)
variants["memo_shared_tuple.pt"] = {"a": pair, "b": pair}
for name, obj in variants.items():
    with_pickle(small, hostile(name), repickle(obj))

# Crafted pickles: what an attacker would write instead of torch.
crafted = {
    # os.system("echo pwned"): GLOBAL, an argument tuple, REDUCE.
    "os_system.pt": b"\x80\x02cos\nsystem\nX\x0a\x00\x00\x00echo pwned\x85R.",
    # A plain dict given state by BUILD (how an arbitrary object would be restored).
    "build.pt": b"\x80\x02}}X\x01\x00\x00\x00aK\x01sb.",
    # An OrderedDict given a list as its state.
    "build_list_state.pt": b"\x80\x02ccollections\nOrderedDict\n)R]b.",
    # NEWOBJ on an allowed class.
    "newobj.pt": b"\x80\x02ccollections\nOrderedDict\n)\x81.",
    # An opcode that does not exist.
    "unknown_opcode.pt": b"\x80\x02}\xff.",
    # A memo reference to an index never stored (LONG_BINGET 0xffffffff).
    "memo_missing.pt": b"\x80\x02}j\xff\xff\xff\xff.",
    # A string claiming 4 GB.
    "huge_string.pt": b"\x80\x02}X\xf0\xff\xff\xff",
    # SETITEMS without a MARK.
    "no_mark.pt": b"\x80\x02}u.",
    # STOP with two values on the stack.
    "stop_two_values.pt": b"\x80\x02}}.",
    # No STOP at all.
    "no_stop.pt": b"\x80\x02}",
    # REDUCE on a storage class.
    "reduce_storage.pt": b"\x80\x02ctorch\nFloatStorage\n)R.",
    # A dict key that is a tuple.
    "tuple_key.pt": b"\x80\x02})K\x01s.",
}
for name, data in crafted.items():
    with_pickle(small, hostile(name), data)

# A TorchScript-like archive: data.pkl naming a __torch__ class.
with_pickle(small, hostile("torchscript_class.pt"), b"\x80\x02c__torch__\nMyModule\n)\x81.")

print("torch fixtures written to", OUT, "with torch", torch.__version__)
